package venti.store.disk;

import java.nio.ByteBuffer;
import java.util.Arrays;
import venti.core.BlockType;
import venti.core.Score;

/**
 * One entry of an index bucket: where the block with this score and type lives.
 *
 * <pre>
 * offset size field
 *      0   20 score
 *     20    4 0 (once a write time)
 *     24    2 0 (once a "train" number)
 *     26    8 index address of the clump header: the arena's map start + the clump's offset
 *     34    2 uncompressed size of the block
 *     36    1 type, disk numbering
 *     37    1 blocks: clump length on disk (header + payload) in 512-byte units, rounded up
 * </pre>
 */
public record IndexEntry(Score score, long address, int size, BlockType type, int blocks) {

    public static final int SCORE_OFFSET = 0;
    public static final int WTIME_OFFSET = SCORE_OFFSET + Score.SIZE;
    public static final int TRAIN_OFFSET = WTIME_OFFSET + 4;
    public static final int ADDRESS_OFFSET = TRAIN_OFFSET + 2;
    public static final int SIZE_OFFSET = ADDRESS_OFFSET + 8;
    public static final int TYPE_OFFSET = SIZE_OFFSET + 2;
    public static final int BLOCKS_OFFSET = TYPE_OFFSET + 1;
    public static final int SIZE = BLOCKS_OFFSET + 1;

    public IndexEntry {
        if (score == null || type == null) {
            throw new IllegalArgumentException("index entry needs a score and a type");
        }
        Layout.checkU16(size, "block size");
        if (blocks < 0 || blocks > 0xff) {
            throw new IllegalArgumentException("clump length of " + blocks + " 512-byte units does not fit in a byte");
        }
    }

    /** The {@code blocks} field for a clump whose payload is {@code storedSize} bytes. */
    public static int blocksFor(int storedSize) {
        return (storedSize + ClumpHeader.SIZE + (1 << Layout.ARENA_BLOCK_LOG) - 1) >> Layout.ARENA_BLOCK_LOG;
    }

    public void pack(ByteBuffer buf, int index) {
        score.writeTo(buf, index + SCORE_OFFSET);
        buf.putInt(index + WTIME_OFFSET, 0);
        buf.putShort(index + TRAIN_OFFSET, (short) 0);
        buf.putLong(index + ADDRESS_OFFSET, address);
        buf.putShort(index + SIZE_OFFSET, (short) size);
        buf.put(index + TYPE_OFFSET, (byte) type.diskType());
        buf.put(index + BLOCKS_OFFSET, (byte) blocks);
    }

    /**
     * Packs at {@code at} of {@code dst} the entry of the clump at index address
     * {@code address} whose directory entry, of a type other than CORRUPT, is packed at
     * {@code info} of {@code dir}: the bytes {@link #pack} writes, without the objects, for
     * the tools that index every clump.
     */
    public static void pack(byte[] dir, int info, long address, byte[] dst, int at) {
        System.arraycopy(dir, info + ClumpInfo.SCORE_OFFSET, dst, at + SCORE_OFFSET, Score.SIZE);
        Arrays.fill(dst, at + WTIME_OFFSET, at + ADDRESS_OFFSET, (byte) 0);
        for (int i = 0; i < Long.BYTES; i++) {
            dst[at + ADDRESS_OFFSET + i] = (byte) (address >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
        dst[at + SIZE_OFFSET] = dir[info + ClumpInfo.UNCSIZE_OFFSET];
        dst[at + SIZE_OFFSET + 1] = dir[info + ClumpInfo.UNCSIZE_OFFSET + 1];
        dst[at + TYPE_OFFSET] = (byte) ClumpInfo.type(dir, info).diskType();
        dst[at + BLOCKS_OFFSET] = (byte) blocksFor(ClumpInfo.size(dir, info));
    }

    public static IndexEntry unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("index entry", buf.limit() - index, SIZE);
        return new IndexEntry(
                Score.read(buf, index + SCORE_OFFSET),
                buf.getLong(index + ADDRESS_OFFSET),
                Short.toUnsignedInt(buf.getShort(index + SIZE_OFFSET)),
                BlockType.fromDisk(Byte.toUnsignedInt(buf.get(index + TYPE_OFFSET))),
                Byte.toUnsignedInt(buf.get(index + BLOCKS_OFFSET)));
    }
}
