package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.admin.TestStores;

/**
 * One store, one writer: every writable open locks the partitions, a read-only server shares
 * them with other readers, the inspection tools only notice, and a refused open changes
 * nothing; in this process and across processes, and the lock goes with a killed process.
 */
class StoreLockTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;
    Path conf;

    @BeforeEach
    void format() throws IOException {
        conf = TestStores.format(dir, TestStores.SMALL);
    }

    /** A digest of every file of the store, to show that a refused open wrote nothing. */
    private String digest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                md.update(f.getFileName().toString().getBytes());
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedAndChangesNothing() throws Exception {
        try (Store first = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            byte[] b = TestStores.block(1, 3000);
            Score score = first.write(BlockType.DATA, b, 0, b.length);
            first.flush();
            String before = digest();
            for (Store.Mode mode : List.of(Store.Mode.READ_WRITE, Store.Mode.READ_ONLY, Store.Mode.REPAIR)) {
                assertThatThrownBy(() -> TestStores.open(conf, mode)).as("%s", mode)
                        .isInstanceOf(StoreInUseException.class)
                        .hasMessage("store in use: arenas.part is locked by another store open in this process (pid "
                                + SELF + ")");
            }
            assertThat(digest()).isEqualTo(before);
            assertThat(first.read(score, BlockType.DATA)).isEqualTo(b);
        }
        TestStores.open(conf, Store.Mode.READ_WRITE).close();
    }

    @Test
    void readOnlyServersShareTheStoreAndKeepWritersOut() throws Exception {
        try (Store b = TestStores.open(conf, Store.Mode.READ_ONLY)) {
            try (Store a = TestStores.open(conf, Store.Mode.READ_ONLY)) {
                assertThatThrownBy(() -> TestStores.open(conf, Store.Mode.READ_WRITE))
                        .isInstanceOf(StoreInUseException.class);
                assertThat(a.isReadOnly()).isTrue();
            }
            assertThatThrownBy(() -> StoreHolder.start(conf, Store.Mode.READ_WRITE))
                    .as("once the first reader closed, the second still keeps writers of other processes out")
                    .isInstanceOf(AssertionError.class);
            StoreHolder.start(conf, Store.Mode.READ_ONLY).destroyForcibly().waitFor();
            assertThat(b.isReadOnly()).isTrue();
        }
    }

    @Test
    void aWriterInAnotherProcessIsNamedByPidAndItsLockDiesWithIt() throws Exception {
        Process holder = StoreHolder.start(conf, Store.Mode.READ_WRITE);
        try {
            String before = digest();
            for (Store.Mode mode : List.of(Store.Mode.READ_WRITE, Store.Mode.READ_ONLY, Store.Mode.REPAIR)) {
                assertThatThrownBy(() -> TestStores.open(conf, mode)).as("%s", mode)
                        .isInstanceOf(StoreInUseException.class)
                        .hasMessage("store in use: arenas.part is locked by another venti (pid " + holder.pid() + ")");
            }
            try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
                assertThat(s.index().arenas()).isNotEmpty();
            }
            try (FilePart p = FilePart.open("arenas.part", dir, true, LockMode.NONE)) {
                assertThat(p.lockedBy()).isEqualTo("another venti (pid " + holder.pid() + ")");
            }
            assertThat(digest()).isEqualTo(before);
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            assertThat(s.isReadOnly()).as("kill -9 left no lock behind").isFalse();
        }
    }

    @Test
    void closingAnotherDescriptorOfALockedFileKeepsItLocked() throws Exception {
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            try (FilePart tool = FilePart.open("arenas.part", dir, true, LockMode.NONE)) {
                assertThat(tool.lockedBy()).isEqualTo("another store open in this process (pid " + SELF + ")");
            }
            assertThatThrownBy(() -> TestStores.open(conf, Store.Mode.READ_WRITE)).isInstanceOf(StoreInUseException.class);
            assertThatThrownBy(() -> StoreHolder.start(conf, Store.Mode.READ_WRITE))
                    .as("another process is still refused after this one closed a second descriptor")
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void partitionsInOneFileLockOnlyTheirOwnBytes() throws Exception {
        Path file = dir.resolve("shared.part");
        Files.write(file, new byte[1 << 16]);
        try (FilePart lo = FilePart.open("shared.part:0-32k", dir, false);
             FilePart hi = FilePart.open("shared.part:32k-", dir, false)) {
            assertThatThrownBy(() -> FilePart.open("shared.part:16k-48k", dir, false))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageStartingWith("store in use: shared.part:16k-48k is locked by");
            assertThat(lo.size() + hi.size()).isEqualTo(1 << 16);
        }
    }

    @Test
    void theHolderIsFoundInProcLocks() {
        long dev = (0xfeL << 8);
        List<String> lines = List.of(
                "1: FLOCK  ADVISORY  WRITE 29682 fe:00:2157353 0 EOF",
                "2: POSIX  ADVISORY  WRITE 4242 fe:00:2164418 0 EOF",
                "2: -> POSIX  ADVISORY  WRITE 777 fe:00:2164418 0 EOF",
                "3: POSIX  ADVISORY  READ 99 fe:01:2164418 0 EOF");
        assertThat(LockHolder.find(lines, dev, 2164418, SELF)).isEqualTo(OptionalLong.of(4242));
        assertThat(LockHolder.find(lines, dev, 2164418, 4242)).isEmpty();
        assertThat(LockHolder.find(lines, dev + 1, 2164418, SELF)).isEqualTo(OptionalLong.of(99));
        assertThat(LockHolder.find(lines, dev, 1, SELF)).isEmpty();
    }
}
