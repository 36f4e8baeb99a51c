package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.admin.CheckArenas;
import venti.store.admin.CheckIndex;
import venti.store.admin.TestStores;

/** Disks that fail or fill: a clear error on the write that hit it, and no acknowledged block lost. */
class StoreFaultTest {

    @TempDir
    Path dir;
    Path conf;
    FaultyPart faulty;

    @BeforeEach
    void format() throws IOException {
        conf = TestStores.format(dir, TestStores.SMALL);
    }

    private Store openWithFaulty(String partition) throws IOException {
        VentiConfig c = VentiConfig.read(conf);
        UnaryOperator<Part> wrap = p -> p.name().equals(partition) ? (faulty = new FaultyPart(p)) : p;
        return Store.open(c, dir, Store.Mode.READ_WRITE, Store.Options.of(c), line -> {
        }, wrap);
    }

    private static Score write(Store s, int i) throws IOException {
        byte[] b = TestStores.block(i, 2000 + i % 3000);
        return s.write(BlockType.DATA, b, 0, b.length);
    }

    private void assertAllRead(List<Score> scores) throws IOException {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < scores.size(); i++) {
                assertThat(s.read(scores.get(i), BlockType.DATA)).as("block %d", i)
                        .isEqualTo(TestStores.block(i, 2000 + i % 3000));
            }
        }
        assertClean();
    }

    private void assertClean() throws IOException {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out, true);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            assertThat(CheckArenas.run(p, true, false, 0, List.of(), w)).as(out.toString()).isTrue();
        }
        try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
            assertThat(CheckIndex.run(s, false, 1 << 30, w)).as(out.toString()).isTrue();
        }
    }

    @Test
    void aFullDiskFailsTheOperationThatHitItAndLosesNothingSynced() throws IOException {
        List<Score> synced = new ArrayList<>();
        List<Score> pending = new ArrayList<>();
        IOException full = null;
        try (Store s = openWithFaulty("arenas.part")) {
            faulty.limitWrites(GoldenStore.ARENA_BASE + GoldenStore.ARENA_SIZE);
            for (int i = 0; full == null; i++) {
                try {
                    pending.add(write(s, i));
                    if (i % 10 == 9) {
                        s.sync();
                        synced.addAll(pending);
                        pending.clear();
                    }
                } catch (IOException e) {
                    full = e;
                }
            }
            assertThat(full).hasMessageContaining("no space left on device");
            for (int i = 0; i < synced.size(); i++) {
                assertThat(s.read(synced.get(i), BlockType.DATA)).isEqualTo(TestStores.block(i, 2000 + i % 3000));
            }
            assertThatThrownBy(() -> write(s, 100_000)).hasMessageContaining("no space left on device");
            s.sync();
            synced.addAll(pending);
        }
        assertThat(synced).hasSizeGreaterThan(50);
        assertAllRead(synced);
    }

    @Test
    void aFailedSyncIsReportedAndTheNextOneWritesEverything() throws IOException {
        List<Score> scores = new ArrayList<>();
        try (Store s = openWithFaulty("arenas.part")) {
            s.flush();
            for (int i = 0; i < 100; i++) {
                scores.add(write(s, i));
            }
            faulty.failWrite(1);
            assertThatThrownBy(s::sync).isInstanceOf(IOException.class).hasMessageContaining("injected failure");
            s.sync();
        }
        assertAllRead(scores);
    }

    @Test
    void indexWritesThatKeepFailingLogOneStackTraceAndTheRecovery() throws IOException {
        Logger writerLog = (Logger) LoggerFactory.getLogger(IndexWriter.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        writerLog.addAppender(logged);
        Level level = writerLog.getLevel();
        writerLog.setLevel(Level.INFO);
        try (Store s = openWithFaulty("isect0.part")) {
            for (int i = 0; i < 100; i++) {
                write(s, i);
            }
            faulty.limitWrites(0); // every write fails, also in rounds the writer starts by itself
            for (int round = 0; round < 3; round++) {
                assertThatThrownBy(s::flush).isInstanceOf(IOException.class);
            }
            faulty.limitWrites(Long.MAX_VALUE);
            s.flush();
        } finally {
            writerLog.detachAppender(logged);
            writerLog.setLevel(level);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy()).isNotNull());
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.matches("index write-back works again after ([3-9]|\\d{2,}) failed rounds"));
    }

    @Test
    void aFailedIndexWriteKeepsTheEntriesUntilALaterOneSucceeds() throws IOException {
        List<Score> scores = new ArrayList<>();
        try (Store s = openWithFaulty("isect0.part")) {
            s.flush();
            for (int i = 0; i < 100; i++) {
                scores.add(write(s, i));
            }
            faulty.failWrite(1);
            assertThatThrownBy(s::flush).isInstanceOf(IOException.class).hasMessageContaining("index write-back failed");
            assertThat(s.dirtyIndexEntries()).isEqualTo(100);
            s.emptyCaches();
            assertThat(s.read(scores.get(7), BlockType.DATA)).isEqualTo(TestStores.block(7, 2007));
            s.flush();
            assertThat(s.dirtyIndexEntries()).isZero();
        }
        assertAllRead(scores);
    }

    @Test
    void aCrashBeforeTheIndexCaughtUpIsRecoveredOnOpen() throws IOException {
        List<Score> scores = new ArrayList<>();
        Store s = openWithFaulty("isect0.part");
        s.flush();
        for (int i = 0; i < 100; i++) {
            scores.add(write(s, i));
        }
        s.sync();
        faulty.limitWrites(0);
        assertThatThrownBy(s::close).isInstanceOf(IOException.class);
        assertAllRead(scores);
    }

    /**
     * An arena filled and the next one took clumps, then the process died before a sync
     * wrote the full arena's sealed trailer: on disk the full arena looks open and a later
     * one holds clumps. Recovery seals it, so the log has one end again and the index
     * catches up with every clump by the next close.
     */
    @Test
    void aCrashBetweenSealingAnArenaAndSyncingItIsRecoveredOnOpen() throws IOException {
        List<Score> scores = new ArrayList<>();
        Store s = openWithFaulty("arenas.part");
        s.flush();
        for (int i = 0; i < 700; i++) {
            scores.add(write(s, i));
        }
        faulty.limitWrites(0);
        assertThatThrownBy(s::close).isInstanceOf(IOException.class);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            List<Arena> arenas = ArenaPartition.open(p).arenas();
            assertThat(arenas.get(0).trailer().memStats().sealed()).as("arena 0 sealed on disk").isFalse();
            assertThat(arenas.get(1).magicAt(0)).as("arena 1 has a clump").isEqualTo(arenas.get(1).clumpMagic());
        }
        assertAllRead(scores);
    }
}
