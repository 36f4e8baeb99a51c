package venti.store.disk;

import java.nio.ByteBuffer;

/**
 * The header in front of every clump in an arena's data area.
 *
 * <pre>
 * offset size field
 *      0    4 clump magic of the arena; 0 ends the clump log
 *      4   25 {@link ClumpInfo}: type, stored size, uncompressed size, score
 *     29    1 encoding: 1 none, 2 whack
 *     30    4 creator (unused, 0)
 *     34    4 time written, seconds since 1970
 * </pre>
 *
 * The payload of {@code info.size()} bytes follows. A raw clump stores exactly the block; a
 * compressed one must be smaller than the block, or the writer would have stored it raw.
 */
public record ClumpHeader(ClumpInfo info, ClumpEncoding encoding, long creator, long time) {

    public static final int MAGIC_OFFSET = 0;
    public static final int INFO_OFFSET = MAGIC_OFFSET + 4;
    public static final int ENCODING_OFFSET = INFO_OFFSET + ClumpInfo.SIZE;
    public static final int CREATOR_OFFSET = ENCODING_OFFSET + 1;
    public static final int TIME_OFFSET = CREATOR_OFFSET + 4;
    public static final int SIZE = TIME_OFFSET + 4;
    /** Bytes of zero magic written after the last clump: where the log ends. */
    public static final int END_MARK = 4;

    public ClumpHeader {
        if (info == null || encoding == null) {
            throw new IllegalArgumentException("clump header needs info and an encoding");
        }
        if (info.uncompressedSize() > Layout.MAX_LUMP_SIZE) {
            throw new IllegalArgumentException("block of " + info.uncompressedSize() + " bytes is over the "
                    + Layout.MAX_LUMP_SIZE + "-byte limit");
        }
        if (encoding == ClumpEncoding.NONE && info.size() != info.uncompressedSize()) {
            throw new IllegalArgumentException("uncompressed clump stores " + info.size() + " bytes for a block of "
                    + info.uncompressedSize());
        }
        if (encoding == ClumpEncoding.WHACK && info.size() >= info.uncompressedSize()) {
            throw new IllegalArgumentException("compressed clump has inconsistent sizes: stored " + info.size()
                    + ", uncompressed " + info.uncompressedSize());
        }
        Layout.checkU32(creator, "clump creator");
        Layout.checkU32(time, "clump time");
    }

    /** Bytes on disk for this clump, header included. */
    public int totalSize() {
        return SIZE + info.size();
    }

    public void pack(ByteBuffer buf, int index, int clumpMagic) {
        buf.putInt(index + MAGIC_OFFSET, clumpMagic);
        info.pack(buf, index + INFO_OFFSET);
        buf.put(index + ENCODING_OFFSET, (byte) encoding.code());
        buf.putInt(index + CREATOR_OFFSET, (int) creator);
        buf.putInt(index + TIME_OFFSET, (int) time);
    }

    public static ClumpHeader unpack(ByteBuffer buf, int index, int clumpMagic, Location where) {
        where.checkLength("clump header", buf.limit() - index, SIZE);
        where.checkMagic("clump", buf.getInt(index + MAGIC_OFFSET), clumpMagic);
        return where.build("clump header", () -> new ClumpHeader(
                ClumpInfo.unpack(buf, index + INFO_OFFSET, where),
                ClumpEncoding.of(Byte.toUnsignedInt(buf.get(index + ENCODING_OFFSET))),
                Layout.getU32(buf, index + CREATOR_OFFSET),
                Layout.getU32(buf, index + TIME_OFFSET)));
    }
}
