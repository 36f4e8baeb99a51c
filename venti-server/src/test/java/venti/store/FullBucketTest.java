package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.Format;
import venti.store.admin.TestStores;
import venti.store.disk.Bucket;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * A deliberately tiny index: when a write-back round meets a full bucket, the entries that
 * fit are written and the disk stats move up to the first that does not; that one stays
 * readable; one ERROR names the bucket and the remedy; writes that land in a full bucket are
 * refused; and after a restart every synced block still reads.
 */
class FullBucketTest {

    /** One arena partition of 1 MiB arenas and an index section of a few 8 KiB buckets. */
    private static final Format.Sizes TINY_INDEX = new Format.Sizes(8 << 20, 1 << 20, 832 << 10, 0);

    @TempDir
    Path dir;

    private static byte[] block(int i) {
        return TestStores.block(7_000_000L + i, 100);
    }

    @Test
    void aFullBucketKeepsItsEntryReadableRefusesItsWritesAndNeverWedgesTheStore() throws IOException {
        Path conf = TestStores.format(dir, TINY_INDEX);
        Logger writerLog = (Logger) LoggerFactory.getLogger(IndexWriter.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        writerLog.addAppender(logged);
        List<Score> scores = new ArrayList<>();
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            int capacity = Bucket.capacity(s.index().sections().getFirst().header().blockSize());
            Map<Long, Integer> perBucket = new HashMap<>();
            int n = 0;
            while (perBucket.values().stream().noneMatch(c -> c > capacity + 2)) {
                byte[] b = block(n++);
                Score score = s.write(BlockType.DATA, b, 0, b.length);
                scores.add(score);
                perBucket.merge(s.index().bucketOf(score), 1, Integer::sum);
            }
            s.sync();
            s.flush();

            Set<Long> full = perBucket.entrySet().stream().filter(e -> e.getValue() > capacity)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            long overflow = perBucket.values().stream().mapToLong(c -> Math.max(0, c - capacity)).sum();
            assertThat(s.cacheUse().fullBuckets()).isEqualTo(full.size());
            assertThat(s.cacheUse().stuckEntries()).isEqualTo(overflow);
            assertThat(s.cacheUse().dirtyEntries()).as("everything that fit was written").isZero();
            assertAllRead(s, scores, n);
            TailStats disk = s.index().arenas().getFirst().trailer().diskStats();
            assertThat(disk.clumps()).as("disk stats moved up to the first entry that did not fit")
                    .isPositive().isLessThan(n);

            List<ILoggingEvent> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertThat(errors).as("one ERROR per full bucket").hasSize(full.size());
            assertThat(errors.getFirst().getFormattedMessage()).matches("index bucket \\d+ in section isect0\\. \\(isect0.part\\) is full: .*")
                    .contains("fmtisect").contains("buildindex");

            int refused = 0;
            int accepted = 0;
            for (int i = n; refused == 0 || accepted == 0; i++) {
                byte[] b = block(i);
                if (full.contains(s.index().bucketOf(Sha1.hash(b)))) {
                    assertThatThrownBy(() -> s.write(BlockType.DATA, b, 0, b.length))
                            .isInstanceOf(StoreException.class)
                            .hasMessageMatching("index bucket \\d+ is full: the index is too small for this data; "
                                    + "format a larger index and run buildindex");
                    refused++;
                } else if (perBucket.getOrDefault(s.index().bucketOf(Sha1.hash(b)), 0) < capacity - 4) {
                    s.write(BlockType.DATA, b, 0, b.length);
                    perBucket.merge(s.index().bucketOf(Sha1.hash(b)), 1, Integer::sum);
                    scores.add(Sha1.hash(b));
                    accepted++;
                }
            }
            s.sync();
        } finally {
            writerLog.detachAppender(logged);
        }
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            assertAllRead(s, scores, scores.size());
            s.flush();
            assertThat(s.cacheUse().stuckEntries()).as("found again by recovery and stuck again").isPositive();
            assertAllRead(s, scores, scores.size());
        }
    }

    private static void assertAllRead(Store s, List<Score> scores, int firstN) throws IOException {
        for (Score score : scores) {
            assertThat(s.read(score, BlockType.DATA)).as("block %s", score).hasSize(100);
        }
        assertThat(firstN).isPositive();
    }
}
