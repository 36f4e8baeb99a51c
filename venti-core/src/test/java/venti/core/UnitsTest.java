package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void readsTheGoldenConfigAndFormatSizes() throws IOException {
        // venti.conf of the golden store says "mem 4M"; it was formatted with "fmtarenas -a 1m".
        assertThat(Files.readAllLines(GoldenVectors.path("disk", "venti.conf"))).contains("mem 4M");
        assertThat(Units.parse("4M")).isEqualTo(4 << 20);
        assertThat(Units.parse("1m")).isEqualTo(1 << 20);
    }

    @Test
    void readsStrtoulBasesAndEverySuffix() {
        assertThat(Units.parse("8192")).isEqualTo(8192);
        assertThat(Units.parse("0x2000")).isEqualTo(8192);
        assertThat(Units.parse("0XfF")).isEqualTo(255);
        assertThat(Units.parse("020")).isEqualTo(16);
        assertThat(Units.parse("0")).isZero();
        assertThat(Units.parse("00")).isZero();
        assertThat(Units.parse("8k")).isEqualTo(8192);
        assertThat(Units.parse("8K")).isEqualTo(8192);
        assertThat(Units.parse("0x10k")).isEqualTo(16384);
        assertThat(Units.parse("2g")).isEqualTo(2L << 30);
        assertThat(Units.parse("3G")).isEqualTo(3L << 30);
        // The C unittoull rejected every t suffix.
        assertThat(Units.parse("1t")).isEqualTo(1L << 40);
        assertThat(Units.parse("5T")).isEqualTo(5L << 40);
        assertThat(Units.parse("8388607t")).isEqualTo(8388607L << 40);
        assertThat(Units.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : List.of("", "k", "12q", "1kk", "k1", "-1", "+1", " 1", "1 ", "08", "0x", "0xk", "0x-1", "1.5g",
                "\u0661\u0662")) {
            assertThatThrownBy(() -> Units.parse(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad size '" + bad + "': want a decimal, 0x hex or 0 octal number with an optional k, m, g or t suffix");
        }
    }

    @Test
    void refusesSizesBeyondALong() {
        for (String big : List.of("9223372036854775808", "8388608t", "8589934592g", "0x8000000000000000", "18446744073709551616")) {
            assertThatThrownBy(() -> Units.parse(big)).as(big)
                    .hasMessage("size '" + big + "' is too large: the most is 9223372036854775807 bytes");
        }
    }

    @Test
    void printsCommasAsTheTools() throws IOException {
        List<String> format = Files.readAllLines(GoldenVectors.path("disk", "tools-output", "format.txt"));
        assertThat(format.get(0)).isEqualTo("fmtarenas arenas.part: " + Units.commas(7) + " arenas, "
                + Units.commas(7_593_984) + " bytes storage, " + Units.commas(524_288) + " bytes for index map");
        assertThat(format.get(2)).endsWith("best up to " + Units.commas(186_413) + " blocks");
        assertThat(Units.commas(0)).isEqualTo("0");
        assertThat(Units.commas(999)).isEqualTo("999");
        assertThat(Units.commas(1000)).isEqualTo("1,000");
        assertThat(Units.commas(-49_541_120)).isEqualTo("-49,541,120");
        assertThat(Units.commas(Long.MAX_VALUE)).isEqualTo("9,223,372,036,854,775,807");
    }

    @Test
    void formatsSizesInTheirShortestForm() {
        assertThat(Units.format(0)).isEqualTo("0");
        assertThat(Units.format(1000)).isEqualTo("1000");
        assertThat(Units.format(8192)).isEqualTo("8K");
        assertThat(Units.format(1536L << 20)).isEqualTo("1536M");
        assertThat(Units.format(3L << 30)).isEqualTo("3G");
        assertThat(Units.format(1L << 40)).isEqualTo("1024G");
        assertThatThrownBy(() -> Units.format(-1)).hasMessage("size -1 is negative");
    }

    @Property
    void formattedSizesParseBack(@ForAll @LongRange(min = 0) long n) {
        assertThat(Units.parse(Units.format(n))).isEqualTo(n);
        assertThat(Units.parse(Units.format(n << 10 >>> 10 & -1024L))).isEqualTo(n << 10 >>> 10 & -1024L);
        assertThat(Units.parse(Long.toString(n))).isEqualTo(n);
        assertThat(Units.parse("0x" + Long.toHexString(n))).isEqualTo(n);
    }
}
