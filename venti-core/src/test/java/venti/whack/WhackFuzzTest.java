package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import venti.core.GoldenVectors;
import venti.core.Mutations;

/**
 * Coverage-guided fuzzing of the decompressor on the C codec's own streams: damaged streams
 * fail with {@link WhackException} and write nothing outside the output window; undamaged
 * ones decode to the C's raw bytes exactly (a wrong answer is a finding). Raw byte inputs are
 * seeded with the golden streams.
 */
class WhackFuzzTest {

    private static final int GUARD = 64;
    private static final byte GUARD_BYTE = (byte) 0xa5;

    /** The 36 golden (raw, packed) pairs. */
    private static final List<byte[][]> PAIRS = IntStream.range(0, 36).mapToObj(i -> String.format("%03d", i))
            .map(n -> new byte[][]{GoldenVectors.read("whack", n + ".raw"), GoldenVectors.read("whack", n + ".whack")})
            .toList();

    /** Decodes into a guarded window; returns the output, or null when the stream was refused. */
    private static byte[] decode(byte[] packed, int outLen) {
        byte[] dst = new byte[GUARD + outLen + GUARD];
        Arrays.fill(dst, GUARD_BYTE);
        byte[] out = null;
        try {
            Unwhack.decompress(packed, 0, packed.length, dst, GUARD, outLen);
            out = Arrays.copyOfRange(dst, GUARD, GUARD + outLen);
        } catch (WhackException refused) {
            // the one way a bad stream may fail
        }
        for (int i = 0; i < GUARD; i++) {
            assertThat(dst[i]).as("byte before the window").isEqualTo(GUARD_BYTE);
            assertThat(dst[GUARD + outLen + i]).as("byte after the window").isEqualTo(GUARD_BYTE);
        }
        return out;
    }

    @FuzzTest(maxDuration = "4m")
    void mutatedStreams(FuzzedDataProvider data) {
        byte[][] pair = PAIRS.get(data.consumeInt(0, PAIRS.size() - 1));
        int outLen = Math.max(0, pair[0].length + (data.consumeBoolean() ? 0 : data.consumeInt(-64, 64)));
        byte[] packed = Mutations.mutate(pair[1], data);
        byte[] out = decode(packed, outLen);
        if (Arrays.equals(packed, pair[1]) && outLen == pair[0].length) {
            assertThat(out).as("an undamaged golden stream decodes to the C's bytes").isEqualTo(pair[0]);
        }
    }

    @FuzzTest(maxDuration = "4m")
    void rawStreams(byte[] input) {
        for (int outLen : new int[]{0, 1, 100, 8192, 57344}) {
            decode(input, outLen);
        }
    }
}
