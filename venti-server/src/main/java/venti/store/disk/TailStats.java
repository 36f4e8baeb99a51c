package venti.store.disk;

/**
 * How full an arena is (the C server's {@code ATailStats}), as kept in the trailer.
 *
 * @param clumps           clumps written
 * @param compressedClumps how many of them are whack-compressed
 * @param used             bytes of clump storage used, headers included
 * @param uncompressedSize bytes of the blocks before compression
 * @param sealed           no more clumps will be added
 */
public record TailStats(long clumps, long compressedClumps, long used, long uncompressedSize, boolean sealed) {

    public static final TailStats EMPTY = new TailStats(0, 0, 0, 0, false);

    /** These stats after one more clump of {@code stored} payload bytes holding an {@code uncompressed}-byte block. */
    public TailStats plus(int stored, int uncompressed) {
        return new TailStats(clumps + 1, compressedClumps + (stored < uncompressed ? 1 : 0),
                used + ClumpHeader.SIZE + stored, uncompressedSize + uncompressed, sealed);
    }

    /** Bytes of the blocks as stored, compressed or not, without their clump headers. */
    public long compressedData() {
        return used - clumps * ClumpHeader.SIZE;
    }

    /** Bytes of the partition the clumps take: clump storage and their directory entries. */
    public long diskStorage() {
        return used + clumps * ClumpInfo.SIZE;
    }

    /** These stats, sealed. */
    public TailStats seal() {
        return new TailStats(clumps, compressedClumps, used, uncompressedSize, true);
    }

    public TailStats {
        Layout.checkU32(clumps, "clump count");
        Layout.checkU32(compressedClumps, "compressed clump count");
        if (used < 0 || uncompressedSize < 0) {
            throw new IllegalArgumentException("negative arena usage: used " + used + ", uncompressed " + uncompressedSize);
        }
    }
}
