package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import venti.store.rados.TestCluster;

/**
 * The store lock on RADOS ({@link RadosLock}), as {@link StoreLockTest} checks it on files: one
 * writer, read-only servers share, the inspection tools only notice, close releases at once,
 * and the lock of a killed holder lapses (after {@link #LAPSE} here, by {@code -Dventi.rados.lock}).
 */
class RadosLockTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final Duration LAPSE = Duration.ofSeconds(2);
    private static final Path HERE = Path.of("");

    private String name;

    @BeforeEach
    void partition() throws Exception {
        name = TestCluster.location() + "arenas";
        Part.create(name, 1 << 20).close();
    }

    private static Part open(String name, LockMode mode) throws Exception {
        return Part.open(name, HERE, mode != LockMode.EXCLUSIVE, mode);
    }

    private Process holder(LockMode mode) throws Exception {
        return StoreHolder.start(List.of("--enable-native-access=ALL-UNNAMED", "-Dventi.ceph.conf=" + TestCluster.configuration(),
                        "-Dventi.rados.lock=" + LAPSE.toSeconds()),
                PartHolder.class, name, mode.name());
    }

    private static String another(Process p) throws Exception {
        return "another venti (host " + InetAddress.getLocalHost().getHostName() + " pid " + p.pid() + ")";
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedAndCloseReleasesAtOnce() throws Exception {
        try (Part first = open(name, LockMode.EXCLUSIVE)) {
            first.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            for (LockMode mode : List.of(LockMode.EXCLUSIVE, LockMode.SHARED)) {
                assertThatThrownBy(() -> open(name, mode)).as("%s", mode)
                        .isInstanceOf(StoreInUseException.class)
                        .hasMessage("store in use: " + name + " is locked by another store open in this process (pid " + SELF + ")");
            }
            try (Part tool = open(name, LockMode.NONE)) {
                assertThat(tool.lockedBy()).isEqualTo("another store open in this process (pid " + SELF + ")");
            }
        }
        try (Part next = open(name, LockMode.EXCLUSIVE)) {
            assertThat(next.read(0, 3).array()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void readOnlyOpensShareThePartitionAndKeepWritersOut() throws Exception {
        try (Part a = open(name, LockMode.SHARED); Part b = open(name, LockMode.SHARED)) {
            assertThatThrownBy(() -> open(name, LockMode.EXCLUSIVE)).isInstanceOf(StoreInUseException.class);
            assertThat(a.isReadOnly() && b.isReadOnly()).isTrue();
            try (Part tool = open(name, LockMode.NONE)) {
                assertThat(tool.lockedBy()).as("readers do not keep the inspection tools out").isNull();
            }
        }
        open(name, LockMode.EXCLUSIVE).close();
    }

    @Test
    void aReaderInAnotherProcessKeepsWritersOutButNotReaders() throws Exception {
        Process reader = holder(LockMode.SHARED);
        try {
            assertThatThrownBy(() -> open(name, LockMode.EXCLUSIVE))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessage("store in use: " + name + " is locked by " + another(reader)
                            + "; a lock left by a killed process lapses within 30 s");
            open(name, LockMode.SHARED).close();
        } finally {
            reader.getOutputStream().close();
            assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        open(name, LockMode.EXCLUSIVE).close();
    }

    @Test
    void aWriterInAnotherProcessKeepsItsLockWhileAliveAndLosesItWithinTheLapseOnceKilled() throws Exception {
        Process writer = holder(LockMode.EXCLUSIVE);
        try {
            Thread.sleep(LAPSE.multipliedBy(2));
            for (LockMode mode : List.of(LockMode.EXCLUSIVE, LockMode.SHARED)) {
                assertThatThrownBy(() -> open(name, mode)).as("%s, after twice the lapse: the holder renews", mode)
                        .isInstanceOf(StoreInUseException.class)
                        .hasMessage("store in use: " + name + " is locked by " + another(writer)
                                + "; a lock left by a killed process lapses within 30 s");
            }
            try (Part tool = open(name, LockMode.NONE)) {
                assertThat(tool.lockedBy()).isEqualTo(another(writer));
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long killed = System.nanoTime();
        assertThatThrownBy(() -> open(name, LockMode.EXCLUSIVE)).as("kill -9 leaves the lock until it lapses")
                .isInstanceOf(StoreInUseException.class);
        while (true) {
            try (Part p = open(name, LockMode.EXCLUSIVE)) {
                assertThat(p.isReadOnly()).isFalse();
                break;
            } catch (StoreInUseException e) {
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the lock lapses").isLessThan(LAPSE.multipliedBy(5));
                Thread.sleep(200);
            }
        }
    }
}
