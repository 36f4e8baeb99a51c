package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Score;

/** Each way bytes can break the protocol gets its own precise error. */
class ViolationsTest {

    private static final FrameDecoder V04 = new FrameDecoder(ProtocolVersion.V04);

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static ProtocolException decodeFails(ByteBuffer b) {
        try {
            V04.decode(b);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("no ProtocolException");
    }

    @Test
    void unknownTypeSkipsTheFrameAndKeepsTheTag() {
        ByteBuffer b = hex("00000002 0705  00000002 1006");
        ProtocolException e = decodeFails(b);
        assertThat(e).hasMessage("unknown message type 7 (tag 5)");
        assertThat(e.tag()).isEqualTo(5);
        assertThat(e.inSync()).isTrue();
        assertThat(V04.decode(b)).isEqualTo(new Tsync(6));
        for (int type : new int[] {0, 7, 18, 255}) {
            assertThat(decodeFails(hex("00000002" + String.format("%02x", type) + "00")))
                    .hasMessage("unknown message type " + type + " (tag 0)");
        }
    }

    @Test
    void shortFrame() {
        assertThat(decodeFails(hex("00000001 0c"))).hasMessage(
                "short frame: 1 bytes, a message needs at least 2 (type and tag)");
        ProtocolException e = decodeFails(hex("00000000"));
        assertThat(e.tag()).isEqualTo(ProtocolException.NO_TAG);
        assertThat(e.inSync()).isTrue();
    }

    @Test
    void shortMessages() {
        assertThat(decodeFails(hex("0000000c 0c03 46bc3b9a3f81c11d49ef"))).hasMessage(
                "Tread (tag 3) ends early: score, type and pad needs 22 bytes, 10 left");
        assertThat(decodeFails(hex("00000005 0f01 000000"))).hasMessage(
                "Rwrite (tag 1) ends early: score needs 20 bytes, 3 left");
        assertThat(decodeFails(hex("00000003 0e02 0d"))).hasMessage(
                "Twrite (tag 2) ends early: type and pad needs 4 bytes, 1 left");
        assertThat(decodeFails(hex("00000006 0400 00053034"))).hasMessage(
                "Thello (tag 0) ends early: version needs 5 bytes, 2 left");
        assertThat(decodeFails(hex("00000003 0100 00"))).hasMessage(
                "Rerror (tag 0) ends early: error length needs 2 bytes, 1 left");
        assertThat(decodeFails(hex("00000009 0400 00023034 0000 00"))).hasMessage(
                "Thello (tag 0) ends early: crypto count needs 1 bytes, 0 left");
        assertThat(decodeFails(hex("0000000b 0400 00023034 0000 00 03 ab"))).hasMessage(
                "Thello (tag 0) ends early: crypto needs 3 bytes, 1 left");
        assertThat(decodeFails(hex("00000006 0500 0001 41 00"))).hasMessage(
                "Rhello (tag 0) ends early: rcodec needs 1 bytes, 0 left");
    }

    @Test
    void treadCountMustBeTwoOrFourBytes() {
        String head = "0c09 " + Score.EMPTY + " 0d00";
        for (int n : new int[] {0, 1, 3, 5}) {
            String frame = String.format("%08x", 24 + n) + head + "ff".repeat(n);
            assertThat(decodeFails(hex(frame))).hasMessage(
                    "Tread (tag 9) count is " + n + " bytes; it must be 2 (u16) or 4 (u32)");
        }
    }

    @Test
    void oversizeFrameFailsBeforeTheBodyArrives() {
        ByteBuffer b = hex("00040001");
        ProtocolException e = decodeFails(b);
        assertThat(e).hasMessage("frame of 262145 bytes is larger than the 262144-byte limit (protocol 04)");
        assertThat(e.inSync()).isFalse();
        assertThat(b.position()).isZero();
        FrameDecoder small = new FrameDecoder(ProtocolVersion.V02, 100);
        assertThatThrownBy(() -> small.decode(hex("0065"))).isInstanceOf(ProtocolException.class)
                .hasMessage("frame of 101 bytes is larger than the 100-byte limit (protocol 02)");
        assertThat(new FrameDecoder(ProtocolVersion.V04, 100).decode(hex("00000064"))).isNull();
    }

    @Test
    void limitIsCappedByThePrefixWidth() {
        FrameDecoder wide = new FrameDecoder(ProtocolVersion.V02, Integer.MAX_VALUE);
        assertThat(wide.decode(hex("ffff"))).isNull();
        assertThatThrownBy(() -> new FrameDecoder(ProtocolVersion.V04, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strings() {
        assertThat(decodeFails(hex("00000006 0102 0401 4142"))).hasMessage(
                "Rerror (tag 2) error is 1025 bytes, longer than the 1024-byte limit for strings");
        assertThat(decodeFails(hex("00000007 0102 0003 410042"))).hasMessage(
                "Rerror (tag 2) error has a NUL byte at index 1; strings may not contain NUL");
        assertThat(decodeFails(hex("00000006 0102 0002 c328"))).hasMessage(
                "Rerror (tag 2) error is not valid UTF-8");
        String longest = "x".repeat(Message.MAX_STRING);
        Rerror fits = new Rerror(0, longest);
        assertThat(V04.decode(Frame.encode(fits, ProtocolVersion.V04))).isEqualTo(fits);
    }

    @Test
    void trailingBytes() {
        assertThat(decodeFails(hex("00000003 1104 00"))).hasMessage("Rsync (tag 4) has 1 bytes after its last field");
        assertThat(decodeFails(hex("00000017 0f01" + Score.EMPTY + "00"))).hasMessage(
                "Rwrite (tag 1) has 1 bytes after its last field");
        ProtocolException e = decodeFails(hex("00000010 0500 0009616e6f6e796d6f7573 0000 00"));
        assertThat(e).hasMessage("Rhello (tag 0) has 1 bytes after its last field");
        assertThat(e.tag()).isZero();
    }

    @Test
    void badVersionLines() {
        assertThatThrownBy(() -> VersionLine.decode(hex("474554202f20")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("bad version line: 'G' does not start with 'venti-'");
        assertThatThrownBy(() -> VersionLine.parse("venti-04\r"))
                .hasMessage("bad version line: byte 0x0d at offset 8; only 0x20-0x7f may come before the newline");
        assertThatThrownBy(() -> VersionLine.parse("ven"))
                .hasMessage("bad version line: 'ven' does not start with 'venti-'");
        assertThatThrownBy(() -> VersionLine.parse("venti-04-" + "x".repeat(VersionLine.MAX_LENGTH)))
                .hasMessage("bad version line: no newline within 1023 bytes");
        assertThatThrownBy(() -> VersionLine.parse("venti-04-\u00e9"))
                .hasMessage("bad version line: byte 0xe9 at offset 9; only 0x20-0x7f may come before the newline");
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> VersionLine.parse("x"));
        assertThat(e.inSync()).isFalse();
    }

    @Test
    void versionLineLengthLimitIsLibventis() {
        String longest = "venti-04-" + "x".repeat(VersionLine.MAX_LENGTH - 1 - 9);
        assertThat(VersionLine.decode(ByteBuffer.wrap((longest + "\n").getBytes()))).isNotNull();
        assertThatThrownBy(() -> VersionLine.decode(ByteBuffer.wrap((longest + "x").getBytes())))
                .hasMessage("bad version line: no newline within 1023 bytes");
    }

    @Test
    void streamEndsInsideAFrame() throws IOException {
        assertThat(new FrameReader(new ByteArrayInputStream(new byte[0]), ProtocolVersion.V04).read()).isNull();
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(new byte[] {0, 0}), ProtocolVersion.V04).read())
                .isInstanceOf(EOFException.class).hasMessage("stream ended 2 bytes into a 4-byte frame length");
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(hex("0016 0f00 0102").array()), ProtocolVersion.V02).read())
                .isInstanceOf(EOFException.class).hasMessage("stream ended 4 bytes into a 22-byte message");
        assertThatThrownBy(() -> VersionLine.read(new ByteArrayInputStream("venti-04".getBytes())))
                .isInstanceOf(EOFException.class)
                .hasMessage("connection closed after 8 bytes of the version line 'venti-04'");
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(hex("00040001").array()), ProtocolVersion.V04).read())
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("frame of 262145 bytes");
    }

    @Test
    void ourOwnMistakesAreIllegalArguments() {
        Rread big = new Rread(0, new byte[70000]);
        assertThatThrownBy(() -> Frame.encode(big, ProtocolVersion.V02)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Rread of 70002 bytes does not fit a protocol 02 frame (at most 65535)");
        assertThatThrownBy(() -> new Rerror(0, "x".repeat(1025))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error is 1025 bytes of UTF-8, more than the 1024-byte limit");
        assertThatThrownBy(() -> new Rerror(0, "a\0b")).hasMessage("error contains NUL, which the protocol forbids");
        assertThatThrownBy(() -> new Tsync(256)).hasMessage("tag 256 out of range 0..255");
        assertThatThrownBy(() -> new Tread(0, Score.ZERO, 13, -1)).hasMessage("read count -1 out of range 0..4294967295");
        assertThatThrownBy(() -> new Twrite(0, 256, new byte[0])).hasMessage("wire block type 256 out of range 0..255");
        assertThatThrownBy(() -> Twrite.of(0, BlockType.CORRUPT, new byte[0]))
                .hasMessage("block type CORRUPT has no wire number");
        assertThatThrownBy(() -> new Thello(0, "04", "u", 0, new byte[256], new byte[0]))
                .hasMessage("crypto has 256 bytes, at most 255 fit its one-byte count");
        assertThatThrownBy(() -> new VersionLine(List.of("0-4"), "x"))
                .hasMessage("version '0-4' may not contain ':' or '-'");
    }
}
