package venti.wire;

import java.nio.ByteBuffer;

/**
 * Rerror (1): the request with this tag failed; {@code error} says why, in the server's words.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 1
 * 1       1     tag
 * 2       2+n   error (string)
 * </pre>
 */
public record Rerror(int tag, String error) implements Message {

    public static final int TYPE = 1;

    public Rerror {
        Fields.checkTag(tag);
        Fields.checkString(error, "error");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int fieldsSize() {
        return Fields.stringSize(error);
    }

    @Override
    public void packFields(ByteBuffer dst) {
        Fields.putString(dst, error);
    }

    static Rerror unpack(int tag, ByteBuffer src) {
        return new Rerror(tag, Fields.getString(src, "Rerror", tag, "error"));
    }
}
