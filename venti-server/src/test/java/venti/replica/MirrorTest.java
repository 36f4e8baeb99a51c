package venti.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.LogPosition;
import venti.store.Store;
import venti.store.admin.TestStores;
import venti.store.VentiConfig;

/**
 * Mirrors between two stores in this JVM, the replica behind a protocol server on loopback:
 * asynchronous and synchronous copying, the cursor, an unreachable replica and its return.
 */
class MirrorTest {

    /** Quick retries; a sync may wait long for its replica, as a loaded machine can be slow. */
    static final ReplicaOptions FAST = ReplicaOptions.DEFAULT.withSyncTimeout(Duration.ofSeconds(30))
            .withRetry(Duration.ofMillis(20), Duration.ofMillis(200));

    @TempDir
    Path dir;

    Store primary;
    Store replica;
    VentiServer replicaServer;

    @BeforeEach
    void open() throws IOException {
        primary = TestStores.open(TestStores.format(dir.resolve("primary"), TestStores.SMALL), Store.Mode.READ_WRITE);
        replica = TestStores.open(TestStores.format(dir.resolve("replica"), TestStores.SMALL), Store.Mode.READ_WRITE);
        replicaServer = VentiServer.start(new DialAddress("127.0.0.1", 0), replica, ServerOptions.DEFAULT);
    }

    @AfterEach
    void close() throws IOException {
        replicaServer.close();
        replica.close();
        primary.close();
    }

    static byte[] block(int i) {
        return TestStores.block(i, 100 + (i * 7919) % 9000);
    }

    static void write(Store s, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            byte[] b = block(i);
            s.write(TestStores.type(i), b, 0, b.length);
        }
    }

    /** Waits up to {@code seconds} for the replica to hold blocks {@code from..to-1}; returns the first it lacks, or -1. */
    static int awaitBlocks(Store s, int from, int to, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int i = from;
        while (i < to) {
            if (has(s, i)) {
                i++;
            } else if (System.nanoTime() > deadline) {
                return i;
            } else {
                Thread.sleep(10);
            }
        }
        return -1;
    }

    static boolean has(Store s, int i) throws IOException {
        Score score = Sha1.hash(block(i));
        return s.lookup(score, TestStores.type(i)).isPresent();
    }

    private Replication replicate(boolean sync, String address) {
        return replicate(sync, address, FAST);
    }

    private Replication replicate(boolean sync, String address, ReplicaOptions options) {
        return Replication.start(primary, List.of(new VentiConfig.MirrorLine(address, sync)), List.of(), false, dir,
                options);
    }

    private String replicaAddress() {
        return replicaServer.dialAddress().toString();
    }

    @Test
    void asynchronousMirrorCopiesTheWholeLogAndRecordsItsCursor() throws Exception {
        write(primary, 0, 300);
        primary.sync();
        try (Replication r = replicate(false, replicaAddress())) {
            write(primary, 300, 600);
            primary.sync();
            assertThat(awaitBlocks(replica, 0, 600, 20)).as("first block the replica lacks").isEqualTo(-1);
            Mirror m = r.mirrors().getFirst();
            awaitCaughtUp(m);
            MirrorStatus s = m.status();
            assertThat(s.clumpsBehind()).isZero();
            assertThat(s.bytesBehind()).isZero();
            assertThat(s.secondsBehind()).isZero();
            assertThat(s.sentClumps()).isEqualTo(600);
            assertThat(s.state()).isEqualTo(MirrorState.FOLLOWING);
            assertThat(r.storageText()).startsWith("mirror " + replicaAddress() + ": state=following")
                    .contains("behind clumps=0 bytes=0");
        }
        MirrorCursor cursor = MirrorCursor.read(MirrorCursor.file(dir, replicaAddress())).orElseThrow();
        assertThat(cursor.at()).isEqualTo(primary.durableEnd());
        assertThat(cursor.at().clumps()).isPositive();
        assertThat(cursor.replica()).isEqualTo(replicaAddress());
    }

    @Test
    void aRestartedMirrorResumesFromItsCursor() throws Exception {
        write(primary, 0, 200);
        primary.sync();
        LogPosition first;
        try (Replication r = replicate(false, replicaAddress())) {
            assertThat(awaitBlocks(replica, 0, 200, 20)).isEqualTo(-1);
            awaitCursor(primary.durableEnd());
            first = r.mirrors().getFirst().replicated();
        }
        write(primary, 200, 300);
        primary.sync();
        try (Replication r = replicate(false, replicaAddress())) {
            assertThat(r.mirrors().getFirst().status().sentClumps()).isZero();
            assertThat(awaitBlocks(replica, 200, 300, 20)).isEqualTo(-1);
            awaitCaughtUp(r.mirrors().getFirst());
            assertThat(r.mirrors().getFirst().replicated()).isGreaterThan(first);
            assertThat(r.mirrors().getFirst().status().sentClumps()).as("clumps sent after the restart").isEqualTo(100);
        }
    }

    static void awaitCaughtUp(Mirror m) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((m.status().clumpsBehind() > 0 || m.status().state() != MirrorState.FOLLOWING)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(m.status().clumpsBehind()).as("clumps the replica lacks after 20 seconds").isZero();
    }

    private void awaitCursor(LogPosition at) throws Exception {
        Path file = MirrorCursor.file(dir, replicaAddress());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var c = MirrorCursor.read(file);
            if (c.isPresent() && c.get().at().equals(at)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the cursor never reached " + at + ": " + MirrorCursor.read(file));
    }

    @Test
    void aSyncReturnsOnlyOnceTheSynchronousReplicaHoldsTheBlocks() throws Exception {
        try (Replication ignored = replicate(true, replicaAddress())) {
            for (int round = 0; round < 5; round++) {
                write(primary, round * 50, round * 50 + 50);
                primary.sync();
                for (int i = 0; i < round * 50 + 50; i++) {
                    assertThat(has(replica, i)).as("block %d after sync %d", i, round).isTrue();
                }
            }
        }
    }

    @Test
    void aSyncFailsWithinItsBoundWhenTheSynchronousReplicaIsUnreachable() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "tcp!127.0.0.1!" + port;
        try (Replication ignored = replicate(true, nowhere, FAST.withSyncTimeout(Duration.ofSeconds(2)))) {
            write(primary, 0, 10);
            long started = System.nanoTime();
            assertThatThrownBy(primary::sync).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("synced locally; replica " + nowhere + " unreachable: cannot connect");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                    Duration.ofSeconds(15));
            assertThat(primary.durableEnd().clumps()).as("the local sync happened").isEqualTo(10);
        }
    }

    @Test
    void aReplicaThatComesBackIsCaughtUpFromWhereItWas() throws Exception {
        DialAddress at = replicaServer.dialAddress();
        try (Replication r = replicate(false, at.toString())) {
            write(primary, 0, 100);
            primary.sync();
            awaitCaughtUp(r.mirrors().getFirst());
            replicaServer.close();
            write(primary, 100, 200);
            primary.sync();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (r.mirrors().getFirst().status().state() != MirrorState.UNREACHABLE && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(r.mirrors().getFirst().status().state()).isEqualTo(MirrorState.UNREACHABLE);
            assertThat(r.mirrors().getFirst().status().clumpsBehind()).isEqualTo(100);
            replicaServer = VentiServer.start(at, replica, ServerOptions.DEFAULT);
            assertThat(awaitBlocks(replica, 100, 200, 20)).isEqualTo(-1);
        }
    }
}
