package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The writer's guess whether compressing pays: it declines noise, accepts what compresses
 * well, and whenever it compresses, the bytes are the codec's own.
 */
class WhackEstimateTest {

    private static byte[] noise(int len, int bits, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) r.nextInt(1 << bits);
        }
        return b;
    }

    private static byte[] text(int len) {
        byte[] line = "the quick brown fox jumps over the lazy dog; venti stores blocks by score\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[len];
        Random r = new Random(1);
        for (int i = 0; i < len; i++) {
            b[i] = i % 97 == 0 ? (byte) ('A' + r.nextInt(26)) : line[i % line.length];
        }
        return b;
    }

    @Test
    void declinesNoiseWithoutCompressingIt() {
        for (int bits : new int[] {7, 8}) {
            byte[] b = noise(8192, bits, bits);
            assertThat(new Whack().likelyGivesUp(b, 0, b.length)).as("%d-bit noise", bits).isTrue();
            assertThat(Whack.compressBlockIfWorthwhile(b, 0, b.length, new byte[b.length], 0)).isEqualTo(-1);
        }
    }

    @Test
    void compressesTextExactlyAsTheCodecDoes() {
        byte[] b = text(8192);
        byte[] expected = new byte[b.length];
        int n = Whack.compressBlock(b, 0, b.length, expected, 0);
        assertThat(n).isPositive().isLessThan(b.length / 2);
        byte[] got = new byte[b.length + 3];
        assertThat(Whack.compressBlockIfWorthwhile(b, 0, b.length, got, 3)).isEqualTo(n);
        assertThat(Arrays.copyOfRange(got, 3, 3 + n)).isEqualTo(Arrays.copyOf(expected, n));
    }

    @Property(tries = 500)
    void eitherDeclinesOrGivesTheCodecsBytes(@ForAll @IntRange(min = 3, max = 57344) int len,
                                             @ForAll @IntRange(min = 1, max = 8) int bits,
                                             @ForAll long seed) {
        byte[] b = noise(len, bits, seed);
        byte[] expected = new byte[len];
        int n = Whack.compressBlock(b, 0, len, expected, 0);
        byte[] got = new byte[len];
        int m = Whack.compressBlockIfWorthwhile(b, 0, len, got, 0);
        if (m != -1) {
            assertThat(m).isEqualTo(n);
            assertThat(got).isEqualTo(expected);
        }
        if (n > 0 && n < len / 2) {
            assertThat(m).as("a block the codec halves is compressed").isEqualTo(n);
        }
    }
}
