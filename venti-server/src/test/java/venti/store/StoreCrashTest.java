package venti.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.CheckArenas;
import venti.store.admin.CheckIndex;
import venti.store.admin.Format;
import venti.store.admin.TestStores;

/**
 * Kills a writing process with SIGKILL at random moments, again and again, and checks that
 * every block acknowledged before a completed sync reads back exactly, and that checkarenas
 * and checkindex find the store clean: after each kill what it can have touched, and in full
 * every {@value #FULL_CHECK_EVERY} kills and after the last.
 *
 * <p>The store is in files, and again on RADOS partitions; a third test runs the file store
 * while every partition of the writer fails reads, writes and forces at random (ENOSPC, EIO,
 * short writes, failed forces; {@link FaultyPart#failRandomly}). CI runs a few kills; run many on purpose with
 * {@code ./mvnw -pl venti-server -am verify -Dtest=StoreCrashTest -Dventi.crash.kills=100}, and
 * repeat a run's choices with {@code -Dventi.crash.seed=} the seed it printed (the kills'
 * timing still varies).
 */
class StoreCrashTest {

    private static final int KILLS = Integer.getInteger("venti.crash.kills", 4);
    /** The chance that any one read, write or force of the writer fails. */
    private static final double FAULT_RATE = 0.01;
    /**
     * Every this many kills, and after the last, every acknowledged block is read back and
     * the whole store checked; in between, the blocks and arenas a kill can have touched
     * (recent blocks, a sample of older ones, and the arenas not sealed before the run), so
     * that a run of a thousand kills is not quadratic in the store's size.
     */
    private static final int FULL_CHECK_EVERY = 50;
    /** Blocks before the run's first that are read back after every kill. */
    private static final int RECENT = 1000;
    /** Older blocks, drawn at random, read back after every kill. */
    private static final int SAMPLE = 1000;
    /** How long a killed writer's lock on a RADOS store lasts, shortened from 30 s. */
    private static final int RADOS_LOCK_SECONDS = 1;

    @TempDir
    Path dir;
    /** Faults the writers reported injecting, over the kills of one test. */
    private long faults;

    /** Block {@code i} of the test: 200 to 4,200 bytes, half of them compressible. */
    static byte[] block(int i) {
        return TestStores.block(i, 200 + (i * 7919) % 4000);
    }

    @Test
    void everySyncedBlockSurvivesSigkill() throws Exception {
        killAndCheck(TestStores.format(dir, sizes(KILLS)), KILLS);
    }

    @Test
    void everySyncedBlockSurvivesSigkillAndInjectedDiskFaults() throws Exception {
        killAndCheck(TestStores.format(dir, sizes(KILLS)), KILLS, FAULT_RATE);
    }

    @Test
    void everySyncedBlockOnRadosSurvivesSigkill() throws Exception {
        int kills = Integer.getInteger("venti.crash.kills", 3);
        killAndCheck(TestStores.formatOnRados(dir, sizes(kills)), kills);
    }

    /** A store big enough for the blocks {@code kills} runs of the writer write. */
    private static Format.Sizes sizes(int kills) {
        long arenas = (40L << 20) + kills * (512L << 10);
        return new Format.Sizes(arenas, 1 << 20, Math.max(4L << 20, arenas / 10), 1 << 20);
    }

    private void killAndCheck(Path conf, int kills) throws Exception {
        killAndCheck(conf, kills, 0);
    }

    private void killAndCheck(Path conf, int kills, double faultRate) throws Exception {
        long seed = Long.getLong("venti.crash.seed", new Random().nextLong());
        Random r = new Random(seed);
        int durable = -1;
        faults = 0;
        Set<String> sealed = Set.of();
        String what = faultRate == 0 ? "SIGKILLs" : "SIGKILLs with disk faults injected at rate " + faultRate;
        for (int kill = 0; kill < kills; kill++) {
            String context = "seed " + seed + ", kill " + kill;
            int before = durable;
            durable = Math.max(durable, runAndKill(conf, r, durable + 1, faultRate, context));
            boolean full = (kill + 1) % FULL_CHECK_EVERY == 0 || kill == kills - 1;
            Set<String> unchanged = full ? Set.of() : sealed;
            List<String> touched;
            try (Store s = openOnceTheLockLapsed(conf)) {
                for (int i : full ? allUpTo(durable) : recentAndSample(r, before, durable)) {
                    byte[] want = block(i);
                    Score score = Sha1.hash(want);
                    assertThat(s.read(score, TestStores.type(i))).as("%s: block %d", context, i).isEqualTo(want);
                }
                List<Arena> arenas = s.index().arenas();
                sealed = arenas.stream().filter(a -> a.trailer().memStats().sealed()).map(Arena::name)
                        .collect(Collectors.toUnmodifiableSet());
                touched = arenas.stream().map(Arena::name).filter(n -> !unchanged.contains(n)).toList();
            }
            assertClean(conf, context, touched, full);
            if ((kill + 1) % FULL_CHECK_EVERY == 0) {
                System.out.printf("crash test: %d of %d %s passed, %d blocks acknowledged (seed %d)%n", kill + 1, kills,
                        what, durable + 1, seed);
            }
        }
        assertThat(durable).as("blocks acknowledged by a sync over %d kills", kills).isPositive();
        System.out.printf("crash test: %d %s (%d faults injected), %d blocks acknowledged by completed syncs, all read "
                + "back; checkarenas and checkindex clean (seed %d, %s)%n", kills, what, faults, durable + 1,
                seed, VentiConfig.read(conf).arenas().getFirst());
    }

    /** Opens the store for writing once the killed writer's lock has lapsed: at once on files, within seconds on RADOS. */
    private static Store openOnceTheLockLapsed(Path conf) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5 * RADOS_LOCK_SECONDS);
        while (true) {
            try {
                return TestStores.open(conf, Store.Mode.READ_WRITE);
            } catch (StoreInUseException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<Integer> allUpTo(int last) {
        return IntStream.rangeClosed(0, last).boxed().toList();
    }

    /**
     * The blocks a kill may have put at risk: those acknowledged since {@code before}, the
     * last run's, and a sample of the older ones.
     */
    private static List<Integer> recentAndSample(Random r, int before, int durable) {
        List<Integer> blocks = new ArrayList<>(IntStream.rangeClosed(Math.max(0, before - RECENT), durable).boxed().toList());
        int older = Math.max(0, before - RECENT);
        for (int i = 0; i < SAMPLE && older > 0; i++) {
            blocks.add(r.nextInt(older));
        }
        return blocks;
    }

    /** Runs a writer from block {@code start} and kills it; returns the last block a completed sync covered. */
    private int runAndKill(Path conf, Random r, int start, double faultRate, String context) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dventi.ceph.conf=" + System.getProperty("venti.ceph.conf", ""),
                "-Dventi.rados.lock=" + RADOS_LOCK_SECONDS,
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                conf.toString(), Long.toString(r.nextLong()), Integer.toString(start), Double.toString(faultRate))
                .redirectError(dir.resolve("writer.err").toFile())
                .start();
        int syncsBeforeKill = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(30);
        long patience = syncsBeforeKill == 0 ? 200 + r.nextInt(1500) : 30_000;
        AtomicInteger last = new AtomicInteger(-1);
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger injected = new AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("synced ")) {
                        last.set(Integer.parseInt(line.substring(7)));
                        syncs.incrementAndGet();
                    } else if (line.startsWith("faults ")) {
                        injected.set(Integer.parseInt(line.substring(7)));
                    }
                }
            } catch (IOException closedByTheKill) {
                // the pipe closes under us when the writer is killed
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patience);
        while (System.nanoTime() < deadline && p.isAlive() && (syncsBeforeKill == 0 || syncs.get() < syncsBeforeKill)) {
            Thread.sleep(1);
        }
        if (syncsBeforeKill > 0) {
            Thread.sleep(r.nextInt(20));
        }
        assertThat(p.isAlive()).as("%s: the writer was still writing when killed; it had stopped:\n%s", context,
                lazyReadString(dir.resolve("writer.err"))).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s: writer died", context).isTrue();
        reader.join();
        faults += injected.get();
        return last.get();
    }

    private static Object lazyReadString(Path file) {
        return new Object() {
            @Override
            public String toString() {
                try {
                    return java.nio.file.Files.readString(file);
                } catch (IOException e) {
                    return "(" + e + ")";
                }
            }
        };
    }

    /** Runs checkarenas on {@code arenas}, and checkindex too when {@code index}. */
    private void assertClean(Path conf, String context, List<String> arenas, boolean index) throws IOException {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out, true);
        try (Part p = Part.open(VentiConfig.read(conf).arenas().getFirst(), dir, true)) {
            assertThat(CheckArenas.run(p, true, false, 0, arenas, w)).as("%s: checkarenas\n%s", context, out).isTrue();
        }
        if (index) {
            try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
                assertThat(CheckIndex.run(s, false, 1 << 30, w)).as("%s: checkindex\n%s", context, out).isTrue();
            }
        }
    }
}
