package venti.cli;

/**
 * Request latencies in a fixed histogram: values below 128 ns exactly, larger ones in 64
 * buckets to each power of two, so a percentile is within 1/64 (1.6%) of the true value, in
 * 30 KiB of counts however many requests are timed. Not thread-safe.
 */
final class Latencies {

    /** Buckets to each power of two. */
    private static final int SUB = 64;
    /** Bits kept of each value: 7, so mantissas run 64..127. */
    private static final int KEPT = Integer.numberOfTrailingZeros(SUB) + 1;

    private final long[] counts = new long[(Long.SIZE - KEPT + 2) * SUB];
    private long total;

    void record(long nanos) {
        counts[bucket(Math.max(0, nanos))]++;
        total++;
    }

    /** Adds the latencies {@code other} recorded. */
    void add(Latencies other) {
        for (int b = 0; b < counts.length; b++) {
            counts[b] += other.counts[b];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The latency that a fraction {@code p} of the requests did not exceed, in nanoseconds; 0 when none were timed. */
    long percentile(double p) {
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return upper(b);
            }
        }
        return 0;
    }

    private static int bucket(long v) {
        int exp = Math.max(0, Long.SIZE - Long.numberOfLeadingZeros(v) - KEPT);
        return exp * SUB + (int) (v >>> exp);
    }

    /** The largest value in bucket {@code b}. */
    private static long upper(int b) {
        if (b < 2 * SUB) {
            return b;
        }
        int exp = b / SUB - 1;
        long mantissa = b - (long) exp * SUB;
        return ((mantissa + 1) << exp) - 1;
    }
}
