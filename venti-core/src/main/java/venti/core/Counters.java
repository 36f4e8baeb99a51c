package venti.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * Event counters named by the constants of an enum: what a store or server has done, for its
 * status pages and metrics.
 *
 * <p>One {@link LongAdder} per constant: counting takes no lock and allocates nothing, so hot
 * paths count every event. A value read while others count is a recent one; it is exact once
 * they have stopped. Thread-safe.
 *
 * @param <E> the enum naming the counters
 */
public final class Counters<E extends Enum<E>> {

    private final LongAdder[] counts;

    /** Counters for every constant of {@code names}, all zero. */
    public Counters(Class<E> names) {
        counts = new LongAdder[names.getEnumConstants().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void add(E counter, long n) {
        counts[counter.ordinal()].add(n);
    }

    public void increment(E counter) {
        counts[counter.ordinal()].increment();
    }

    /** The counter's value now. */
    public long get(E counter) {
        return counts[counter.ordinal()].sum();
    }
}
