package venti.core;

/**
 * Block types in libventi's numbering, and their mapping to the older numbers used on
 * disk and on the wire.
 *
 * <p>libventi numbers data blocks 0 and data pointer blocks of depth d as d (1..7), directory
 * blocks 8 and directory pointers 8+d (9..15), root blocks 16. The original protocol, and
 * every arena and index, use other numbers: root 1, dir 2, pointers of depth 0..6 as 3..9,
 * data 13. A data pointer and a directory pointer of the same depth share one disk type, so
 * a data pointer block comes back as a directory pointer of its depth, as in the C server.
 * Depth 7 pointers share disk type 9 with depth 6.
 */
public enum BlockType {
    /** A data block: the bytes of a file. */
    DATA(0),
    /** A pointer block of depth 1: the scores of data blocks. */
    DATA1(1),
    /** A data pointer block of depth 2. */
    DATA2(2),
    /** A data pointer block of depth 3. */
    DATA3(3),
    /** A data pointer block of depth 4. */
    DATA4(4),
    /** A data pointer block of depth 5. */
    DATA5(5),
    /** A data pointer block of depth 6. */
    DATA6(6),
    /** A data pointer block of depth 7. */
    DATA7(7),
    /** A directory block: a run of {@link Entry entries}. */
    DIR(8),
    /** A pointer block of depth 1: the scores of directory blocks. */
    DIR1(9),
    /** A directory pointer block of depth 2. */
    DIR2(10),
    /** A directory pointer block of depth 3. */
    DIR3(11),
    /** A directory pointer block of depth 4. */
    DIR4(12),
    /** A directory pointer block of depth 5. */
    DIR5(13),
    /** A directory pointer block of depth 6. */
    DIR6(14),
    /** A directory pointer block of depth 7. */
    DIR7(15),
    /** A {@link Root root} block: names a tree and its top directory. */
    ROOT(16),
    /** What a disk type outside the table maps to (libventi's VtCorruptType). */
    CORRUPT(0xff);

    /** Disk type of the old root block. */
    public static final int DISK_ROOT = 1;
    /** Disk type of the old directory block. */
    public static final int DISK_DIR = 2;
    /** Disk type of the old pointer block of depth 0. */
    public static final int DISK_POINTER0 = 3;
    /** Disk type of the old data block. */
    public static final int DISK_DATA = 13;
    /** Disk type meaning "invalid" (0). */
    public static final int DISK_ERROR = 0;

    private static final int[] TO_DISK = {13, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9, 1};
    private static final BlockType[] FROM_DISK = {
            CORRUPT, ROOT, DIR, DIR1, DIR2, DIR3, DIR4, DIR5, DIR6, DIR7, CORRUPT, CORRUPT, CORRUPT, DATA};
    private static final BlockType[] BY_VALUE = values();

    private final int value;

    BlockType(int value) {
        this.value = value;
    }

    /** The libventi number (0..16, or 0xff for CORRUPT). */
    public int value() {
        return value;
    }

    /** The disk and wire number, as {@code vttodisktype}; CORRUPT maps to 0xff. */
    public int diskType() {
        return toDisk(value);
    }

    /** Pointer depth: 0 for data, dir and root blocks. */
    public int depth() {
        return this == ROOT || this == CORRUPT ? 0 : value & 7;
    }

    /** The type of the blocks this one points to: one level down, same base. */
    public BlockType child() {
        if (depth() == 0) {
            throw new IllegalStateException(this + " blocks point to nothing");
        }
        return BY_VALUE[value - 1];
    }

    /** True for pointer blocks, of data or of directories (depth 1 and more). */
    public boolean isPointer() {
        return depth() > 0;
    }

    /** True for directory blocks and directory pointer blocks. */
    public boolean isDirectory() {
        return value >= 8 && value < 16;
    }

    /** The type of libventi number {@code value}. */
    public static BlockType of(int value) {
        if (value >= 0 && value <= 16) {
            return BY_VALUE[value];
        }
        if (value == 0xff) {
            return CORRUPT;
        }
        throw new IllegalArgumentException("bad block type " + value + ": want 0..16");
    }

    /** {@code vttodisktype}: libventi number to disk number, 0xff when out of range. */
    public static int toDisk(int value) {
        return value >= 0 && value < TO_DISK.length ? TO_DISK[value] : 0xff;
    }

    /** {@code vtfromdisktype}: the type of a disk number, CORRUPT when invalid. */
    public static BlockType fromDisk(int diskType) {
        return diskType >= 0 && diskType < FROM_DISK.length ? FROM_DISK[diskType] : CORRUPT;
    }

    /** The {@code depth}-level pointer type over data ({@code dir} false) or directory blocks. */
    public static BlockType pointer(boolean dir, int depth) {
        if (depth < 0 || depth > 7) {
            throw new IllegalArgumentException("bad pointer depth " + depth + ": want 0..7");
        }
        return BY_VALUE[(dir ? 8 : 0) + depth];
    }
}
