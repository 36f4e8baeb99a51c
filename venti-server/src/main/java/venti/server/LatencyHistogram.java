package venti.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long requests of one kind took, as counts in buckets of nanoseconds: four buckets per
 * power of two, so a bucket is at most 25% wide, from 1 ns to about 18 minutes (longer times
 * fall in the last bucket). The counts only grow; percentiles over an interval come from the
 * difference of two {@link #snapshot}s ({@link #percentile}), which is how the HTTP server's
 * history shows latency percentiles per second and per minute.
 *
 * <p>Recording is one {@code LongAdder} increment. Thread-safe.
 */
public final class LatencyHistogram {

    /** Buckets: four per power of two up to 2^40 ns. */
    public static final int BUCKETS = 4 * 40;

    private final LongAdder[] counts = new LongAdder[BUCKETS];

    public LatencyHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one request that took {@code nanos}. */
    public void record(long nanos) {
        counts[bucket(nanos)].increment();
    }

    /** The counts now, bucket by bucket. */
    public long[] snapshot() {
        long[] s = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            s[i] = counts[i].sum();
        }
        return s;
    }

    static int bucket(long nanos) {
        if (nanos < 4) {
            return (int) Math.max(0, nanos);
        }
        int e = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) (nanos >>> (e - 2)) & 3;
        return Math.min(BUCKETS - 1, 4 * (e - 1) + sub);
    }

    /** The largest time that falls in bucket {@code i}. */
    static long upperBound(int i) {
        if (i < 4) {
            return i;
        }
        int e = i / 4 + 1;
        long lower = (long) (4 + i % 4) << (e - 2);
        return lower + (1L << (e - 2)) - 1;
    }

    /**
     * The time that a fraction {@code q} (0 to 1) of the requests counted between snapshots
     * {@code before} and {@code after} took at most, rounded up to its bucket's end; 0 when
     * none were counted.
     */
    public static long percentile(long[] before, long[] after, double q) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += after[i] - before[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += after[i] - before[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }
}
