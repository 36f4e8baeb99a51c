package venti.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import venti.core.GoldenVectors;
import venti.core.Sha1;

/**
 * The wire captures of the C venti ({@code vectors/wire}): their bytes, split into version
 * line and messages, and the block contents the README describes. Shared with the client's
 * tests through the core test-jar.
 */
public final class Captures {

    /** Every scenario, by file name prefix. */
    public static final List<String> SCENARIOS = List.of(
            "01-version-hello", "02-ping", "03-write-data-ref", "04-write-empty-ref", "05-write-types",
            "06-write-max-ref", "07-write-toolarge-ref", "08-write-over64k", "09-read-ref",
            "10-read-missing-ref", "11-read-missing-alltypes-ref", "12-read-errors", "13-read-max-ref",
            "14-sync-ref", "15-goodbye", "16-v02-session-pyclient", "17-bad-version-pyclient",
            "18-v04-pipelined-pyclient");

    private Captures() {
    }

    /** Bytes the client sent. */
    public static byte[] c2s(String scenario) {
        return GoldenVectors.read("wire", scenario + ".c2s.bin");
    }

    /** Bytes the server sent. */
    public static byte[] s2c(String scenario) {
        return GoldenVectors.read("wire", scenario + ".s2c.bin");
    }

    /** What one direction of a session holds. */
    public record Session(VersionLine line, List<Message> messages, List<byte[]> frames) {
    }

    /** The version the C server settled on: the first of the client's it knows, or null. */
    public static ProtocolVersion version(String scenario) {
        return VersionLine.decode(ByteBuffer.wrap(c2s(scenario))).negotiate().orElse(null);
    }

    /** One direction of a scenario, decoded with the version the session used. */
    public static Session session(String scenario, boolean fromClient) {
        ProtocolVersion v = version(scenario);
        return split(fromClient ? c2s(scenario) : s2c(scenario), v == null ? ProtocolVersion.V04 : v);
    }

    /** A version line and every frame after it; fails if bytes are left over. */
    public static Session split(byte[] bytes, ProtocolVersion version) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        VersionLine line = VersionLine.decode(b);
        FrameDecoder decoder = new FrameDecoder(version);
        List<Message> messages = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            Message m = decoder.decode(b);
            if (m == null) {
                throw new AssertionError(b.remaining() + " bytes left that are not a whole frame");
            }
            messages.add(m);
            frames.add(Arrays.copyOfRange(bytes, start, b.position()));
        }
        return new Session(line, List.copyOf(messages), List.copyOf(frames));
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** "hello venti\n", the block of scenarios 03, 09 and 16. */
    public static byte[] hello() {
        return ascii("hello venti\n");
    }

    /** Bytes (i*7+3) &amp; 0xff for i &lt; 80. */
    public static byte[] dir80() {
        byte[] b = new byte[80];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    /** "venti golden root block " repeated, cut to 300 bytes. */
    public static byte[] root300() {
        return Arrays.copyOf(ascii("venti golden root block ".repeat(13)), 300);
    }

    /** SHA1("ptr0") ‖ SHA1("ptr1") ‖ SHA1("ptr2"). */
    public static byte[] ptr60() {
        return scores("ptr", 3);
    }

    /** SHA1("dptr0") ‖ SHA1("dptr1"). */
    public static byte[] dirptr40() {
        return scores("dptr", 2);
    }

    /** "The quick brown fox jumps over the lazy dog. " repeated, cut to 8192 bytes. */
    public static byte[] text8192() {
        return Arrays.copyOf(ascii("The quick brown fox jumps over the lazy dog. ".repeat(200)), 8192);
    }

    /** SHA1(seed ‖ u32be(k)) for k = 0, 1, ... cut to n bytes. */
    public static byte[] random(String seed, int n) {
        byte[] out = new byte[n];
        byte[] s = ascii(seed);
        for (int k = 0, off = 0; off < n; k++, off += 20) {
            ByteBuffer in = ByteBuffer.allocate(s.length + 4).put(s).putInt(k);
            byte[] digest = Sha1.hash(in.array()).toByteArray();
            System.arraycopy(digest, 0, out, off, Math.min(20, n - off));
        }
        return out;
    }

    private static byte[] scores(String prefix, int n) {
        ByteBuffer b = ByteBuffer.allocate(20 * n);
        for (int i = 0; i < n; i++) {
            b.put(Sha1.hash(ascii(prefix + i)).toByteArray());
        }
        return b.array();
    }
}
