package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import venti.core.BlockNotFoundException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.Format;
import venti.store.admin.TestStores;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

class StoreWriteTest {

    @TempDir
    Path dir;
    Path conf;

    @BeforeEach
    void format() throws IOException {
        conf = TestStores.format(dir, TestStores.SMALL);
    }

    @Test
    void blocksWrittenReadBackAfterReopen() throws IOException {
        Map<Score, byte[]> written = new LinkedHashMap<>();
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < 200; i++) {
                byte[] b = TestStores.block(i, 100 + i * 37);
                Score score = s.write(BlockType.DATA, b, 0, b.length);
                assertThat(score).isEqualTo(Sha1.hash(b));
                assertThat(s.read(score, BlockType.DATA)).isEqualTo(b);
                written.put(score, b);
            }
        }
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (Map.Entry<Score, byte[]> e : written.entrySet()) {
                assertThat(s.read(e.getKey(), BlockType.DATA)).isEqualTo(e.getValue());
                assertThat(s.lookup(e.getKey(), BlockType.DATA)).isPresent();
            }
            assertThat(s.dirtyIndexEntries()).isZero();
        }
    }

    @Test
    void aSecondWriteOfTheSameBlockStoresNothing() throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            byte[] b = TestStores.block(7, 5000);
            s.write(BlockType.DATA, b, 0, b.length);
            TailStats once = s.currentArena().orElseThrow().trailer().memStats();
            s.write(BlockType.DATA, b.clone(), 0, b.length);
            s.emptyCaches();
            s.write(BlockType.DATA, b.clone(), 0, b.length);
            s.flush();
            s.emptyCaches();
            s.write(BlockType.DATA, b.clone(), 0, b.length);
            assertThat(s.currentArena().orElseThrow().trailer().memStats()).isEqualTo(once);
            s.write(BlockType.DIR, b, 0, b.length);
            assertThat(s.currentArena().orElseThrow().trailer().memStats().clumps())
                    .as("the same bytes as another type are another block").isEqualTo(once.clumps() + 1);
        }
    }

    @Test
    void emptyBlocksAreNotStoredAndTooLargeOnesRefused() throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            assertThat(s.write(BlockType.DATA, new byte[0], 0, 0)).isEqualTo(Score.EMPTY);
            assertThat(s.currentArena().orElseThrow().trailer().memStats().clumps()).isZero();
            assertThat(s.read(Score.EMPTY, BlockType.DATA)).isEmpty();
            assertThat(s.read(Score.ZERO, BlockType.DATA)).isEmpty();
            byte[] big = new byte[57345];
            assertThatThrownBy(() -> s.write(BlockType.DATA, big, 0, big.length)).hasMessage("lump too large");
            byte[] max = TestStores.block(1, 57344);
            assertThat(s.read(s.write(BlockType.DATA, max, 0, max.length), BlockType.DATA)).isEqualTo(max);
        }
    }

    @Test
    void readsCheckTheCallersLimitAndTheType() throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            byte[] b = TestStores.block(3, 12);
            Score score = s.write(BlockType.DATA, b, 0, b.length);
            assertThatThrownBy(() -> s.read(score, BlockType.DATA, 5)).hasMessage("read too small: asked for 5 need at least 12");
            assertThatThrownBy(() -> s.read(score, BlockType.DIR))
                    .isInstanceOf(BlockNotFoundException.class)
                    .hasMessage("no block with score " + score + "/8 exists");
            s.emptyCaches();
            assertThatThrownBy(() -> s.read(score, BlockType.DATA, 5)).hasMessage("read too small: asked for 5 need at least 12");
        }
    }

    @Test
    void aDataPointerReadsBackAsADirPointerOfItsDepth() throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            byte[] b = TestStores.block(5, 60);
            Score score = s.write(BlockType.DATA1, b, 0, b.length);
            s.flush();
            s.emptyCaches();
            assertThat(s.read(score, BlockType.DIR1)).isEqualTo(b);
            assertThat(s.read(score, BlockType.DATA1)).isEqualTo(b);
            assertThat(s.lookup(score, BlockType.DATA1).orElseThrow().type()).isEqualTo(BlockType.DIR1);
        }
    }

    @Test
    void compressibleBlocksAreStoredCompressed() throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            byte[] text = "the quick brown fox jumps over the lazy dog. ".repeat(100).getBytes();
            byte[] random = TestStores.block(1, 4000);
            s.write(BlockType.DATA, text, 0, text.length);
            s.write(BlockType.DATA, random, 0, random.length);
            TailStats st = s.currentArena().orElseThrow().trailer().memStats();
            assertThat(st.clumps()).isEqualTo(2);
            assertThat(st.compressedClumps()).isEqualTo(1);
            assertThat(st.uncompressedSize()).isEqualTo(text.length + random.length);
            assertThat(st.used()).isLessThan(text.length + random.length);
        }
    }

    /** What DataLog says at INFO while the test that fills an arena runs (the tests' own log shows WARN and up). */
    private final ListAppender<ILoggingEvent> sealing = new ListAppender<>();

    @AfterEach
    void detachLog() {
        Logger log = (Logger) LoggerFactory.getLogger(DataLog.class);
        log.detachAppender(sealing);
        log.setLevel(null);
    }

    @Test
    void aFullArenaIsSealedScoredAndWritingGoesOnInTheNext() throws IOException, InterruptedException {
        List<Score> scores = new ArrayList<>();
        Logger log = (Logger) LoggerFactory.getLogger(DataLog.class);
        log.setLevel(Level.INFO);
        sealing.start();
        log.addAppender(sealing);
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            Arena first = s.currentArena().orElseThrow();
            for (int i = 0; s.currentArena().orElseThrow() == first; i++) {
                byte[] b = TestStores.block(2 * i + 1, 8192);
                scores.add(s.write(BlockType.DATA, b, 0, b.length));
            }
            assertThat(first.trailer().memStats().sealed()).isTrue();
            assertThat(sealing.list).extracting(ILoggingEvent::getFormattedMessage).as("said in words")
                    .contains("arena " + first.name() + " is full: sealing it, and writing on in the next");
            s.flush();
            s.awaitArenaScores();
            assertThat(first.trailer().diskStats()).isEqualTo(first.trailer().memStats());
            assertThat(first.trailer().isScored()).isTrue();
            assertThat(first.computeScore()).isEqualTo(first.trailer().score());
        }
        try (Store s = TestStores.open(conf, Store.Mode.READ_ONLY)) {
            Arena first = s.index().arenas().getFirst();
            assertThat(first.trailer().isScored()).isTrue();
            assertThat(first.computeScore()).isEqualTo(first.trailer().score());
            for (int i = 0; i < scores.size(); i++) {
                assertThat(s.read(scores.get(i), BlockType.DATA)).isEqualTo(TestStores.block(2 * i + 1, 8192));
            }
        }
    }

    @Test
    void whenEveryArenaIsFullWritesFailAndReadsGoOn() throws IOException {
        Path small = dir.resolve("small");
        Path c = TestStores.format(small, new Format.Sizes(3 << 20, 1 << 20, 1 << 20, 0));
        List<Score> scores = new ArrayList<>();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DataLog.class);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        logger.addAppender(logged);
        try (Store s = TestStores.open(c, Store.Mode.READ_WRITE)) {
            Throwable failed = null;
            for (int i = 0; failed == null || i % 10 != 0; i++) {
                byte[] b = TestStores.block(2 * i + 1, 8192);
                try {
                    scores.add(s.write(BlockType.DATA, b, 0, b.length));
                } catch (StoreException e) {
                    failed = e;
                }
            }
            assertThat(failed).hasMessage("no space left in arenas");
            assertThat(logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage))
                    .as("one ERROR with the remedy, however many writes fail").singleElement().asString()
                    .startsWith("no space left in arenas: the last arena, arenas0.1, is full").contains("fmtindex -a");
            assertThat(scores).hasSizeGreaterThan(200);
            assertThat(s.currentArena()).isEmpty();
            for (int i = 0; i < scores.size(); i++) {
                assertThat(s.read(scores.get(i), BlockType.DATA)).isEqualTo(TestStores.block(2 * i + 1, 8192));
            }
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void recoverySaysInWordsThatClumpDataIsCorrupt() throws IOException {
        byte[] b = TestStores.block(0, 6000);
        Arena a;
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            s.write(BlockType.DATA, b, 0, b.length);
        }
        try (Store s = TestStores.open(conf, Store.Mode.REPAIR)) {
            a = s.index().arenas().getFirst();
            assertThat(a.readClump(0, 0).header().encoding()).isEqualTo(ClumpEncoding.WHACK);
            ArenaTrailer t = a.trailer();
            TestArenas.writeTrailer(a, t.indexed(TailStats.EMPTY).repaired(TailStats.EMPTY, t.ctime(), t.wtime()));
            long scoreAt = a.dataBase() + ClumpHeader.INFO_OFFSET + ClumpInfo.SCORE_OFFSET;
            ByteBuffer score = a.part().read(scoreAt, 1);
            a.part().write(scoreAt, score.put(0, (byte) ~score.get(0)));
        }
        List<String> report = new ArrayList<>();
        VentiConfig config = VentiConfig.read(conf);
        Store.open(config, dir, Store.Mode.READ_WRITE, Store.Options.of(config), report::add).close();
        assertThat(report).contains("arena " + a.name() + ": corrupt clump data");
    }
}
