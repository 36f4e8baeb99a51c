package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RootTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Score DIR = Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");
    private static final Score PREV = Score.parse("8b036ee0d3df665049d6dd47522a2aec96f94850");

    /** The 300 bytes scenario 05 wrote as a root block: text, not a valid root. */
    private static byte[] root300() {
        byte[] b = CapturedWrites.of("05-write-types.c2s.bin").get(3);
        assertThat(b).hasSize(Root.SIZE);
        return b;
    }

    @Test
    void packsAsLibventi() {
        byte[] b = new Root("backup", "vac", DIR, 8192, PREV).pack();
        byte[] want = new byte[300];
        want[1] = 2;
        System.arraycopy("backup".getBytes(StandardCharsets.US_ASCII), 0, want, 2, 6);
        System.arraycopy("vac".getBytes(StandardCharsets.US_ASCII), 0, want, 130, 3);
        DIR.copyTo(want, 258);
        want[278] = 0x20;
        PREV.copyTo(want, 280);
        assertThat(b).isEqualTo(want);
        assertThat(Root.unpack(want)).isEqualTo(new Root("backup", "vac", DIR, 8192, PREV));
    }

    @Test
    void bigBlockSizesSetTheVersionBit() {
        byte[] small = new Root("a", "vac", DIR, 65535, PREV).pack();
        assertThat(HEX.formatHex(small, 0, 2) + HEX.formatHex(small, 278, 280)).isEqualTo("0002" + "ffff");
        Root r = new Root("a", "vac", DIR, 65536, PREV);
        byte[] big = r.pack();
        assertThat(HEX.formatHex(big, 0, 2) + HEX.formatHex(big, 278, 280)).isEqualTo("8002" + "8006");
        assertThat(Root.unpack(big)).isEqualTo(r);
        assertThatThrownBy(() -> new Root("a", "vac", DIR, 65537, PREV)).hasMessageContaining("no exact encoding");
    }

    @Test
    void theGoldenTextBlockIsNotARoot() {
        assertThatThrownBy(() -> Root.unpack(root300()))
                .isInstanceOf(FormatException.class)
                .hasMessage("unknown root version 0x7665: want 0x0002 or 0x8002");
    }

    @Test
    void readsStringsToTheirNulAndIgnoresThe128thByte() {
        byte[] b = root300();
        b[0] = 0;
        b[1] = 2;
        String text = new String(b, StandardCharsets.US_ASCII);
        Root r = Root.unpack(b);
        assertThat(r.name()).isEqualTo(text.substring(2, 129)).hasSize(127);
        assertThat(r.type()).isEqualTo(text.substring(130, 257));
        assertThat(r.score()).isEqualTo(Score.fromBytes(b, 258));
        assertThat(r.blocksize()).isEqualTo(0x6f6f);
        assertThat(r.prev()).isEqualTo(Score.fromBytes(b, 280));

        byte[] again = r.pack();
        Arrays.fill(b, 129, 130, (byte) 0);
        Arrays.fill(b, 257, 258, (byte) 0);
        assertThat(again).isEqualTo(b);

        b[5] = 0;
        assertThat(Root.unpack(b).name()).isEqualTo("nti");
    }

    @Test
    void refusesBadBlocks() {
        byte[] b = new Root("a", "vac", DIR, 8192, PREV).pack();
        b[278] = 0;
        b[279] = (byte) 0xff;
        assertThatThrownBy(() -> Root.unpack(b))
                .isInstanceOf(FormatException.class)
                .hasMessage("bad root block size 255 (0xff): want at least 256");
        assertThatThrownBy(() -> Root.unpack(new byte[299]))
                .isInstanceOf(FormatException.class)
                .hasMessage("root block is 299 bytes: want 300");
        byte[] notUtf8 = new Root("a", "vac", DIR, 8192, PREV).pack();
        notUtf8[2] = (byte) 0xff;
        assertThatThrownBy(() -> Root.unpack(notUtf8)).hasMessage("root name is not UTF-8");
    }

    @Test
    void unpacksFromTheMiddleOfABuffer() {
        Root r = new Root("x", "vac", DIR, 8192, PREV);
        byte[] buf = new byte[400];
        System.arraycopy(r.pack(), 0, buf, 50, Root.SIZE);
        assertThat(Root.unpack(buf, 50, Root.SIZE)).isEqualTo(r);
        assertThatThrownBy(() -> Root.unpack(buf, 150, Root.SIZE)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesStringsThatDoNotFit() {
        new Root("n".repeat(127), "t".repeat(127), DIR, 256, PREV).pack();
        assertThatThrownBy(() -> new Root("n".repeat(128), "vac", DIR, 8192, PREV))
                .hasMessage("root name is 128 UTF-8 bytes: at most 127 fit");
        assertThatThrownBy(() -> new Root("a", "é".repeat(64), DIR, 8192, PREV))
                .hasMessage("root type is 128 UTF-8 bytes: at most 127 fit");
        assertThatThrownBy(() -> new Root("a\0b", "vac", DIR, 8192, PREV)).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new Root("a\ud800", "vac", DIR, 8192, PREV)).hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> new Root("a", "vac", DIR, 255, PREV)).hasMessageContaining("bad root block size 255");
    }

    @Property
    void roundTrips(@ForAll("roots") Root r) {
        byte[] b = r.pack();
        assertThat(b).hasSize(Root.SIZE);
        assertThat(Root.unpack(b)).isEqualTo(r);
    }

    @Provide
    Arbitrary<Root> roots() {
        Arbitrary<String> text = Arbitraries.strings().excludeChars('\0').ofMaxLength(127)
                .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length < Root.STRING_SIZE);
        Arbitrary<Long> blocksize = Arbitraries.oneOf(
                Arbitraries.longs().between(Root.MIN_BLOCK_SIZE, 65535),
                Combinators.combine(Arbitraries.longs().between(1, 2047), Arbitraries.integers().between(0, 31))
                        .as((m, s) -> m << s).filter(n -> n >= 65536));
        Arbitrary<Score> score = Arbitraries.bytes().array(byte[].class).ofSize(Score.SIZE).map(Score::fromBytes);
        return Combinators.combine(text, text, score, blocksize, score).as(Root::new);
    }
}
