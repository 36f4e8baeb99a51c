package venti.wire;

import java.util.Objects;

/**
 * Tauth1 (10): reserved for authentication, which no Venti implementation carries out.
 *
 * <p>venti.h numbers the auth messages and gives them an opaque {@code auth} field, but
 * libventi can neither pack nor unpack them (the C server drops such a frame as a "bad
 * packet" without answering). We read the field as the rest of the message, so the frame
 * decodes and a server can answer it with {@link Rerror}.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 10
 * 1       1     tag
 * 2       n     auth (the rest of the message)
 * </pre>
 */
public record Tauth1(int tag, byte[] auth) implements Message {

    public static final int TYPE = 10;

    public Tauth1 {
        Fields.checkTag(tag);
        Objects.requireNonNull(auth, "auth");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] payload() {
        return auth;
    }

    @Override
    public boolean equals(Object o) {
        return Fields.samePayload(this, o);
    }

    @Override
    public int hashCode() {
        return Fields.payloadHash(this);
    }

    @Override
    public String toString() {
        return Fields.describe(this, "");
    }
}
