package venti.store.disk;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The header of an arena partition, at {@link Layout#PART_BLANK}.
 *
 * <pre>
 * offset size field
 *      0    4 magic 0xa9e4a5e7
 *      4    4 version (3)
 *      8    4 block size
 *     12    4 arena base: partition offset of the first arena
 * </pre>
 *
 * <p>The arena map table fills the space from {@link #tableBase()} to the arena base.
 *
 * @param version   always {@link #VERSION}
 * @param blockSize a power of two from 512 to 64K
 * @param arenaBase where the arenas start: past the table, which is at most 16 MiB
 */
public record ArenaPartHeader(int version, int blockSize, long arenaBase) {

    public static final int MAGIC = 0xa9e4a5e7;
    public static final int VERSION = 3;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int BLOCK_SIZE_OFFSET = VERSION_OFFSET + 4;
    static final int ARENA_BASE_OFFSET = BLOCK_SIZE_OFFSET + 4;
    /** The byte table above, field by field. */
    public static final List<Field> FIELDS = List.of(
            new Field("magic", MAGIC_OFFSET, 4, Field.Kind.HEX),
            new Field("version", VERSION_OFFSET, 4, Field.Kind.DEC),
            new Field("blocksize", BLOCK_SIZE_OFFSET, 4, Field.Kind.SIZE),
            new Field("arenabase", ARENA_BASE_OFFSET, 4, Field.Kind.HEX));
    public static final int SIZE = ARENA_BASE_OFFSET + 4;

    public ArenaPartHeader {
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown arena partition version " + version + ", want " + VERSION);
        }
        Layout.checkBlockSize(blockSize, "arena partition block size");
        Layout.checkU32(arenaBase, "arena base");
        Layout.checkTable(blockSize, arenaBase, "arena partition");
    }

    /** Partition offset of the arena map table. */
    public long tableBase() {
        return Layout.tableBase(blockSize);
    }

    /** Bytes reserved for the arena map table. */
    public int tableSize() {
        return Math.toIntExact(arenaBase - tableBase());
    }

    public void pack(ByteBuffer buf, int index) {
        buf.putInt(index + MAGIC_OFFSET, MAGIC);
        buf.putInt(index + VERSION_OFFSET, version);
        buf.putInt(index + BLOCK_SIZE_OFFSET, blockSize);
        buf.putInt(index + ARENA_BASE_OFFSET, (int) arenaBase);
    }

    public static ArenaPartHeader unpack(ByteBuffer buf, int index, Location where) {
        where.checkLength("arena partition header", buf.limit() - index, SIZE);
        where.checkMagic("arena partition header", buf.getInt(index + MAGIC_OFFSET), MAGIC);
        return where.build("arena partition header", () -> new ArenaPartHeader(
                buf.getInt(index + VERSION_OFFSET),
                buf.getInt(index + BLOCK_SIZE_OFFSET),
                Layout.getU32(buf, index + ARENA_BASE_OFFSET)));
    }
}
