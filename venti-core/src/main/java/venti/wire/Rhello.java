package venti.wire;

import java.nio.ByteBuffer;

/**
 * Rhello (5): the server's answer to Thello, with its (unverified) name. The C server always
 * sends sid "anonymous" and zero rcrypto and rcodec.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 5
 * 1       1     tag
 * 2       2+n   sid (string)
 * .       1     rcrypto
 * .       1     rcodec
 * </pre>
 */
public record Rhello(int tag, String sid, int rcrypto, int rcodec) implements Message {

    public static final int TYPE = 5;

    public Rhello {
        Fields.checkTag(tag);
        Fields.checkString(sid, "sid");
        Fields.checkByte(rcrypto, "rcrypto");
        Fields.checkByte(rcodec, "rcodec");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int fieldsSize() {
        return Fields.stringSize(sid) + 2;
    }

    @Override
    public void packFields(ByteBuffer dst) {
        Fields.putString(dst, sid);
        dst.put((byte) rcrypto).put((byte) rcodec);
    }

    static Rhello unpack(int tag, ByteBuffer src) {
        String sid = Fields.getString(src, "Rhello", tag, "sid");
        int rcrypto = Fields.getByte(src, "Rhello", tag, "rcrypto");
        int rcodec = Fields.getByte(src, "Rhello", tag, "rcodec");
        return new Rhello(tag, sid, rcrypto, rcodec);
    }
}
