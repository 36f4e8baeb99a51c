package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import venti.core.GoldenVectors;

/**
 * Malformed input to the decompressor: the only failure is a {@link WhackException}, and
 * nothing outside the output window is ever written.
 */
class UnwhackFuzzTest {

    /** Bytes either side of the output window that must survive every call untouched. */
    private static final int GUARD = 64;
    private static final byte GUARD_BYTE = (byte) 0xa5;

    @Property(tries = 2000)
    void randomBytesFailCleanly(@ForAll("bytes") byte[] src, @ForAll @IntRange(max = 20000) int outLen) {
        decodeGuarded(src, src.length, outLen);
    }

    @Property(tries = 300)
    void bitFlipsFailCleanlyOrDecode(@ForAll("streams") Stream s, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] bad = s.packed().clone();
        for (int k = r.nextInt(4); k >= 0; k--) {
            int bit = r.nextInt(bad.length * 8);
            bad[bit >> 3] ^= (byte) (0x80 >> (bit & 7));
        }
        decodeGuarded(bad, bad.length, s.raw().length);
    }

    @Property(tries = 300)
    void overwrittenRunsFailCleanlyOrDecode(@ForAll("streams") Stream s, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] bad = s.packed().clone();
        int at = r.nextInt(bad.length);
        Arrays.fill(bad, at, Math.min(bad.length, at + 1 + r.nextInt(8)), (byte) (r.nextBoolean() ? 0xff : r.nextInt()));
        decodeGuarded(bad, bad.length, s.raw().length);
    }

    @Property(tries = 200)
    void everyTruncationIsRejected(@ForAll("streams") Stream s, @ForAll long seed) {
        int cut = new Random(seed).nextInt(s.packed().length);
        assertThat(decodeGuarded(s.packed(), cut, s.raw().length)).isFalse();
    }

    @Property(tries = 200)
    void aWrongOutputLengthIsRejected(@ForAll("streams") Stream s, @ForAll @IntRange(min = -100, max = 100) int delta) {
        int outLen = s.raw().length + delta;
        if (delta == 0 || outLen < 0) {
            return;
        }
        assertThat(decodeGuarded(s.packed(), s.packed().length, outLen)).isFalse();
        assertThatThrownBy(() -> Unwhack.decompress(s.packed(), 0, s.packed().length, new byte[outLen], 0, outLen))
                .isInstanceOf(WhackException.class)
                .hasMessageContaining(delta < 0 ? "output longer than" : "output shorter than");
    }

    @Test
    void truncationsOfAGoldenStreamAtEveryByteAreRejected() {
        byte[] packed = GoldenVectors.read("whack", "019.whack");
        int rawLen = GoldenVectors.read("whack", "019.raw").length;
        assertThat(decodeGuarded(packed, packed.length, rawLen)).isTrue();
        for (int cut = 0; cut < packed.length; cut++) {
            assertThat(decodeGuarded(packed, cut, rawLen)).as("cut at %d", cut).isFalse();
        }
    }

    @Test
    void aMatchBeforeTheStartOfOutputNamesItsDistance() {
        byte[] matchFirst = HexFormat.of().parseHex("8000");
        assertThatThrownBy(() -> Unwhack.decompress(matchFirst, 0, 2, new byte[3], 0, 3))
                .isInstanceOf(WhackException.class)
                .hasMessageContaining("match distance 1 reaches before the start of the output (0 bytes decoded)")
                .extracting(e -> ((WhackException) e).inputOffset()).isEqualTo(0);
    }

    @Test
    void anOverlongLengthCodeIsRejectedWhereCRejectsIt() {
        byte[] src = new byte[16];
        src[0] = 0x30;
        Arrays.fill(src, 1, src.length, (byte) 0xff);
        assertThatThrownBy(() -> Unwhack.decompress(src, 0, src.length, new byte[1 << 20], 0, 1 << 20))
                .isInstanceOf(WhackException.class)
                .hasMessageContaining("match length code longer than");
    }

    @Test
    void emptyInputDecodesOnlyToEmptyOutput() {
        Unwhack.decompress(new byte[0], 0, 0, new byte[0], 0, 0);
        assertThatThrownBy(() -> Unwhack.decompress(new byte[0], 0, 0, new byte[1], 0, 1))
                .isInstanceOf(WhackException.class)
                .hasMessageContaining("output shorter than the expected 1 bytes: decoded 0");
    }

    /**
     * Decodes {@code src[0, len)} into a window of {@code outLen} bytes inside a larger array
     * and checks the guard bytes either side. Returns whether it decoded; a WhackException
     * means it did not, and any other exception fails the test.
     */
    static boolean decodeGuarded(byte[] src, int len, int outLen) {
        byte[] dst = new byte[GUARD + outLen + GUARD];
        Arrays.fill(dst, GUARD_BYTE);
        try {
            Unwhack.decompress(src, 0, len, dst, GUARD, outLen);
            return true;
        } catch (WhackException e) {
            assertThat(e.inputOffset()).isBetween(0, len);
            return false;
        } finally {
            for (int i = 0; i < GUARD; i++) {
                assertThat(dst[i]).as("guard byte %d before the window", i).isEqualTo(GUARD_BYTE);
                assertThat(dst[GUARD + outLen + i]).as("guard byte %d after the window", i).isEqualTo(GUARD_BYTE);
            }
        }
    }

    record Stream(byte[] raw, byte[] packed) {
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<Stream> streams() {
        return Combinators.combine(Arbitraries.integers().between(64, 20000), Arbitraries.longs())
                .as((len, seed) -> WhackPropertiesTest.words(len, seed))
                .map(raw -> {
                    byte[] packed = new byte[raw.length];
                    int n = Whack.compressBlock(raw, 0, raw.length, packed, 0);
                    return new Stream(raw, Arrays.copyOf(packed, Math.max(n, 0)));
                })
                .filter(s -> s.packed().length > 0);
    }
}
