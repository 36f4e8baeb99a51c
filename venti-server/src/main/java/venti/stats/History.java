package venti.stats;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.server.LatencyHistogram;
import venti.server.VentiServer;
import venti.store.Store;

/**
 * Every {@link Stat}, sampled once a second (the C server's {@code statsproc} and its
 * {@code stathist}), in bounded memory: one sample a second for the last {@link #SECONDS}
 * seconds (2 hours) and one a minute for the last {@link #MINUTES} minutes (25 hours), in two
 * rings of {@code long}s allocated up front: {@link #memoryBytes()} = 8 × (7,260 + 1,510) ×
 * (statistics + 1) bytes, 6.8 MB with the 96 statistics of {@link Stat}, and it never grows.
 * (The C server keeps 90,000 per-second samples of its 70 statistics as 32-bit numbers:
 * 25 MB.)
 *
 * <p>A per-minute sample is the per-second one taken at the minute, except for the latency
 * percentiles, which are over the whole minute. Graphs read the per-second ring while it
 * reaches back far enough, else the per-minute one ({@link #bins}).
 *
 * <p>{@link #start} samples a store and server on a daemon thread until {@link #close}.
 * Thread-safe: sampling and queries take one short lock.
 */
public final class History implements AutoCloseable {

    /** Per-second samples kept: two hours and a minute, so a two-hour graph has a sample before its start. */
    public static final int SECONDS = 2 * 3600 + 60;
    /** Per-minute samples kept: 25 hours and ten minutes. */
    public static final int MINUTES = 25 * 60 + 10;

    private static final Logger log = LoggerFactory.getLogger(History.class);
    private static final Stat[] STATS = Stat.values();

    private final ReentrantLock lock = new ReentrantLock();
    private final Level seconds = new Level(SECONDS);
    private final Level minutes = new Level(MINUTES);
    private volatile Thread sampler;

    /** An empty history that samples nothing by itself: {@link #record} fills it. */
    History() {
    }

    /** A history of {@code store} and {@code server} (null for none), sampled every second from now on. */
    public static History start(Store store, VentiServer server) {
        History h = new History();
        LongSupplier clock = () -> System.currentTimeMillis();
        Thread t = Thread.ofPlatform().daemon().name("venti stats").unstarted(() -> h.run(store, server, clock));
        h.sampler = t;
        t.start();
        return h;
    }

    private void run(Store store, VentiServer server, LongSupplier clock) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long now = clock.getAsLong();
                TimeUnit.MILLISECONDS.sleep(1000 - now % 1000);
                try {
                    sample(store, server, clock.getAsLong() / 1000);
                } catch (RuntimeException e) {
                    log.warn("stats: sampling failed: {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Takes one sample of every statistic at {@code time}, in seconds since the epoch. */
    void sample(Store store, VentiServer server, long time) {
        long[] row = read(store, server);
        long[][] latencies = server == null ? null
                : new long[][] {server.readTimes().snapshot(), server.writeTimes().snapshot()};
        record(time, row, latencies);
    }

    /**
     * Adds a sample taken at {@code time}: {@code row} holds every statistic but the
     * percentiles, which come from {@code latencies} (the read and write
     * {@link LatencyHistogram} snapshots, or null when there is no server). A time not after
     * the last sample's is ignored.
     */
    void record(long time, long[] row, long[][] latencies) {
        lock.lock();
        try {
            if (seconds.count > 0 && time <= seconds.time(seconds.count - 1)) {
                return;
            }
            seconds.add(time, row, latencies);
            if (minutes.count == 0 || time / 60 > minutes.time(minutes.count - 1) / 60) {
                minutes.add(time, row, latencies);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every statistic but the percentiles, which are 0, read now, by {@link Stat#ordinal()}. */
    private static long[] read(Store store, VentiServer server) {
        Reading r = Reading.of(store, server);
        long[] row = new long[STATS.length];
        for (Stat s : STATS) {
            if (s.kind() != Stat.Kind.PERCENTILE) {
                row[s.ordinal()] = s.read(r);
            }
        }
        return row;
    }

    /**
     * Every statistic, by {@link Stat#ordinal()}: read now, but for the percentiles, which are
     * the latest second's.
     */
    public long[] current(Store store, VentiServer server) {
        long[] row = read(store, server);
        lock.lock();
        try {
            if (seconds.count > 0) {
                for (Stat s : STATS) {
                    if (s.kind() == Stat.Kind.PERCENTILE) {
                        row[s.ordinal()] = seconds.value(seconds.count - 1, s);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return row;
    }

    /** The time of the latest sample, in seconds since the epoch, or 0 before the first. */
    public long latest() {
        lock.lock();
        try {
            return seconds.count == 0 ? 0 : seconds.time(seconds.count - 1);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The graph {@code type} of {@code arg} (and {@code arg2}) from {@code t0} to {@code t1}
     * (seconds since the epoch) in {@code n} bins of equal time (the C {@code binstats}): a
     * sample falls in the bin that holds its time, and an empty bin after the first repeats
     * the one before it, as in the C server. Reads the per-second samples unless they start
     * after {@code t0} and the per-minute ones reach further back.
     */
    public Bin[] bins(GraphType type, Stat arg, Stat arg2, long t0, long t1, int n) {
        Bin[] bins = new Bin[n];
        lock.lock();
        try {
            boolean older = minutes.count > 0 && seconds.count > 0 && minutes.time(0) < seconds.time(0);
            Level l = older && seconds.time(0) > t0 ? minutes : seconds;
            int[] count = new int[n];
            double[] min = new double[n];
            double[] max = new double[n];
            double[] sum = new double[n];
            double span = t1 - t0;
            for (int i = 1; i < l.count; i++) {
                long t = l.time(i);
                if (t <= t0 || t > t1) {
                    continue;
                }
                int b = (int) Math.min(n - 1, (t - t0 - 1) * n / span);
                double v = type.value(l, i, arg, arg2);
                if (count[b] == 0 || v < min[b]) {
                    min[b] = v;
                }
                if (count[b] == 0 || v > max[b]) {
                    max[b] = v;
                }
                sum[b] += v;
                count[b]++;
            }
            for (int b = 0; b < n; b++) {
                bins[b] = count[b] > 0 ? new Bin(count[b], min[b], max[b], sum[b] / count[b])
                        : b > 0 ? bins[b - 1] : Bin.EMPTY;
            }
        } finally {
            lock.unlock();
        }
        return bins;
    }

    /**
     * The per-second samples taken after {@code time}, at most the last {@code max} of them.
     *
     * @param times  when each was taken, oldest first
     * @param values each sample's values, by {@link Stat#ordinal()}
     */
    public record Series(long[] times, long[][] values) {
    }

    public Series since(long time, int max) {
        lock.lock();
        try {
            int first = Math.max(0, seconds.count - max);
            while (first < seconds.count && seconds.time(first) <= time) {
                first++;
            }
            int n = seconds.count - first;
            long[] times = new long[n];
            long[][] values = new long[n][];
            for (int i = 0; i < n; i++) {
                times[i] = seconds.time(first + i);
                values[i] = seconds.row(first + i);
            }
            return new Series(times, values);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How fast {@code stat} grew per second over the last {@code window} seconds of per-second
     * samples, or NaN with fewer than two samples in it.
     */
    public double rate(Stat stat, long window) {
        lock.lock();
        try {
            if (seconds.count < 2) {
                return Double.NaN;
            }
            int last = seconds.count - 1;
            int first = last;
            while (first > 0 && seconds.time(first - 1) >= seconds.time(last) - window) {
                first--;
            }
            long dt = seconds.time(last) - seconds.time(first);
            return dt == 0 ? Double.NaN : (double) (seconds.value(last, stat) - seconds.value(first, stat)) / dt;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the arrays that hold the samples, allocated when the history is made. */
    public long memoryBytes() {
        return seconds.bytes() + minutes.bytes();
    }

    /** Stops sampling. */
    @Override
    public void close() {
        Thread t = sampler;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One ring of samples; guarded by the history's lock. */
    private static final class Level implements Samples {

        final int capacity;
        final long[] times;
        /** Sample {@code k}'s values at {@code [k * STATS.length, (k + 1) * STATS.length)}. */
        final long[] data;
        /** The latency histograms at the last sample, for the next one's percentiles. */
        long[][] lastLatencies;
        int count;
        int next;

        Level(int capacity) {
            this.capacity = capacity;
            this.times = new long[capacity];
            this.data = new long[capacity * STATS.length];
        }

        void add(long time, long[] row, long[][] latencies) {
            times[next] = time;
            System.arraycopy(row, 0, data, next * STATS.length, STATS.length);
            for (Stat s : STATS) {
                if (s.kind() == Stat.Kind.PERCENTILE) {
                    data[next * STATS.length + s.ordinal()] = percentile(s, latencies);
                }
            }
            lastLatencies = latencies;
            next = (next + 1) % capacity;
            count = Math.min(capacity, count + 1);
        }

        /** Microseconds, rounded up; 0 when there was no request in the interval. */
        private long percentile(Stat s, long[][] latencies) {
            if (latencies == null) {
                return 0;
            }
            int k = s.latency().ordinal();
            long[] before = lastLatencies != null ? lastLatencies[k] : new long[LatencyHistogram.BUCKETS];
            long nanos = LatencyHistogram.percentile(before, latencies[k], s.quantile());
            return (nanos + 999) / 1000;
        }

        private int slot(int i) {
            return (next - count + i + capacity) % capacity;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public long time(int i) {
            return times[slot(i)];
        }

        @Override
        public long value(int i, Stat stat) {
            return data[slot(i) * STATS.length + stat.ordinal()];
        }

        long[] row(int i) {
            int at = slot(i) * STATS.length;
            return Arrays.copyOfRange(data, at, at + STATS.length);
        }

        long bytes() {
            return 8L * (times.length + data.length);
        }
    }
}
