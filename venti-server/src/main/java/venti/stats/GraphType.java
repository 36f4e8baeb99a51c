package venti.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The graphs of the C server's {@code /graph} page (httpd.c): what each draws from two
 * consecutive samples. Differences are per second, so a graph over the per-minute history
 * shows the same rates as one over the per-second history (the C server's samples are all a
 * second apart, where a difference is the same thing).
 */
public enum GraphType {
    /** The value. */
    RAW(false, false),
    /** The increase per second. */
    DIFF(false, false),
    /** The value as a percentage of {@code arg2}'s. */
    PCT(true, false),
    /** The increase as a percentage of {@code arg2}'s increase. */
    PCTDIFF(true, false),
    /** The increase divided by {@code arg2}'s increase (such as time per request). */
    DIVDIFF(true, false),
    /** Bytes per second to and from the arena partitions and index sections. */
    DISKBW(false, true),
    /** Bytes per second of disk and network together. */
    IOBW(false, true),
    /** Bytes per second of blocks read and written by clients. */
    NETBW(false, true);

    private final boolean needsArg2;
    private final boolean bandwidth;

    GraphType(boolean needsArg2, boolean bandwidth) {
        this.needsArg2 = needsArg2;
        this.bandwidth = bandwidth;
    }

    /** The name {@code /graph} takes: {@code raw}, {@code diff}, ... */
    public String graphName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GraphType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.graphName().equals(name)).findFirst();
    }

    /** True when the graph divides by a second statistic, {@code arg2}. */
    public boolean needsArg2() {
        return needsArg2;
    }

    /** True when the graph draws a fixed sum of byte counts and takes no statistic ({@code arg=*}). */
    public boolean isBandwidth() {
        return bandwidth;
    }

    /** The value of this graph at sample {@code i} of {@code s}, which must be at least 1. */
    double value(Samples s, int i, Stat a, Stat a2) {
        double dt = Math.max(1, s.time(i) - s.time(i - 1));
        return switch (this) {
            case RAW -> s.value(i, a);
            case DIFF -> diff(s, i, a) / dt;
            case PCT -> percent(s.value(i, a), s.value(i, a2));
            case PCTDIFF -> percent(diff(s, i, a), diff(s, i, a2));
            case DIVDIFF -> diff(s, i, a) / (double) Math.max(1, diff(s, i, a2));
            case DISKBW -> disk(s, i) / dt;
            case IOBW -> (disk(s, i) + net(s, i)) / dt;
            case NETBW -> net(s, i) / dt;
        };
    }

    private static long diff(Samples s, int i, Stat a) {
        return s.value(i, a) - s.value(i - 1, a);
    }

    /** {@code v} as a percentage of {@code total}, which counts as 1 when 0 (as the C {@code percent}). */
    private static double percent(long v, long total) {
        return 100.0 * v / Math.max(1, total);
    }

    private static long disk(Samples s, int i) {
        return diff(s, i, Stat.APART_READ_BYTE) + diff(s, i, Stat.APART_WRITE_BYTE) + diff(s, i, Stat.ISECT_READ_BYTE)
                + diff(s, i, Stat.ISECT_WRITE_BYTE);
    }

    private static long net(Samples s, int i) {
        return diff(s, i, Stat.RPC_READ_BYTE) + diff(s, i, Stat.RPC_WRITE_BYTE);
    }
}
