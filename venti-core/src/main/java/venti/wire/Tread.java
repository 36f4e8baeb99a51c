package venti.wire;

import java.nio.ByteBuffer;
import java.util.Objects;
import venti.core.BlockType;
import venti.core.Score;

/**
 * Tread (12): ask for the block with this score and type, at most {@code count} bytes of it.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 12
 * 1       1     tag
 * 2       20    score
 * 22      1     block type, disk numbering ({@link BlockType#diskType()})
 * 23      1     pad, written 0, ignored when read
 * 24      2|4   count: u16 when below 65536, else u32
 * </pre>
 *
 * <p>The count's width is told apart by the message's length, as the C server does; a
 * 4-byte count exists only since protocol 04's libventi, but either form decodes in either
 * protocol version. We always write the form libventi writes, so a small count sent as u32
 * comes back as u16 when re-encoded.
 *
 * <p>{@code wireType} keeps the byte as it came, so invalid numbers (0, 10-12, above 13)
 * round-trip; {@link #blockType()} maps them to {@link BlockType#CORRUPT}.
 */
public record Tread(int tag, Score score, int wireType, long count) implements Message {

    public static final int TYPE = 12;
    static final int TYPE_OFFSET = HEADER_SIZE + Score.SIZE;
    static final int COUNT_OFFSET = TYPE_OFFSET + 2;
    static final int SHORT_COUNT = 2;
    static final int LONG_COUNT = 4;
    /** The largest count: a u32. */
    public static final long MAX_COUNT = 0xffff_ffffL;

    public Tread {
        Fields.checkTag(tag);
        Objects.requireNonNull(score, "score");
        Fields.checkByte(wireType, "wire block type");
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("read count " + count + " out of range 0.." + MAX_COUNT);
        }
    }

    /** A Tread for a block of libventi type {@code type}. */
    public static Tread of(int tag, Score score, BlockType type, long count) {
        return new Tread(tag, score, Twrite.wireType(type), count);
    }

    /** The block type in libventi numbering; CORRUPT when the wire byte is not a type. */
    public BlockType blockType() {
        return BlockType.fromDisk(wireType);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** Bytes the count takes: 2 below 65536, else 4. */
    public int countSize() {
        return count <= 0xffff ? SHORT_COUNT : LONG_COUNT;
    }

    @Override
    public int fieldsSize() {
        return COUNT_OFFSET - HEADER_SIZE + countSize();
    }

    @Override
    public void packFields(ByteBuffer dst) {
        score.writeTo(dst);
        dst.put((byte) wireType).put((byte) 0);
        if (countSize() == SHORT_COUNT) {
            dst.putShort((short) count);
        } else {
            dst.putInt((int) count);
        }
    }

    static Tread unpack(int tag, ByteBuffer src) {
        Fields.need(src, COUNT_OFFSET - HEADER_SIZE, "Tread", tag, "score, type and pad");
        Score score = Score.read(src);
        int wireType = src.get() & 0xff;
        src.get();
        long count = switch (src.remaining()) {
            case SHORT_COUNT -> src.getShort() & 0xffff;
            case LONG_COUNT -> src.getInt() & 0xffff_ffffL;
            default -> throw ProtocolException.badCount(tag, src.remaining());
        };
        return new Tread(tag, score, wireType, count);
    }
}
