package venti.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import venti.server.LatencyHistogram;

/** The history's bounds, its two rings, the C binning and the per-interval percentiles. */
class HistoryTest {

    private static final int N = Stat.values().length;
    private static final long T = 1_800_000_000L;

    /** A sample at {@code t} where every counter is {@code rate} per second since {@link #T}, and levels are 7. */
    private static long[] row(long t, long rate) {
        long[] r = new long[N];
        for (Stat s : Stat.values()) {
            r[s.ordinal()] = s.kind() == Stat.Kind.COUNTER ? (t - T) * rate : 7;
        }
        return r;
    }

    @Test
    void memoryIsBoundedAndCoversTwoHoursBySecondAndTwentyFiveByMinute() {
        History h = new History();
        assertThat(History.SECONDS).isGreaterThanOrEqualTo(2 * 3600);
        assertThat(History.MINUTES * 60L).isGreaterThanOrEqualTo(25 * 3600L);
        assertThat(h.memoryBytes()).isEqualTo(8L * (History.SECONDS + History.MINUTES) * (N + 1))
                .isLessThanOrEqualTo(8L << 20);
        long before = h.memoryBytes();
        for (long t = T; t < T + 30 * 3600; t++) {
            h.record(t, row(t, 10), null);
        }
        assertThat(h.memoryBytes()).as("a day and more of samples allocates nothing more").isEqualTo(before);
    }

    @Test
    void graphsReadSecondsForTheLastTwoHoursAndMinutesBeyond() {
        History h = new History();
        long end = T + 26 * 3600;
        for (long t = T; t <= end; t++) {
            h.record(t, row(t, 10), null);
        }
        assertThat(h.latest()).isEqualTo(end);
        Bin[] recent = h.bins(GraphType.DIFF, Stat.RPC_WRITE_BYTE, null, end - 7200, end, 100);
        assertThat(recent).allSatisfy(b -> {
            assertThat(b.samples()).as("per-second samples in a 72 s bin").isEqualTo(72);
            assertThat(b.avg()).isEqualTo(10);
        });
        Bin[] day = h.bins(GraphType.DIFF, Stat.RPC_WRITE_BYTE, null, end - 25 * 3600, end, 100);
        assertThat(day).allSatisfy(b -> {
            assertThat(b.samples()).as("per-minute samples in a 15 min bin").isEqualTo(15);
            assertThat(b.avg()).as("still per second").isEqualTo(10);
        });
        Bin[] raw = h.bins(GraphType.RAW, Stat.LCACHE_SIZE, null, end - 600, end, 10);
        assertThat(raw).allSatisfy(b -> assertThat(b.max()).isEqualTo(7));
    }

    @Test
    void anEmptyBinRepeatsTheOneBeforeAsInTheCServer() {
        History h = new History();
        for (long t = T; t <= T + 10; t++) {
            h.record(t, row(t, t < T + 5 ? 1 : 3), null);
        }
        h.record(T + 60, row(T + 60, 3), null);
        Bin[] b = h.bins(GraphType.RAW, Stat.RPC_TOTAL, null, T, T + 60, 6);
        assertThat(b[0].samples()).isEqualTo(10);
        assertThat(b[1]).as("no samples from T+10 to T+20").isEqualTo(b[0]);
        assertThat(b[4]).isEqualTo(b[0]);
        assertThat(b[5].samples()).isEqualTo(1);
        Bin[] before = h.bins(GraphType.RAW, Stat.RPC_TOTAL, null, T - 100, T - 50, 5);
        assertThat(before).allSatisfy(x -> assertThat(x.samples()).isZero());
    }

    @Test
    void aSampleNotAfterTheLastIsIgnored() {
        History h = new History();
        h.record(T, row(T, 1), null);
        h.record(T, row(T + 5, 1), null);
        h.record(T - 1, row(T, 1), null);
        assertThat(h.since(0, 100).times()).containsExactly(T);
    }

    @Test
    void sinceGivesTheSamplesAfterATimeAndRateTheGrowth() {
        History h = new History();
        for (long t = T; t < T + 100; t++) {
            h.record(t, row(t, 4), null);
        }
        History.Series s = h.since(T + 90, 1000);
        assertThat(s.times()).hasSize(9).startsWith(T + 91);
        assertThat(s.values()[0][Stat.RPC_READ.ordinal()]).isEqualTo(91 * 4);
        assertThat(h.since(0, 5).times()).containsExactly(T + 95, T + 96, T + 97, T + 98, T + 99);
        assertThat(h.rate(Stat.RPC_READ, 30)).isEqualTo(4.0);
        assertThat(new History().rate(Stat.RPC_READ, 30)).isNaN();
    }

    @Test
    void percentilesAreOverEachSecondAndEachMinute() {
        History h = new History();
        LatencyHistogram reads = new LatencyHistogram();
        LatencyHistogram writes = new LatencyHistogram();
        long start = T - T % 60;
        for (long t = start; t < start + History.SECONDS + 100; t++) {
            for (int i = 0; i < 100; i++) {
                reads.record(t == start + 30 ? 50_000_000 : 10_000);
            }
            h.record(t, row(t, 1), new long[][] {reads.snapshot(), writes.snapshot()});
        }
        long[] quiet = h.since(0, 1).values()[0];
        assertThat(quiet[Stat.RPC_READ_P99.ordinal()]).as("10 µs, to its bucket's end").isBetween(10L, 13L);
        assertThat(quiet[Stat.RPC_WRITE_P50.ordinal()]).as("no writes").isZero();
        Bin[] minutes = h.bins(GraphType.RAW, Stat.RPC_READ_P99, null, start, start + 120, 2);
        assertThat(minutes[0].samples()).as("read from the per-minute ring").isEqualTo(1);
        assertThat(minutes[0].max()).as("the slow second is 1/60 of the first minute's reads")
                .isCloseTo(50_000, within(50_000 * 0.25));
        assertThat(minutes[1].max()).isBetween(10.0, 13.0);
        Bin[] p90 = h.bins(GraphType.RAW, Stat.RPC_READ_P90, null, start, start + 60, 1);
        assertThat(p90[0].max()).isBetween(10.0, 13.0);
    }
}
