package venti.store.disk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The first block of an arena: a copy of the facts in its trailer that never change, so an
 * arena can be recognised from its start.
 *
 * <pre>
 * offset size field
 *      0    4 magic 0xd15c4ead
 *      4    4 version (4 or 5)
 *      8   64 name, NUL-padded
 *     72    4 block size
 *     76    8 size of the whole arena, head and trailer blocks included
 *     84    4 clump magic (version 5 only)
 * </pre>
 *
 * Version 4 arenas have no clump magic field and use {@link #CLUMP_MAGIC_V4} for every clump.
 */
public record ArenaHead(int version, String name, int blockSize, long size, int clumpMagic) {

    public static final int MAGIC = 0xd15c4ead;
    /** The clump magic of every version 4 arena (the C {@code _ClumpMagic}). */
    public static final int CLUMP_MAGIC_V4 = 0xd15cb10c;
    public static final int VERSION4 = 4;
    public static final int VERSION5 = 5;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int NAME_OFFSET = VERSION_OFFSET + 4;
    static final int BLOCK_SIZE_OFFSET = NAME_OFFSET + Layout.NAME_SIZE;
    static final int SIZE_OFFSET = BLOCK_SIZE_OFFSET + 4;
    static final int CLUMP_MAGIC_OFFSET = SIZE_OFFSET + 8;
    public static final int SIZE4 = CLUMP_MAGIC_OFFSET;
    public static final int SIZE5 = CLUMP_MAGIC_OFFSET + 4;

    public ArenaHead {
        checkVersion(version, "arena head");
        Layout.checkName(name, "arena name");
        Layout.checkBlockSize(blockSize, "arena block size");
        if (size < 2L * blockSize) {
            throw new IllegalArgumentException("arena size " + size + " is smaller than its head and trailer blocks");
        }
        checkClumpMagic(version, clumpMagic);
    }

    /** The byte table above, field by field, for {@code version}. */
    public static List<Field> fields(int version) {
        List<Field> f = new ArrayList<>(List.of(
                new Field("magic", MAGIC_OFFSET, 4, Field.Kind.HEX),
                new Field("version", VERSION_OFFSET, 4, Field.Kind.DEC),
                new Field("name", NAME_OFFSET, Layout.NAME_SIZE, Field.Kind.NAME),
                new Field("blocksize", BLOCK_SIZE_OFFSET, 4, Field.Kind.SIZE),
                new Field("size", SIZE_OFFSET, 8, Field.Kind.SIZE)));
        if (version == VERSION5) {
            f.add(new Field("clumpmagic", CLUMP_MAGIC_OFFSET, 4, Field.Kind.HEX));
        }
        return List.copyOf(f);
    }

    public static void checkVersion(int version, String what) {
        if (version != VERSION4 && version != VERSION5) {
            throw new IllegalArgumentException(what + " has unknown version " + version + ", want 4 or 5");
        }
    }

    /**
     * A clump magic for a new arena of {@code version}: the fixed one for version 4, else a
     * random one that is neither 0 (free space) nor the version 4 magic.
     */
    public static int newClumpMagic(int version, RandomGenerator random) {
        if (version == VERSION4) {
            return CLUMP_MAGIC_V4;
        }
        int m;
        do {
            m = random.nextInt();
        } while (m == 0 || m == CLUMP_MAGIC_V4);
        return m;
    }

    static void checkClumpMagic(int version, int clumpMagic) {
        if (version == VERSION4 && clumpMagic != CLUMP_MAGIC_V4) {
            throw new IllegalArgumentException("version 4 arenas use clump magic " + Layout.hex32(CLUMP_MAGIC_V4)
                    + ", not " + Layout.hex32(clumpMagic));
        }
        if (version == VERSION5 && clumpMagic == 0) {
            throw new IllegalArgumentException("clump magic 0 marks free space; an arena cannot use it");
        }
    }

    /** Bytes on disk for this version. */
    public int packedSize() {
        return version == VERSION5 ? SIZE5 : SIZE4;
    }

    public void pack(ByteBuffer buf, int index) {
        buf.putInt(index + MAGIC_OFFSET, MAGIC);
        buf.putInt(index + VERSION_OFFSET, version);
        Layout.putName(buf, index + NAME_OFFSET, name);
        buf.putInt(index + BLOCK_SIZE_OFFSET, blockSize);
        buf.putLong(index + SIZE_OFFSET, size);
        if (version == VERSION5) {
            buf.putInt(index + CLUMP_MAGIC_OFFSET, clumpMagic);
        }
    }

    public static ArenaHead unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("arena head", buf.limit() - index, SIZE4);
        where.checkMagic("arena head", buf.getInt(index + MAGIC_OFFSET), MAGIC);
        int version = buf.getInt(index + VERSION_OFFSET);
        if (version == VERSION5) {
            where.checkLength("arena head", buf.limit() - index, SIZE5);
        }
        return where.build("arena head", () -> new ArenaHead(
                version,
                Layout.getName(buf, index + NAME_OFFSET),
                buf.getInt(index + BLOCK_SIZE_OFFSET),
                buf.getLong(index + SIZE_OFFSET),
                version == VERSION5 ? buf.getInt(index + CLUMP_MAGIC_OFFSET) : CLUMP_MAGIC_V4));
    }
}
