package venti.store.disk;

import java.nio.ByteBuffer;

/**
 * The first bytes of a bloom filter partition. The bitmap covers the partition from offset 0,
 * header included (see the engine's {@code Bloom}).
 *
 * <pre>
 * offset size field
 *      0    4 magic 0xb1004ead
 *      4    4 version (1)
 *      8    4 nhash: bits set per score, 1..32
 *     12    4 size of the bitmap in bytes, a power of two up to 512 MiB
 * </pre>
 */
public record BloomHeader(int nhash, long size) {

    public static final int MAGIC = 0xb1004ead;
    public static final int VERSION = 1;
    /** Most hashes per score. */
    public static final int MAX_HASH = 32;
    /** Largest bitmap: 2^32 bits. */
    public static final long MAX_SIZE = 1L << 29;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    public static final int NHASH_OFFSET = VERSION_OFFSET + 4;
    public static final int SIZE_OFFSET = NHASH_OFFSET + 4;
    public static final int SIZE = SIZE_OFFSET + 4;

    public BloomHeader {
        if (nhash < 1 || nhash > MAX_HASH) {
            throw new IllegalArgumentException("bloom filter has " + nhash + " hashes per score, want 1 to " + MAX_HASH);
        }
        if (!Layout.isPowerOfTwo(size) || size < SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("bloom filter has invalid size " + String.format("%#x", size)
                    + ": want a power of two up to " + String.format("%#x", MAX_SIZE));
        }
    }

    public void pack(ByteBuffer buf, int index) {
        buf.putInt(index + MAGIC_OFFSET, MAGIC);
        buf.putInt(index + VERSION_OFFSET, VERSION);
        buf.putInt(index + NHASH_OFFSET, nhash);
        buf.putInt(index + SIZE_OFFSET, (int) size);
    }

    public static BloomHeader unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("bloom filter header", buf.limit() - index, SIZE);
        where.checkMagic("bloom filter", buf.getInt(index + MAGIC_OFFSET), MAGIC);
        int version = buf.getInt(index + VERSION_OFFSET);
        if (version != VERSION) {
            throw where.corrupt("bloom filter has wrong version " + Integer.toUnsignedString(version) + ", expected " + VERSION);
        }
        return where.build("bloom filter header", () -> new BloomHeader(
                buf.getInt(index + NHASH_OFFSET), Layout.getU32(buf, index + SIZE_OFFSET)));
    }
}
