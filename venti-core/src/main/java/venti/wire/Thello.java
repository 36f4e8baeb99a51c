package venti.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Thello (4): the first request of a session, naming the protocol version the client chose
 * and the client's (unverified) user name.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 4
 * 1       1     tag (0: the C server closes the connection otherwise)
 * 2       2+n   version (string), the negotiated version, as "04"
 * .       2+n   uid (string); libventi sends "anonymous"
 * .       1     strength
 * .       1+n   crypto (u8 count and bytes)
 * .       1+n   codec (u8 count and bytes)
 * </pre>
 *
 * <p>Strength, crypto and codec were meant for authentication, encryption and compression
 * and are ignored by every server; libventi sends 0 and two empty lists.
 */
public record Thello(int tag, String version, String uid, int strength, byte[] crypto, byte[] codec)
        implements Message {

    public static final int TYPE = 4;

    public Thello {
        Fields.checkTag(tag);
        Fields.checkString(version, "version");
        Fields.checkString(uid, "uid");
        Fields.checkByte(strength, "strength");
        Fields.checkCounted(crypto, "crypto");
        Fields.checkCounted(codec, "codec");
    }

    /** The hello libventi sends: tag 0, no strength, crypto or codec. */
    public static Thello of(ProtocolVersion version, String uid) {
        return new Thello(0, version.text(), uid, 0, Fields.NO_BYTES, Fields.NO_BYTES);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int fieldsSize() {
        return Fields.stringSize(version) + Fields.stringSize(uid) + 1 + 1 + crypto.length + 1 + codec.length;
    }

    @Override
    public void packFields(ByteBuffer dst) {
        Fields.putString(dst, version);
        Fields.putString(dst, uid);
        dst.put((byte) strength);
        Fields.putCounted(dst, crypto);
        Fields.putCounted(dst, codec);
    }

    static Thello unpack(int tag, ByteBuffer src) {
        String version = Fields.getString(src, "Thello", tag, "version");
        String uid = Fields.getString(src, "Thello", tag, "uid");
        int strength = Fields.getByte(src, "Thello", tag, "strength");
        byte[] crypto = Fields.getCounted(src, "Thello", tag, "crypto");
        byte[] codec = Fields.getCounted(src, "Thello", tag, "codec");
        return new Thello(tag, version, uid, strength, crypto, codec);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Thello h && h.tag == tag && h.version.equals(version) && h.uid.equals(uid)
                && h.strength == strength && Arrays.equals(h.crypto, crypto) && Arrays.equals(h.codec, codec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, version, uid, strength, Arrays.hashCode(crypto), Arrays.hashCode(codec));
    }

    @Override
    public String toString() {
        return "Thello[tag=" + tag + ", version=" + version + ", uid=" + uid + ", strength=" + strength
                + ", crypto=" + Arrays.toString(crypto) + ", codec=" + Arrays.toString(codec) + "]";
    }
}
