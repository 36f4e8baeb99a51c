package venti.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Units;
import venti.replica.Mirror;
import venti.replica.MirrorState;
import venti.replica.ReplicaOptions;
import venti.replica.Replication;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.admin.Format;
import venti.store.Store;
import venti.store.VentiConfig;

/**
 * Live replication over loopback, in one process: the same writes (unique 8 KiB blocks, half
 * text, half random, a sync every {@code -s} blocks) into a fresh store with no mirror, with
 * an asynchronous mirror and with a synchronous one, each replica a fresh store behind a
 * protocol server; then an empty replica catching up with a store of {@code -c} bytes.
 *
 * <pre>
 * java -cp venti-bench/target/benchmarks.jar venti.bench.MirrorBenchmark [-n 256m] [-c 1g] [-s 128] [-t threads] [-d dir]
 * </pre>
 */
public final class MirrorBenchmark {

    private static final int BLOCK = 8192;

    private MirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long total = 256L << 20;
        long catchUp = 1L << 30;
        int syncEvery = 128;
        int threads = Runtime.getRuntime().availableProcessors();
        Path dir = Path.of("mirror-benchmark");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> total = Units.parse(args[i + 1]);
                case "-c" -> catchUp = Units.parse(args[i + 1]);
                case "-s" -> syncEvery = Integer.parseInt(args[i + 1]);
                case "-t" -> threads = Integer.parseInt(args[i + 1]);
                case "-d" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException(
                        "usage: MirrorBenchmark [-n bytes] [-c catch-up bytes] [-s blocks per sync] [-t threads] [-d dir]");
            }
        }
        int blocks = (int) (total / BLOCK);
        System.out.printf(Locale.ROOT, "mirror benchmark: %,d blocks of %d bytes, a sync every %d blocks, %d threads, "
                + "in %s%n", blocks, BLOCK, syncEvery, threads, dir.toAbsolutePath());
        writeWith("none", dir, total / 4, blocks / 4, syncEvery, threads, "warm-up, ");
        for (String mode : List.of("none", "async", "sync")) {
            writeWith(mode, dir, total, blocks, syncEvery, threads, "");
        }
        catchUp(dir, catchUp, threads, true);
        catchUp(dir, catchUp, threads, false);
    }

    /** Writes {@code blocks} blocks into a fresh primary mirrored as {@code mode} says, and reports the rate. */
    private static void writeWith(String mode, Path dir, long total, int blocks, int syncEvery, int threads,
                                  String note) throws Exception {
        try (Pair p = Pair.open(dir, total)) {
            Replication r = mode.equals("none") ? null : p.replicate(mode.equals("sync"));
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            StoreBenchmark.parallel(threads, blocks, i -> {
                byte[] b = StoreBenchmark.block(i);
                p.primary.write(BlockType.DATA, b, 0, b.length);
                if (i % syncEvery == syncEvery - 1) {
                    p.primary.sync();
                }
                return null;
            });
            p.primary.sync();
            double w = seconds(t0);
            String after = "";
            if (r != null) {
                double drained = awaitCaughtUp(r.mirrors().getFirst(), t0) - w;
                after = String.format(Locale.ROOT, "; replica held everything %.2f s after the last sync", Math.max(drained, 0));
                r.close();
            }
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "write with %-5s mirror: %,8.1f MB/s (%s%,d MB in %.2f s, %.1f MB per CPU "
                    + "second)%s%n", mode, total / 1e6 / w, note, total >> 20, w, total / 1e6 / cpu, after);
        }
    }

    /**
     * Fills a primary with {@code total} bytes, then times an empty replica catching up with
     * it; the replica compresses what it stores, or, with {@code compress} off, stores blocks
     * as they come (the {@code compress} switch of its /set page).
     */
    private static void catchUp(Path dir, long total, int threads, boolean compress) throws Exception {
        int blocks = (int) (total / BLOCK);
        try (Pair p = Pair.open(dir, total)) {
            StoreBenchmark.parallel(threads, blocks, i -> {
                byte[] b = StoreBenchmark.block(i);
                p.primary.write(BlockType.DATA, b, 0, b.length);
                return null;
            });
            p.primary.flush();
            // the fill's own tail (scoring the arenas it sealed) is not the catch-up's work:
            // a replica is added to a primary whose arenas were scored long ago
            p.primary.awaitArenaScores();
            p.replica.settings().compress(compress);
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            try (Replication r = p.replicate(false)) {
                double s = awaitCaughtUp(r.mirrors().getFirst(), t0);
                double cpu = (cpuNanos() - cpu0) / 1e9;
                long sent = r.mirrors().getFirst().status().sentBytes();
                System.out.printf(Locale.ROOT, "catch-up of an empty replica (replica compress %s): %,8.1f MB/s (%,d MB "
                        + "of blocks, %,d clumps, in %.2f s, %.1f MB per CPU second, primary and replica together)%n",
                        compress ? "on" : "off", sent / 1e6 / s, sent >> 20, r.mirrors().getFirst().status().sentClumps(), s, sent / 1e6 / cpu);
            }
        }
    }

    /** Seconds from {@code t0} until the mirror holds the whole log. */
    private static double awaitCaughtUp(Mirror m, long t0) throws InterruptedException {
        while (m.status().clumpsBehind() > 0 || m.status().state() != MirrorState.FOLLOWING) {
            Thread.sleep(5);
        }
        return seconds(t0);
    }

    /** CPU time this process has used: the machine may be shared, so rates are also given per CPU second. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A fresh primary store and a fresh replica store served on loopback, deleted when closed. */
    private record Pair(Path dir, Store primary, Store replica, VentiServer server) implements AutoCloseable {

        static Pair open(Path parent, long total) throws IOException {
            Path dir = Files.createDirectories(parent.resolve("run"));
            Format.Sizes sizes = new Format.Sizes(Math.max(1L << 30, total * 3 / 2) & -(1L << 20), 256L << 20,
                    Math.max(64L << 20, total / 10) & -(1L << 20), 64L << 20);
            Store.Options options = new Store.Options(256L << 20, 256L << 20, 0);
            Store primary = open(dir.resolve("primary"), sizes, options);
            Store replica = open(dir.resolve("replica"), sizes, options);
            VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), replica, ServerOptions.DEFAULT);
            return new Pair(dir, primary, replica, server);
        }

        private static Store open(Path dir, Format.Sizes sizes, Store.Options options) throws IOException {
            Path conf = Format.store(dir, sizes, new PrintWriter(new StringWriter()));
            return Store.open(VentiConfig.read(conf), conf.getParent(), Store.Mode.READ_WRITE, options);
        }

        Replication replicate(boolean sync) {
            return Replication.start(primary, List.of(new VentiConfig.MirrorLine(server.dialAddress().toString(), sync)),
                    List.of(), false, dir, ReplicaOptions.DEFAULT);
        }

        @Override
        public void close() throws IOException {
            server.close();
            replica.close();
            primary.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
