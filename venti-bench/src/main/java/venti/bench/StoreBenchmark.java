package venti.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.core.Units;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.Format;

/**
 * The storage engine on its own, in one process: writes unique 8 KiB blocks (half
 * English-like text, half random) into a fresh store, syncs, then reads them all back in
 * random order with the caches emptied and checks every byte. Beside it, in the same run and
 * on the same disk, the baseline: the same number of bytes written sequentially to a plain
 * file and forced.
 *
 * <pre>
 * java -cp venti-bench/target/benchmarks.jar venti.bench.StoreBenchmark [-n 1g] [-t threads] [-d dir]
 * </pre>
 */
public final class StoreBenchmark {

    private static final int BLOCK = 8192;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long total = 1L << 30;
        int threads = Runtime.getRuntime().availableProcessors();
        Path dir = Path.of("store-benchmark");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> total = Units.parse(args[i + 1]);
                case "-t" -> threads = Integer.parseInt(args[i + 1]);
                case "-d" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: StoreBenchmark [-n bytes] [-t threads] [-d dir]");
            }
        }
        int blocks = (int) (total / BLOCK);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "store benchmark: %,d blocks of %d bytes, %d threads, in %s%n",
                blocks, BLOCK, threads, dir.toAbsolutePath());

        double baseline = plainFileWrite(dir.resolve("plain.file"), (long) blocks * BLOCK);
        report("plain sequential file write + force", (long) blocks * BLOCK, baseline, -1);

        Path conf = Format.store(dir.resolve("store"), new Format.Sizes(
                Math.max(1L << 30, total * 3 / 2) & -(1L << 20), 256L << 20,
                Math.max(64L << 20, total / 10) & -(1L << 20), 64L << 20), new PrintWriter(new StringWriter()));
        VentiConfig vc = VentiConfig.read(conf);
        Store.Options options = new Store.Options(256L << 20, 256L << 20, 0);
        Score[] scores = new Score[blocks];
        try (Store store = Store.open(vc, conf.getParent(), Store.Mode.READ_WRITE, options)) {
            long t0 = System.nanoTime();
            parallel(threads, blocks, i -> scores[i] = write(store, i));
            store.sync();
            double w = seconds(t0);
            report("store write (unique, half text, half random) + sync", (long) blocks * BLOCK, w, heapUsed());

            t0 = System.nanoTime();
            parallel(threads, blocks, i -> write(store, i));
            report("store write again (all duplicates)", (long) blocks * BLOCK, seconds(t0), heapUsed());

            store.emptyCaches();
            int[] order = permutation(blocks);
            t0 = System.nanoTime();
            parallel(threads, blocks, i -> {
                int b = order[i];
                byte[] got = store.read(scores[b], BlockType.DATA);
                if (!Arrays.equals(got, block(b))) {
                    throw new IllegalStateException("block " + b + " read back wrong");
                }
                return null;
            });
            report("store read, random order, caches emptied, verified", (long) blocks * BLOCK, seconds(t0), heapUsed());
        }
        System.out.printf(Locale.ROOT, "peak heap used: %,d MB (max heap %,d MB)%n", peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static final byte[] TEXT = TextCorpus.english(4 << 20, 1);
    private static final byte[] NOISE = new byte[16 << 20];

    static {
        new Random(1).nextBytes(NOISE);
    }

    /**
     * Block {@code i}: a slice of English-like text for even {@code i}, of random bytes for
     * odd, at an offset that varies with {@code i}, with {@code i} in its first eight bytes so
     * no two blocks are alike. Slicing costs a copy, so making blocks does not limit the run.
     */
    static byte[] block(int i) {
        byte[] pool = (i & 1) == 0 ? TEXT : NOISE;
        int off = (int) (((long) i * 7919) % (pool.length - BLOCK));
        byte[] b = Arrays.copyOfRange(pool, off, off + BLOCK);
        ByteBuffer.wrap(b).putLong(0, i);
        return b;
    }

    private static Score write(Store store, int i) throws IOException {
        byte[] b = block(i);
        Score s = store.write(BlockType.DATA, b, 0, b.length);
        if (!s.equals(Sha1.hash(b))) {
            throw new IllegalStateException("wrong score for block " + i);
        }
        return s;
    }

    private static double plainFileWrite(Path file, long bytes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        new Random(1).nextBytes(new byte[16]);
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long off = 0; off < bytes; off += chunk.capacity()) {
                ch.write(chunk.clear().limit((int) Math.min(chunk.capacity(), bytes - off)), off);
            }
            ch.force(false);
        }
        double s = seconds(t0);
        Files.delete(file);
        return s;
    }

    interface Task {
        Object run(int i) throws Exception;
    }

    /** Runs {@code task} for 0..n-1 on {@code threads} threads, each taking the next number as it is free. */
    static void parallel(int threads, int n, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static int[] permutation(int n) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        Random r = new Random(42);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void report(String what, long bytes, double seconds, long heap) {
        System.out.printf(Locale.ROOT, "%-55s %8.1f MB/s %9.0f blocks/s %7.2f s%s%n", what, bytes / 1e6 / seconds,
                bytes / BLOCK / seconds, seconds, heap < 0 ? "" : String.format(Locale.ROOT, "  heap %,d MB", heap >> 20));
    }
}
