package venti.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import venti.core.BlockType;

/**
 * Twrite (14): store {@code data} as a block of this type.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 14
 * 1       1     tag
 * 2       1     block type, disk numbering ({@link BlockType#diskType()})
 * 3       3     pad, written 0, ignored when read
 * 6       n     data (the rest of the message)
 * </pre>
 *
 * <p>The codec puts no limit on {@code data} beyond the frame's: a block larger than
 * {@link Message#MAX_BLOCK} is the storage layer's to refuse, as the C server does. The
 * array is not copied.
 */
public record Twrite(int tag, int wireType, byte[] data) implements Message {

    public static final int TYPE = 14;
    /** Offset of the block type in the message, for a server that reads a Twrite in place. */
    public static final int WIRE_TYPE_OFFSET = HEADER_SIZE;
    static final int PAD = 3;
    private static final byte[] PAD_BYTES = new byte[PAD];
    /** Offset of the data in the message: the block runs from here to the message's end. */
    public static final int DATA_OFFSET = WIRE_TYPE_OFFSET + 1 + PAD;

    public Twrite {
        Fields.checkTag(tag);
        Fields.checkByte(wireType, "wire block type");
        Objects.requireNonNull(data, "data");
    }

    /** A Twrite of a block of libventi type {@code type}. */
    public static Twrite of(int tag, BlockType type, byte[] data) {
        return new Twrite(tag, wireType(type), data);
    }

    /** The disk number of a type that has one; CORRUPT has none. */
    static int wireType(BlockType type) {
        if (type == BlockType.CORRUPT) {
            throw new IllegalArgumentException("block type CORRUPT has no wire number");
        }
        return type.diskType();
    }

    /** The block type in libventi numbering; CORRUPT when the wire byte is not a type. */
    public BlockType blockType() {
        return BlockType.fromDisk(wireType);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int fieldsSize() {
        return DATA_OFFSET - HEADER_SIZE;
    }

    @Override
    public void packFields(ByteBuffer dst) {
        dst.put((byte) wireType).put(PAD_BYTES);
    }

    @Override
    public byte[] payload() {
        return data;
    }

    static Twrite unpack(int tag, ByteBuffer src) {
        Fields.need(src, DATA_OFFSET - HEADER_SIZE, "Twrite", tag, "type and pad");
        int wireType = src.get() & 0xff;
        src.position(src.position() + PAD);
        return new Twrite(tag, wireType, Fields.rest(src));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Twrite w && w.tag == tag && w.wireType == wireType && Arrays.equals(w.data, data);
    }

    @Override
    public int hashCode() {
        return Fields.payloadHash(this) * 31 + wireType;
    }

    @Override
    public String toString() {
        return Fields.describe(this, "wireType=" + wireType);
    }
}
