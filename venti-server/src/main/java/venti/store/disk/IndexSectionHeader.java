package venti.store.disk;

import java.nio.ByteBuffer;

/**
 * The header of an index section, at {@link Layout#PART_BLANK}.
 *
 * <pre>
 * offset size field
 *      0    4 magic 0xd15c5ec7
 *      4    4 version (1 or 2)
 *      8   64 section name, NUL-padded
 *     72   64 name of the index it belongs to (empty until fmtindex)
 *    136    4 bucket (block) size
 *    140    4 block base: partition offset of bucket 0
 *    144    4 blocks available for buckets
 *    148    4 start: first index bucket held here
 *    152    4 stop: end of the buckets held here
 *    156    4 bucket magic (version 2 only)
 * </pre>
 *
 * The index configuration text fills the space from {@link #tableBase()} to the block base.
 * Version 2 buckets carry the bucket magic, so a block never written reads as empty without
 * zeroing the partition first.
 */
public record IndexSectionHeader(int version, String name, String indexName, int blockSize, long blockBase,
                                 long blocks, long start, long stop, int bucketMagic) {

    public static final int MAGIC = 0xd15c5ec7;
    public static final int VERSION1 = 1;
    public static final int VERSION2 = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    public static final int NAME_OFFSET = VERSION_OFFSET + 4;
    public static final int INDEX_OFFSET = NAME_OFFSET + Layout.NAME_SIZE;
    public static final int BLOCK_SIZE_OFFSET = INDEX_OFFSET + Layout.NAME_SIZE;
    public static final int BLOCK_BASE_OFFSET = BLOCK_SIZE_OFFSET + 4;
    public static final int BLOCKS_OFFSET = BLOCK_BASE_OFFSET + 4;
    public static final int START_OFFSET = BLOCKS_OFFSET + 4;
    public static final int STOP_OFFSET = START_OFFSET + 4;
    public static final int BUCKET_MAGIC_OFFSET = STOP_OFFSET + 4;
    public static final int SIZE1 = BUCKET_MAGIC_OFFSET;
    public static final int SIZE2 = BUCKET_MAGIC_OFFSET + 4;

    public IndexSectionHeader {
        if (version != VERSION1 && version != VERSION2) {
            throw new IllegalArgumentException("unknown index section version " + version + ", want 1 or 2");
        }
        Layout.checkName(name, "index section name");
        Layout.checkName(indexName, "index name");
        Layout.checkBlockSize(blockSize, "index bucket size");
        Layout.checkU32(blockBase, "block base");
        Layout.checkTable(blockSize, blockBase, "index section configuration");
        Layout.checkU32(blocks, "block count");
        Layout.checkU32(start, "first bucket");
        Layout.checkU32(stop, "bucket limit");
        if (start > stop) {
            throw new IllegalArgumentException("invalid index section range [" + start + "," + stop + ")");
        }
        if (stop - start > blocks) {
            throw new IllegalArgumentException("index section holds buckets [" + start + "," + stop + ") but has only "
                    + blocks + " blocks");
        }
        if (version == VERSION1 && bucketMagic != 0) {
            throw new IllegalArgumentException("version 1 index sections have no bucket magic");
        }
    }

    /** Partition offset of the index configuration text. */
    public long tableBase() {
        return Layout.tableBase(blockSize);
    }

    /** Bytes reserved for the index configuration text. */
    public int tableSize() {
        return (int) (blockBase - tableBase());
    }

    /** Index entries one bucket holds. */
    public int bucketCapacity() {
        return Bucket.capacity(blockSize);
    }

    /** The same header with the index name and bucket range fmtindex assigns. */
    public IndexSectionHeader assign(String index, long first, long limit) {
        return new IndexSectionHeader(version, name, index, blockSize, blockBase, blocks, first, limit, bucketMagic);
    }

    public int packedSize() {
        return version == VERSION2 ? SIZE2 : SIZE1;
    }

    public void pack(ByteBuffer buf, int index) {
        buf.putInt(index + MAGIC_OFFSET, MAGIC);
        buf.putInt(index + VERSION_OFFSET, version);
        Layout.putName(buf, index + NAME_OFFSET, name);
        Layout.putName(buf, index + INDEX_OFFSET, indexName);
        buf.putInt(index + BLOCK_SIZE_OFFSET, blockSize);
        buf.putInt(index + BLOCK_BASE_OFFSET, (int) blockBase);
        buf.putInt(index + BLOCKS_OFFSET, (int) blocks);
        buf.putInt(index + START_OFFSET, (int) start);
        buf.putInt(index + STOP_OFFSET, (int) stop);
        if (version == VERSION2) {
            buf.putInt(index + BUCKET_MAGIC_OFFSET, bucketMagic);
        }
    }

    public static IndexSectionHeader unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("index section header", buf.limit() - index, SIZE1);
        where.checkMagic("index section header", buf.getInt(index + MAGIC_OFFSET), MAGIC);
        int version = buf.getInt(index + VERSION_OFFSET);
        if (version == VERSION2) {
            where.checkLength("index section header", buf.limit() - index, SIZE2);
        }
        return where.build("index section header", () -> new IndexSectionHeader(
                version,
                Layout.getName(buf, index + NAME_OFFSET),
                Layout.getName(buf, index + INDEX_OFFSET),
                buf.getInt(index + BLOCK_SIZE_OFFSET),
                Layout.getU32(buf, index + BLOCK_BASE_OFFSET),
                Layout.getU32(buf, index + BLOCKS_OFFSET),
                Layout.getU32(buf, index + START_OFFSET),
                Layout.getU32(buf, index + STOP_OFFSET),
                version == VERSION2 ? buf.getInt(index + BUCKET_MAGIC_OFFSET) : 0));
    }
}
