package venti.store.disk;

import java.nio.ByteBuffer;
import venti.core.BlockType;
import venti.core.Score;

/**
 * What the arena directory records about each clump; also the start of every clump header.
 *
 * <pre>
 * offset size field
 *      0    1 type, disk numbering
 *      1    2 stored size: payload bytes on disk
 *      3    2 uncompressed size: bytes of the block
 *      5   20 score of the block
 * </pre>
 *
 * A disk type outside the table reads as {@link BlockType#CORRUPT}, which is how the C
 * tools mark a clump they gave up on.
 */
public record ClumpInfo(BlockType type, int size, int uncompressedSize, Score score) {

    public static final int TYPE_OFFSET = 0;
    public static final int SIZE_OFFSET = TYPE_OFFSET + 1;
    public static final int UNCSIZE_OFFSET = SIZE_OFFSET + 2;
    public static final int SCORE_OFFSET = UNCSIZE_OFFSET + 2;
    public static final int SIZE = SCORE_OFFSET + Score.SIZE;

    /** Directory entries one block of {@code blockSize} bytes holds. */
    public static int perBlock(int blockSize) {
        return blockSize / SIZE;
    }

    /**
     * Bytes of clump directory for {@code clumps} entries, with room for the next one (the C
     * {@code arenadirsize}): the directory grows down from the trailer a block at a time.
     */
    public static long directorySize(long clumps, int blockSize) {
        return (clumps / perBlock(blockSize) + 1) * blockSize;
    }

    public ClumpInfo {
        if (type == null || score == null) {
            throw new IllegalArgumentException("clump info needs a type and a score");
        }
        Layout.checkU16(size, "clump stored size");
        Layout.checkU16(uncompressedSize, "clump uncompressed size");
    }

    public void pack(ByteBuffer buf, int index) {
        buf.put(index + TYPE_OFFSET, (byte) type.diskType());
        buf.putShort(index + SIZE_OFFSET, (short) size);
        buf.putShort(index + UNCSIZE_OFFSET, (short) uncompressedSize);
        score.writeTo(buf, index + SCORE_OFFSET);
    }

    /** The type of the entry packed at {@code index} of {@code buf}, without unpacking it. */
    public static BlockType type(byte[] buf, int index) {
        return BlockType.fromDisk(Byte.toUnsignedInt(buf[index + TYPE_OFFSET]));
    }

    /** The stored size of the entry packed at {@code index} of {@code buf}, without unpacking it. */
    public static int size(byte[] buf, int index) {
        return (buf[index + SIZE_OFFSET] & 0xff) << 8 | buf[index + SIZE_OFFSET + 1] & 0xff;
    }

    public static ClumpInfo unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("clump info", buf.limit() - index, SIZE);
        return new ClumpInfo(
                BlockType.fromDisk(Byte.toUnsignedInt(buf.get(index + TYPE_OFFSET))),
                Short.toUnsignedInt(buf.getShort(index + SIZE_OFFSET)),
                Short.toUnsignedInt(buf.getShort(index + UNCSIZE_OFFSET)),
                Score.read(buf, index + SCORE_OFFSET));
    }
}
