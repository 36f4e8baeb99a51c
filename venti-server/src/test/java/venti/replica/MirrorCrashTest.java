package venti.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.admin.Format;
import venti.store.LogPosition;
import venti.store.Store;
import venti.store.admin.TestStores;

/**
 * Kills servers with SIGKILL while they mirror. A synchronous mirror's primary is killed at
 * random moments under load, and every block whose Tsync returned must be on the replica. An
 * asynchronous mirror must bring the replica up to date after writes stop, through a SIGKILL
 * of the replica, and its cursor must survive a SIGKILL of the primary.
 *
 * <p>CI runs a few kills; run more on purpose with
 * {@code ./mvnw -pl venti-server -am verify -Dtest=MirrorCrashTest -Dventi.mirror.kills=50}, and
 * repeat a run's choices with {@code -Dventi.mirror.seed=} the seed it printed.
 */
class MirrorCrashTest {

    private static final int KILLS = Integer.getInteger("venti.mirror.kills", 3);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatWasStarted() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyBlockWhoseSyncReturnedIsOnTheReplicaAfterSigkillOfThePrimary() throws Exception {
        long arenas = (16L << 20) + KILLS * (2L << 20);
        Format.Sizes sizes = new Format.Sizes(arenas, 1 << 20, Math.max(4L << 20, arenas / 10), 1 << 20);
        Path conf = TestStores.format(dir.resolve("primary"), sizes);
        long seed = Long.getLong("venti.mirror.seed", new Random().nextLong());
        Random r = new Random(seed);
        int durable = -1;
        try (Store replica = TestStores.open(TestStores.format(dir.resolve("replica"), sizes), Store.Mode.READ_WRITE);
             VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), replica, ServerOptions.DEFAULT)) {
            for (int kill = 0; kill < KILLS; kill++) {
                String context = "seed " + seed + ", kill " + kill;
                Node primary = start("primary", conf, server.dialAddress().toString(), "sync");
                durable = Math.max(durable, writeUntilKilled(primary, r, durable + 1, context));
                for (int i = 0; i <= durable; i++) {
                    assertThat(replica.read(Sha1.hash(block(i)), TestStores.type(i))).as("%s: block %d", context, i)
                            .isEqualTo(block(i));
                }
            }
        }
        assertThat(durable).as("blocks acknowledged by a sync over %d kills", KILLS).isPositive();
        System.out.printf("mirror crash test: %d SIGKILLs of a primary with a sync mirror, %d blocks acknowledged "
                + "by Tsync, all on the replica (seed %d)%n", KILLS, durable + 1, seed);
    }

    /** Block {@code i} of the test: 200 to 8,200 bytes, half of them compressible. */
    static byte[] block(int i) {
        return TestStores.block(i, 200 + (i * 7919) % 8000);
    }

    /**
     * Writes blocks from {@code start} to {@code node} and syncs at random points until it is
     * killed at a random moment; returns the last block a returned Tsync covered.
     */
    private int writeUntilKilled(Node node, Random r, int start, String context) throws Exception {
        AtomicInteger synced = new AtomicInteger(-1);
        AtomicInteger syncs = new AtomicInteger();
        long syncEvery = 1 + r.nextInt(16);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (VentiClient c = VentiClient.connect(node.address(), ClientOptions.DEFAULT)) {
                for (int i = start; ; i++) {
                    c.write(TestStores.type(i), block(i));
                    if (i % syncEvery == 0) {
                        c.sync();
                        synced.set(i);
                        syncs.incrementAndGet();
                    }
                }
            } catch (IOException killed) {
                // the primary died under the writer, as intended
            }
        });
        int syncsBeforeKill = 1 + r.nextInt(40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (syncs.get() < syncsBeforeKill && System.nanoTime() < deadline && writer.isAlive()) {
            Thread.sleep(1);
        }
        Thread.sleep(r.nextInt(20));
        assertThat(node.process().isAlive()).as("%s: the primary was alive when killed", context).isTrue();
        assertThat(syncs.get()).as("%s: syncs before the kill", context).isPositive();
        node.kill();
        writer.join();
        return synced.get();
    }

    @Test
    void theAsynchronousReplicaCatchesUpThroughKillsAndTheCursorSurvives() throws Exception {
        Path primaryConf = TestStores.format(dir.resolve("primary"), TestStores.SMALL);
        Path replicaConf = TestStores.format(dir.resolve("replica"), TestStores.SMALL);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Node replica = start("replica", replicaConf, Integer.toString(port));
        Node primary = start("primary", primaryConf, replica.address().toString(), "async");
        assertThat(primary.replicated()).isEqualTo(LogPosition.START);
        write(primary, 0, 800);
        replica.kill();
        replica = start("replica", replicaConf, Integer.toString(port));
        assertThat(awaitOn(replica, 0, 800, 30)).as("first block the replica lacks 30 s after the writes").isEqualTo(-1);

        Path cursorFile = MirrorCursor.file(primaryConf.getParent(), replica.address().toString());
        LogPosition recorded = awaitSteadyCursor(cursorFile);
        primary.kill();
        assertThat(MirrorCursor.read(cursorFile).orElseThrow().at()).isEqualTo(recorded);
        try (Store s = TestStores.open(primaryConf, Store.Mode.INSPECT)) {
            assertThat(recorded).as("the cursor after SIGKILL").isEqualTo(new ClumpLog(s.index().arenas()).end());
        }
        primary = start("primary", primaryConf, replica.address().toString(), "async");
        assertThat(primary.replicated()).as("where the restarted primary's mirror starts").isEqualTo(recorded);
        write(primary, 800, 1200);
        assertThat(awaitOn(replica, 800, 1200, 30)).isEqualTo(-1);
        replica.kill();
        primary.kill();
    }

    /** Waits for the cursor file to stay the same for half a second; returns what it says. */
    private static LogPosition awaitSteadyCursor(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        var last = MirrorCursor.read(file);
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            var now = MirrorCursor.read(file);
            if (!now.equals(last)) {
                last = now;
                steadySince = System.nanoTime();
            } else if (now.isPresent() && System.nanoTime() - steadySince > TimeUnit.MILLISECONDS.toNanos(500)) {
                return now.get().at();
            }
        }
        throw new AssertionError("the cursor " + file + " did not settle: " + last);
    }

    private static void write(Node node, int from, int to) throws IOException {
        try (VentiClient c = VentiClient.connect(node.address(), ClientOptions.DEFAULT)) {
            for (int i = from; i < to; i++) {
                c.writeAsync(TestStores.type(i), block(i));
            }
            c.sync();
        }
    }

    /** Waits up to {@code seconds} for {@code node} to serve blocks {@code from..to-1}; returns the first it lacks, or -1. */
    private static int awaitOn(Node node, int from, int to, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int i = from;
        try (VentiClient c = VentiClient.connect(node.address(), ClientOptions.DEFAULT)) {
            while (i < to) {
                Score score = Sha1.hash(block(i));
                try {
                    assertThat(c.read(score, TestStores.type(i), BlockStore.MAX_BLOCK)).isEqualTo(block(i));
                    i++;
                } catch (IOException missing) {
                    if (System.nanoTime() > deadline) {
                        return i;
                    }
                    Thread.sleep(20);
                }
            }
        }
        return -1;
    }

    /** A server process and what it printed as it started. */
    private record Node(Process process, DialAddress address, LogPosition replicated) {

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed server exited").isTrue();
        }
    }

    private Node start(String role, Path conf, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReplicaNode.class.getName(), role, conf.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(role + ".err").toFile())).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        LogPosition replicated = null;
        for (String line; (line = out.readLine()) != null; ) {
            String[] f = line.split(" ");
            if (f[0].equals("replicated")) {
                replicated = new LogPosition(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
            } else if (f[0].equals("listening")) {
                return new Node(p, DialAddress.parseDial(f[1]), replicated);
            }
        }
        throw new IOException(role + " server exited before listening; see " + dir.resolve(role + ".err"));
    }
}
