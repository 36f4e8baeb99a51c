package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import venti.core.GoldenVectors;

/** The compressor's contract beyond the golden pairs: reuse, sharing, limits and allocation. */
class WhackTest {

    private static final String[] PAIRS = {"004", "013", "016", "021", "022", "030", "033", "034"};

    @Test
    void aReusedCompressorMatchesAFreshOneWhateverCameBefore() {
        Whack reused = new Whack();
        for (int round = 0; round < 3; round++) {
            for (String name : PAIRS) {
                byte[] raw = GoldenVectors.read("whack", name + ".raw");
                assertThat(compress(reused, raw)).as("%s in round %d", name, round)
                        .isEqualTo(GoldenVectors.read("whack", name + ".whack"));
            }
        }
    }

    @Test
    void compressBlockIsSafeFromManyThreads() throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                results.add(pool.submit(() -> {
                    for (String name : PAIRS) {
                        byte[] raw = GoldenVectors.read("whack", name + ".raw");
                        byte[] dst = new byte[raw.length];
                        int n = Whack.compressBlock(raw, 0, raw.length, dst, 0);
                        if (!Arrays.equals(Arrays.copyOf(dst, n), GoldenVectors.read("whack", name + ".whack"))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get()).isTrue();
        }
    }

    @Test
    void declinesInputsShorterThanAMatch() {
        Whack w = new Whack();
        for (int len = 0; len < Whack.MIN_MATCH; len++) {
            assertThat(w.compress(new byte[len], 0, len, new byte[len], 0)).isEqualTo(-1);
        }
    }

    /**
     * 12% zeros keep the literal share at the middle under four fifths, so the give-up rule
     * passes; the rest are literals of 9 to 11 bits (four printable bytes, then one from
     * 128..191), which make the output outgrow the input near the end.
     */
    @Test
    void outputThatWouldReachTheInputLengthIsDeclined() {
        Random r = new Random(1);
        byte[] raw = new byte[1000];
        for (int i = 120; i < raw.length; i++) {
            raw[i] = (byte) ((i - 120) % 5 == 4 ? 128 + r.nextInt(64) : 32 + r.nextInt(95));
        }
        byte[] dst = new byte[raw.length + 16];
        assertThat(new Whack().compress(raw, 0, raw.length, dst, 8)).isEqualTo(-1);
        assertThat(Arrays.copyOfRange(dst, 8 + raw.length, dst.length)).containsOnly(0);
        assertThat(new Whack().compress(raw, 0, 600, dst, 0)).isBetween(500, 599);
    }

    @Test
    void rejectsWindowsOutsideTheArrays() {
        Whack w = new Whack();
        assertThatThrownBy(() -> w.compress(new byte[10], 5, 6, new byte[10], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> w.compress(new byte[10], 0, 10, new byte[9], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Unwhack.decompress(new byte[4], 0, 4, new byte[10], 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void neitherDirectionAllocatesPerCall() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count the bytes a thread allocates");
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] raw = GoldenVectors.read("whack", "016.raw");
        byte[] packed = new byte[raw.length];
        byte[] back = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < 200; i++) {
            n = Whack.compressBlock(raw, 0, raw.length, packed, 0);
            Unwhack.decompress(packed, 0, n, back, 0, raw.length);
        }

        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            n = Whack.compressBlock(raw, 0, raw.length, packed, 0);
            Unwhack.decompress(packed, 0, n, back, 0, raw.length);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 100 round trips of %d bytes", raw.length).isLessThan(4096);
        assertThat(back).isEqualTo(raw);
    }

    private static byte[] compress(Whack w, byte[] raw) {
        byte[] dst = new byte[raw.length];
        int n = w.compress(raw, 0, raw.length, dst, 0);
        return Arrays.copyOf(dst, Math.max(n, 0));
    }
}
