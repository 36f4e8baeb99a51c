package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreWithinTheBucketWidth() {
        Latencies l = new Latencies();
        assertThat(l.percentile(0.5)).isZero();
        for (long v = 1; v <= 100_000; v++) {
            l.record(v * 1000);
        }
        assertThat(l.count()).isEqualTo(100_000);
        assertThat((double) l.percentile(0.50)).isCloseTo(50_000_000, within(50_000_000 / 64.0));
        assertThat((double) l.percentile(0.99)).isCloseTo(99_000_000, within(99_000_000 / 64.0));
        assertThat(l.percentile(1.0)).isGreaterThanOrEqualTo(100_000_000);
    }

    @Test
    void smallValuesAreExact() {
        Latencies l = new Latencies();
        l.record(5);
        l.record(100);
        assertThat(l.percentile(0.5)).isEqualTo(5);
        assertThat(l.percentile(1)).isEqualTo(100);
        l.record(Long.MAX_VALUE);
        assertThat(l.percentile(1)).isEqualTo(Long.MAX_VALUE);
    }
}
