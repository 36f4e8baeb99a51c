package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import venti.core.GoldenVectors;
import venti.core.Sha1;

/** The C venti's own whack pairs ({@code vectors/whack}): both directions, byte for byte. */
class WhackVectorsTest {

    static Stream<String> pairs() throws IOException {
        return names("[0-9][0-9][0-9]\\.raw");
    }

    static Stream<String> declined() throws IOException {
        return names("none-[0-9][0-9]\\.raw");
    }

    private static Stream<String> names(String pattern) throws IOException {
        try (Stream<Path> files = Files.list(GoldenVectors.path("whack"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(pattern))
                    .map(n -> n.substring(0, n.length() - ".raw".length()))
                    .sorted()
                    .toList();
            return names.stream();
        }
    }

    @Test
    void allVectorsArePresent() throws IOException {
        assertThat(pairs()).hasSize(36);
        assertThat(declined()).hasSize(11);
    }

    /** A block and the payload the C venti stored for it. */
    record Pair(byte[] raw, byte[] packed) {
        static Pair load(String name) {
            return new Pair(GoldenVectors.read("whack", name + ".raw"), GoldenVectors.read("whack", name + ".whack"));
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void compressesLikeC(String name) {
        Pair p = Pair.load(name);
        assertThat(compress(p.raw())).isEqualTo(p.packed());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void decompressesLikeC(String name) {
        Pair p = Pair.load(name);
        byte[] out = new byte[p.raw().length];
        Unwhack.decompress(p.packed(), 0, p.packed().length, out, 0, out.length);
        assertThat(out).isEqualTo(p.raw());
    }

    @ParameterizedTest
    @MethodSource("declined")
    void declinesWhatCDeclined(String name) {
        byte[] raw = GoldenVectors.read("whack", name + ".raw");

        assertThat(Whack.compressBlock(raw, 0, raw.length, new byte[raw.length], 0)).isEqualTo(-1);
    }

    @Test
    void scoresMatchTheIndex() throws IOException {
        for (String line : Files.readAllLines(GoldenVectors.path("whack", "index.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            byte[] raw = GoldenVectors.read("whack", f[0] + ".raw");
            assertThat(raw).as(f[0]).hasSize(Integer.parseInt(f[1]));
            assertThat(Sha1.hash(raw).toString()).as(f[0]).isEqualTo(f[3]);
        }
    }

    @Test
    void smallExamplesFromTheReadme() {
        assertThat(compress("abcabcabc".getBytes())).isEqualTo(HexFormat.of().parseHex("30988c7d0100"));
        assertThat(compress(new byte[16])).isEqualTo(HexFormat.of().parseHex("007dc000"));
    }

    @Test
    void worksAtAnyOffsetInBothArrays() {
        Pair p = Pair.load("013");
        byte[] raw = p.raw();
        byte[] expected = p.packed();
        byte[] src = new byte[raw.length + 17];
        System.arraycopy(raw, 0, src, 11, raw.length);
        byte[] dst = new byte[raw.length + 5];

        int n = Whack.compressBlock(src, 11, raw.length, dst, 5);
        assertThat(Arrays.copyOfRange(dst, 5, 5 + n)).isEqualTo(expected);

        byte[] back = new byte[raw.length + 9];
        Unwhack.decompress(dst, 5, n, back, 3, raw.length);
        assertThat(Arrays.copyOfRange(back, 3, 3 + raw.length)).isEqualTo(raw);
    }

    private static byte[] compress(byte[] raw) {
        byte[] dst = new byte[raw.length];
        int n = new Whack().compress(raw, 0, raw.length, dst, 0);
        return Arrays.copyOf(dst, Math.max(n, 0));
    }
}
