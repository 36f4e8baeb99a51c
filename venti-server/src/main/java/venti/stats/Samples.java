package venti.stats;

/** Consecutive samples of every {@link Stat}, oldest first, as a {@link GraphType} reads them. */
interface Samples {

    /** Samples held. */
    int count();

    /** When sample {@code i} was taken, in seconds since the epoch. */
    long time(int i);

    /** The value of {@code stat} in sample {@code i}. */
    long value(int i, Stat stat);
}
