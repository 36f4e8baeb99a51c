package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Round trips through our own codec, on inputs of every kind up to the largest Venti block. */
class WhackPropertiesTest {

    static final int MAX_BLOCK = 57344;

    private static final List<String> WORDS = List.of(
            "the", "of", "and", "a", "to", "in", "is", "venti", "that", "it", "was", "for", "on", "are",
            "with", "as", "block", "score", "be", "at", "one", "have", "this", "from", "by", "hot", "word",
            "but", "what", "some", "archival", "storage", "server", "arena", "index", "clump", "write");

    @Property(tries = 150)
    void randomBytesRoundTrip(@ForAll("random") byte[] x) {
        assertRoundTrip(x);
    }

    @Property(tries = 150)
    void textRoundTripsAndCompresses(@ForAll("text") byte[] x) {
        int n = assertRoundTrip(x);
        if (x.length >= 1024) {
            assertThat(n).as("compressed size of %d bytes of text", x.length).isBetween(1, x.length * 3 / 4);
        }
    }

    @Property(tries = 100)
    void zerosRoundTripAndAlwaysCompress(@ForAll @IntRange(min = 0, max = MAX_BLOCK) int len) {
        int n = assertRoundTrip(new byte[len]);
        if (len >= 8) {
            assertThat(n).isBetween(1, len / 2);
        }
    }

    @Property(tries = 150)
    void repetitionRoundTripsAndCompresses(@ForAll("repetitive") byte[] x) {
        int n = assertRoundTrip(x);
        if (x.length >= 1024) {
            assertThat(n).as("compressed size of %d repetitive bytes", x.length).isBetween(1, x.length / 2);
        }
    }

    @Property(tries = 150)
    void mixedRoundTrip(@ForAll("mixed") byte[] x) {
        assertRoundTrip(x);
    }

    /**
     * Compresses and decompresses {@code x}; returns the compressed length, or -1 when the
     * compressor declined, which it may only do for input it cannot shrink below its length
     * or by its give-up rule.
     */
    static int assertRoundTrip(byte[] x) {
        byte[] packed = new byte[x.length];
        int n = Whack.compressBlock(x, 0, x.length, packed, 0);
        if (x.length < Whack.MIN_MATCH) {
            assertThat(n).isEqualTo(-1);
        }
        if (n >= 0) {
            assertThat(n).isLessThanOrEqualTo(x.length);
            byte[] back = new byte[x.length];
            Unwhack.decompress(packed, 0, n, back, 0, x.length);
            assertThat(back).isEqualTo(x);
        }
        return n;
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Combinators.combine(sizes(), Arbitraries.longs()).as((len, seed) -> {
            byte[] b = new byte[len];
            new Random(seed).nextBytes(b);
            return b;
        });
    }

    @Provide
    Arbitrary<byte[]> text() {
        return Combinators.combine(sizes(), Arbitraries.longs()).as(WhackPropertiesTest::words);
    }

    @Provide
    Arbitrary<byte[]> repetitive() {
        Arbitrary<byte[]> patterns = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        return Combinators.combine(sizes(), patterns).as((len, pattern) -> {
            byte[] b = new byte[len];
            for (int i = 0; i < len; i++) {
                b[i] = pattern[i % pattern.length];
            }
            return b;
        });
    }

    /** Runs of zeros, random bytes, text and copies of earlier runs at any distance. */
    @Provide
    Arbitrary<byte[]> mixed() {
        return Combinators.combine(sizes(), Arbitraries.longs()).as((len, seed) -> {
            Random r = new Random(seed);
            byte[] b = new byte[len];
            for (int at = 0; at < len; ) {
                int run = Math.min(len - at, 1 + r.nextInt(4096));
                switch (r.nextInt(4)) {
                    case 0 -> Arrays.fill(b, at, at + run, (byte) r.nextInt());
                    case 1 -> {
                        for (int i = at; i < at + run; i++) {
                            b[i] = (byte) r.nextInt();
                        }
                    }
                    case 2 -> System.arraycopy(words(run, r.nextLong()), 0, b, at, run);
                    default -> {
                        int from = at == 0 ? 0 : r.nextInt(at);
                        for (int i = 0; i < run; i++) {
                            b[at + i] = b[from + i];
                        }
                    }
                }
                at += run;
            }
            return b;
        });
    }

    private static Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(0, 64)),
                Tuple.of(3, Arbitraries.integers().between(0, MAX_BLOCK)),
                Tuple.of(1, Arbitraries.integers().between(MAX_BLOCK - 64, MAX_BLOCK)));
    }

    static byte[] words(int len, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(len + 16);
        while (sb.length() < len) {
            sb.append(WORDS.get((int) Math.min(WORDS.size() - 1, Math.abs(r.nextGaussian()) * WORDS.size() / 3)));
            int p = r.nextInt(16);
            sb.append(p == 0 ? ".\n" : p == 1 ? ", " : " ");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), len);
    }
}
