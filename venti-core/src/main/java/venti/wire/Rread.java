package venti.wire;

import java.util.Objects;

/**
 * Rread (13): the block asked for by the Tread with this tag.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 13
 * 1       1     tag
 * 2       n     data (the rest of the message)
 * </pre>
 */
public record Rread(int tag, byte[] data) implements Message {

    public static final int TYPE = 13;

    public Rread {
        Fields.checkTag(tag);
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] payload() {
        return data;
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
