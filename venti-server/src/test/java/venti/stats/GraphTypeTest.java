package venti.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each C graph type from two samples, as httpd.c computes it, per second. */
class GraphTypeTest {

    /** Two samples {@code dt} seconds apart: every value 100 then 150, but those set. */
    private static Samples two(long dt, Stat[] stats, long[] first, long[] second) {
        long[][] rows = new long[2][Stat.values().length];
        Arrays.fill(rows[0], 100);
        Arrays.fill(rows[1], 150);
        for (int i = 0; i < stats.length; i++) {
            rows[0][stats[i].ordinal()] = first[i];
            rows[1][stats[i].ordinal()] = second[i];
        }
        return new Samples() {
            public int count() {
                return 2;
            }

            public long time(int i) {
                return 1000 + i * dt;
            }

            public long value(int i, Stat s) {
                return rows[i][s.ordinal()];
            }
        };
    }

    @Test
    void eachTypeAsTheCServerComputesIt() {
        Stat a = Stat.ICACHE_HIT;
        Stat b = Stat.ICACHE_LOOKUP;
        Stat zero = Stat.DCACHE_HIT;
        Samples s = two(1, new Stat[] {a, b, zero}, new long[] {10, 20, 0}, new long[] {40, 80, 0});
        assertThat(GraphType.RAW.value(s, 1, a, null)).isEqualTo(40);
        assertThat(GraphType.DIFF.value(s, 1, a, null)).isEqualTo(30);
        assertThat(GraphType.PCT.value(s, 1, a, b)).isEqualTo(50);
        assertThat(GraphType.PCTDIFF.value(s, 1, a, b)).isEqualTo(50);
        assertThat(GraphType.DIVDIFF.value(s, 1, b, a)).isEqualTo(2);
        assertThat(GraphType.DIVDIFF.value(s, 1, a, zero)).as("a zero divisor counts as 1").isEqualTo(30);
        assertThat(GraphType.PCT.value(s, 1, a, zero)).as("a zero total counts as 1").isEqualTo(4000);
    }

    @Test
    void bandwidthsAddTheirByteCountsPerSecond() {
        Stat[] disk = {Stat.APART_READ_BYTE, Stat.APART_WRITE_BYTE, Stat.ISECT_READ_BYTE, Stat.ISECT_WRITE_BYTE,
            Stat.SUM_READ_BYTE, Stat.RPC_READ_BYTE, Stat.RPC_WRITE_BYTE};
        Samples s = two(2, disk, new long[7], new long[] {100, 200, 300, 400, 999, 1000, 2000});
        assertThat(GraphType.DISKBW.value(s, 1, null, null)).as("sum reads are in apartread already").isEqualTo(500);
        assertThat(GraphType.NETBW.value(s, 1, null, null)).isEqualTo(1500);
        assertThat(GraphType.IOBW.value(s, 1, null, null)).isEqualTo(2000);
        assertThat(GraphType.DIFF.value(s, 1, Stat.RPC_READ_BYTE, null)).as("per second over 2 s").isEqualTo(500);
        assertThat(GraphType.PCTDIFF.value(s, 1, Stat.RPC_READ_BYTE, Stat.RPC_WRITE_BYTE)).isEqualTo(50);
    }

    @Test
    void namesAreTheCServers() {
        assertThat(Arrays.stream(GraphType.values()).map(GraphType::graphName))
                .containsExactly("raw", "diff", "pct", "pctdiff", "divdiff", "diskbw", "iobw", "netbw");
        assertThat(GraphType.byName("pctdiff")).contains(GraphType.PCTDIFF);
        assertThat(GraphType.byName("PCT")).isEmpty();
    }
}
