package venti.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;

/**
 * How the fuzz targets damage golden bytes: the fuzzer's input picks the edits (overwritten
 * bytes, flipped bits, a cut, an inserted run), so coverage guidance works on the golden
 * structures themselves rather than on random bytes that rarely get past a magic number.
 */
public final class Mutations {

    private Mutations() {
    }

    /** {@code golden} with up to 16 edits the fuzzer chose; the original when it chose none. */
    public static byte[] mutate(byte[] golden, FuzzedDataProvider data) {
        byte[] b = golden.clone();
        int edits = data.consumeInt(0, 16);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = data.consumeInt(0, b.length - 1);
            switch (data.consumeInt(0, 4)) {
                case 0 -> b[at] = data.consumeByte();
                case 1 -> b[at] ^= (byte) (1 << data.consumeInt(0, 7));
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] run = data.consumeBytes(data.consumeInt(1, 64));
                    byte[] grown = new byte[b.length + run.length];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(run, 0, grown, at, run.length);
                    System.arraycopy(b, at, grown, at + run.length, b.length - at);
                    b = grown;
                }
                default -> Arrays.fill(b, at, Math.min(b.length, at + data.consumeInt(1, 16)),
                        data.consumeBoolean() ? (byte) 0xff : 0);
            }
        }
        return b;
    }
}
