package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The shortcut that declines incompressible blocks without compressing them must agree with
 * the compressor: whenever it says "surely gives up", the full encoder gives up too. Inputs
 * are built around the threshold: noise of a chosen entropy with a chosen number of short
 * repeats planted at chosen places, so the shortcut sees both sides of its bound.
 */
class WhackGiveUpTest {

    @Property(tries = 3000)
    void theShortcutNeverDeclinesABlockTheEncoderWouldCompress(
            @ForAll @IntRange(min = 3, max = 57344) int len,
            @ForAll @IntRange(min = 1, max = 8) int entropyBits,
            @ForAll @IntRange(min = 0, max = 400) int plantedRepeats,
            @ForAll @IntRange(min = 3, max = 12) int repeatLength,
            @ForAll @IntRange(min = 0, max = 2) int where,
            @ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) r.nextInt(1 << entropyBits);
        }
        for (int k = 0; k < plantedRepeats && len > 2 * repeatLength; k++) {
            int to = switch (where) {
                case 0 -> r.nextInt(len - repeatLength);
                case 1 -> len / 2 - repeatLength / 2 + r.nextInt(Math.max(1, len / 8)) - len / 16;
                default -> len / 2 + r.nextInt(Math.max(1, len / 2 - repeatLength));
            };
            to = Math.clamp(to, repeatLength, len - repeatLength);
            int from = r.nextInt(Math.max(1, to - repeatLength + 1));
            System.arraycopy(b, from, b, to, repeatLength);
        }
        Whack w = new Whack();
        boolean shortcut = w.surelyGivesUp(b, 0, len);
        int full = w.encode(b, 0, len, new byte[len], 0);
        if (shortcut) {
            assertThat(full).as("shortcut declined a block the encoder compresses to %d bytes", full).isEqualTo(-1);
        }
        assertThat(w.compress(b, 0, len, new byte[len], 0)).isEqualTo(full);
    }
}
