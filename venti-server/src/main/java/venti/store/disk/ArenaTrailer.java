package venti.store.disk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import venti.core.Score;

/**
 * The last block of an arena: its name, counts and times, and once sealed its score (the
 * structure the C server calls {@code Arena} on disk).
 *
 * <pre>
 * offset size field                        (version 4: no clump magic, later fields 4 bytes earlier)
 *      0    4 magic 0xf2a14ead
 *      4    4 version (4 or 5)
 *      8   64 name, NUL-padded
 *     72    4 clumps                       disk stats: what the index has caught up with
 *     76    4 compressed clumps
 *     80    4 ctime: first write, seconds since 1970
 *     84    4 wtime: last write
 *     88    4 clump magic (version 5 only)
 *     92    8 used: clump bytes, headers included
 *    100    8 uncompressed size
 *    108    1 sealed
 *    109    1 1 when memory stats follow, else 0 and the next 25 bytes are zero
 *    110    4 clumps                       memory stats: what the arena holds
 *    114    4 compressed clumps
 *    118    8 used
 *    126    8 uncompressed size
 *    134    1 sealed
 *  bs-20   20 score of the sealed arena, or zeros
 * </pre>
 *
 * The memory stats are written only when they differ from the disk stats, which keeps a
 * fully indexed arena readable by servers that predate them. A trailer whose disk stats say
 * sealed is sealed in memory too (the C server repairs the same old bug this way).
 */
public record ArenaTrailer(int version, String name, TailStats diskStats, TailStats memStats,
                           long ctime, long wtime, int clumpMagic, Score score) {

    public static final int MAGIC = 0xf2a14ead;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int NAME_OFFSET = VERSION_OFFSET + 4;
    static final int CLUMPS_OFFSET = NAME_OFFSET + Layout.NAME_SIZE;
    static final int CCLUMPS_OFFSET = CLUMPS_OFFSET + 4;
    static final int CTIME_OFFSET = CCLUMPS_OFFSET + 4;
    static final int WTIME_OFFSET = CTIME_OFFSET + 4;
    /** Version 5 only; the offsets below are for version 5 and 4 bytes less for version 4. */
    static final int CLUMP_MAGIC_OFFSET = WTIME_OFFSET + 4;
    static final int USED_OFFSET = CLUMP_MAGIC_OFFSET + 4;
    static final int UNCSIZE_OFFSET = USED_OFFSET + 8;
    static final int SEALED_OFFSET = UNCSIZE_OFFSET + 8;
    static final int MEMSTATS_FLAG_OFFSET = SEALED_OFFSET + 1;
    static final int MEM_CLUMPS_OFFSET = MEMSTATS_FLAG_OFFSET + 1;
    static final int MEM_CCLUMPS_OFFSET = MEM_CLUMPS_OFFSET + 4;
    static final int MEM_USED_OFFSET = MEM_CCLUMPS_OFFSET + 4;
    static final int MEM_UNCSIZE_OFFSET = MEM_USED_OFFSET + 8;
    static final int MEM_SEALED_OFFSET = MEM_UNCSIZE_OFFSET + 8;
    public static final int SIZE5 = MEMSTATS_FLAG_OFFSET;
    public static final int SIZE4 = SIZE5 - 4;
    /** Version 5 with the memory stats (the C {@code ArenaSize5a}). */
    public static final int SIZE5A = MEM_SEALED_OFFSET + 1;
    static final int EXTENSION_SIZE = SIZE5A - SIZE5;

    /**
     * The byte table above, field by field, for {@code version}, up to the memory stats flag
     * (what fixarenas compares: it writes trailers without memory stats).
     */
    public static List<Field> fields(int version) {
        int shift = version == ArenaHead.VERSION5 ? 0 : -4;
        List<Field> f = new ArrayList<>(List.of(
                new Field("magic", MAGIC_OFFSET, 4, Field.Kind.HEX),
                new Field("version", VERSION_OFFSET, 4, Field.Kind.DEC),
                new Field("name", NAME_OFFSET, Layout.NAME_SIZE, Field.Kind.NAME),
                new Field("clumps", CLUMPS_OFFSET, 4, Field.Kind.DEC),
                new Field("cclumps", CCLUMPS_OFFSET, 4, Field.Kind.DEC),
                new Field("ctime", CTIME_OFFSET, 4, Field.Kind.TIME),
                new Field("wtime", WTIME_OFFSET, 4, Field.Kind.TIME)));
        if (version == ArenaHead.VERSION5) {
            f.add(new Field("clumpmagic", CLUMP_MAGIC_OFFSET, 4, Field.Kind.HEX));
        }
        f.addAll(List.of(
                new Field("used", USED_OFFSET + shift, 8, Field.Kind.DEC),
                new Field("uncsize", UNCSIZE_OFFSET + shift, 8, Field.Kind.DEC),
                new Field("sealed", SEALED_OFFSET + shift, 1, Field.Kind.DEC),
                new Field("extension", MEMSTATS_FLAG_OFFSET + shift, 1, Field.Kind.DEC)));
        return List.copyOf(f);
    }

    public ArenaTrailer {
        ArenaHead.checkVersion(version, "arena trailer");
        Layout.checkName(name, "arena name");
        if (diskStats.sealed() && !memStats.sealed()) {
            memStats = new TailStats(memStats.clumps(), memStats.compressedClumps(), memStats.used(),
                    memStats.uncompressedSize(), true);
        }
        Layout.checkU32(ctime, "ctime");
        Layout.checkU32(wtime, "wtime");
        ArenaHead.checkClumpMagic(version, clumpMagic);
        if (score == null) {
            throw new IllegalArgumentException("missing arena score (use Score.ZERO)");
        }
    }

    /** An empty trailer, as a freshly formatted arena has. */
    public static ArenaTrailer empty(int version, String name, int clumpMagic) {
        return new ArenaTrailer(version, name, TailStats.EMPTY, TailStats.EMPTY, 0, 0, clumpMagic, Score.ZERO);
    }

    /** This trailer after a write at {@code time}: new memory stats and write time (and creation time, if first). */
    public ArenaTrailer written(TailStats mem, long time) {
        return new ArenaTrailer(version, name, diskStats, mem, ctime == 0 ? time : ctime, time, clumpMagic, score);
    }

    /** This trailer with the index caught up to {@code disk}. */
    public ArenaTrailer indexed(TailStats disk) {
        return new ArenaTrailer(version, name, disk, memStats, ctime, wtime, clumpMagic, score);
    }

    /** This trailer with new memory stats and times, as a repair sets them. */
    public ArenaTrailer repaired(TailStats mem, long ctime, long wtime) {
        return new ArenaTrailer(version, name, diskStats, mem, ctime, wtime, clumpMagic, score);
    }

    /** This trailer with the sealed arena's score. */
    public ArenaTrailer scored(Score s) {
        return new ArenaTrailer(version, name, diskStats, memStats, ctime, wtime, clumpMagic, s);
    }

    /** True when the memory stats are stored apart from the disk stats. */
    public boolean hasMemStats() {
        return !memStats.equals(diskStats);
    }

    /** True when the arena has a score computed. */
    public boolean isScored() {
        return !score.isZero();
    }

    /**
     * Packs the whole trailer block of {@code blockSize} bytes at {@code index}: the fields,
     * zeros, and the score in the last 20 bytes.
     */
    public void pack(ByteBuffer block, int index, int blockSize) {
        checkBlock(blockSize);
        block.put(index, new byte[blockSize]);
        int shift = version == ArenaHead.VERSION5 ? 0 : -4;
        block.putInt(index + MAGIC_OFFSET, MAGIC);
        block.putInt(index + VERSION_OFFSET, version);
        Layout.putName(block, index + NAME_OFFSET, name);
        block.putInt(index + CLUMPS_OFFSET, (int) diskStats.clumps());
        block.putInt(index + CCLUMPS_OFFSET, (int) diskStats.compressedClumps());
        block.putInt(index + CTIME_OFFSET, (int) ctime);
        block.putInt(index + WTIME_OFFSET, (int) wtime);
        if (version == ArenaHead.VERSION5) {
            block.putInt(index + CLUMP_MAGIC_OFFSET, clumpMagic);
        }
        block.putLong(index + USED_OFFSET + shift, diskStats.used());
        block.putLong(index + UNCSIZE_OFFSET + shift, diskStats.uncompressedSize());
        block.put(index + SEALED_OFFSET + shift, (byte) (diskStats.sealed() ? 1 : 0));
        if (hasMemStats()) {
            block.put(index + MEMSTATS_FLAG_OFFSET + shift, (byte) 1);
            block.putInt(index + MEM_CLUMPS_OFFSET + shift, (int) memStats.clumps());
            block.putInt(index + MEM_CCLUMPS_OFFSET + shift, (int) memStats.compressedClumps());
            block.putLong(index + MEM_USED_OFFSET + shift, memStats.used());
            block.putLong(index + MEM_UNCSIZE_OFFSET + shift, memStats.uncompressedSize());
            block.put(index + MEM_SEALED_OFFSET + shift, (byte) (memStats.sealed() ? 1 : 0));
        }
        score.writeTo(block, index + blockSize - Score.SIZE);
    }

    /** Unpacks a whole trailer block of {@code blockSize} bytes at {@code index}. */
    public static ArenaTrailer unpack(ByteBuffer block, int index, int blockSize, Location where) {
        checkBlock(blockSize);
        where.checkLength("arena trailer", block.limit() - index, blockSize);
        where.checkMagic("arena trailer", block.getInt(index + MAGIC_OFFSET), MAGIC);
        int version = block.getInt(index + VERSION_OFFSET);
        int shift = version == ArenaHead.VERSION5 ? 0 : -4;
        return where.build("arena trailer", () -> {
            TailStats disk = new TailStats(
                    Layout.getU32(block, index + CLUMPS_OFFSET),
                    Layout.getU32(block, index + CCLUMPS_OFFSET),
                    block.getLong(index + USED_OFFSET + shift),
                    block.getLong(index + UNCSIZE_OFFSET + shift),
                    block.get(index + SEALED_OFFSET + shift) != 0);
            TailStats mem = block.get(index + MEMSTATS_FLAG_OFFSET + shift) != 1 ? disk : new TailStats(
                    Layout.getU32(block, index + MEM_CLUMPS_OFFSET + shift),
                    Layout.getU32(block, index + MEM_CCLUMPS_OFFSET + shift),
                    block.getLong(index + MEM_USED_OFFSET + shift),
                    block.getLong(index + MEM_UNCSIZE_OFFSET + shift),
                    block.get(index + MEM_SEALED_OFFSET + shift) != 0);
            return new ArenaTrailer(version,
                    Layout.getName(block, index + NAME_OFFSET),
                    disk, mem,
                    Layout.getU32(block, index + CTIME_OFFSET),
                    Layout.getU32(block, index + WTIME_OFFSET),
                    version == ArenaHead.VERSION5 ? block.getInt(index + CLUMP_MAGIC_OFFSET) : ArenaHead.CLUMP_MAGIC_V4,
                    Score.read(block, index + blockSize - Score.SIZE));
        });
    }

    private static void checkBlock(int blockSize) {
        Layout.checkBlockSize(blockSize, "arena block size");
    }
}
