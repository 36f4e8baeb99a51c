package venti.store.disk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sizes and places shared by every Venti partition, as the C server's {@code dat.h} fixes
 * them, and the helpers for the fixed-width names stored in headers.
 *
 * <p>Every partition leaves its first {@link #PART_BLANK} bytes alone (room for a boot
 * sector, a partition table, or a configuration stored with {@code venti conf}). Arena
 * partitions and index sections put a header of at most {@link #HEAD_SIZE} bytes right
 * after it, then a text table at the next block boundary ({@link #tableBase}).
 */
public final class Layout {

    /** Untouched bytes at the start of each partition. */
    public static final int PART_BLANK = 256 * 1024;
    /** Room for a partition header after {@link #PART_BLANK}. */
    public static final int HEAD_SIZE = 512;
    /** Bytes of a name field on disk, NUL-padded; names hold at most {@code NAME_SIZE - 1} characters. */
    public static final int NAME_SIZE = 64;
    /** Largest block size of any partition. */
    public static final int MAX_DISK_BLOCK = 64 * 1024;
    /** Smallest block size we accept: the arena I/O quantum. */
    public static final int MIN_DISK_BLOCK = 512;
    /** Smallest arena fmtarenas makes. */
    public static final long MIN_ARENA_SIZE = 1024 * 1024;
    /** Index address of the first arena's data: addresses below it are never used. */
    public static final long INDEX_BASE = 1024 * 1024;
    /** Largest block the server stores. */
    public static final int MAX_LUMP_SIZE = venti.core.BlockStore.MAX_BLOCK;
    /** log2 of the unit in which index entries measure a clump's length on disk. */
    public static final int ARENA_BLOCK_LOG = 9;
    /** Bytes the C format tools reserve for a partition's text table. */
    public static final int TABLE_SIZE = 512 * 1024;
    /**
     * Largest text table we read. The C tools always reserve {@link #TABLE_SIZE}; the cap keeps
     * a corrupted header from making us allocate gigabytes.
     */
    public static final int MAX_TABLE_SIZE = 16 * 1024 * 1024;
    /** Most arenas one address map may list. */
    public static final int MAX_AMAP = 31 * 1024;

    private Layout() {
    }

    /** Where the text table after the header starts: the first block boundary past the header. */
    public static long tableBase(int blockSize) {
        return roundUp(PART_BLANK + HEAD_SIZE, blockSize);
    }

    /** {@code v} rounded up to a multiple of the power of two {@code blockSize}. */
    public static long roundUp(long v, int blockSize) {
        return (v + blockSize - 1) & -(long) blockSize;
    }

    /** {@code v} rounded down to a multiple of the power of two {@code blockSize}. */
    public static long roundDown(long v, int blockSize) {
        return v & -(long) blockSize;
    }

    public static boolean isPowerOfTwo(long v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    /** Checks a block size read from disk or given by a user: a power of two in [512, 64K]. */
    public static void checkBlockSize(long blockSize, String what) {
        if (!isPowerOfTwo(blockSize) || blockSize < MIN_DISK_BLOCK || blockSize > MAX_DISK_BLOCK) {
            throw new IllegalArgumentException("bad " + what + " " + blockSize
                    + ": want a power of two from " + MIN_DISK_BLOCK + " to " + MAX_DISK_BLOCK);
        }
    }

    /**
     * Checks a name as the C {@code nameok}: at most {@code NAME_SIZE - 1} printable ASCII
     * characters.
     */
    public static String checkName(String name, String what) {
        if (name == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        if (name.length() >= NAME_SIZE) {
            throw new IllegalArgumentException(what + " '" + name + "' is too long: at most " + (NAME_SIZE - 1) + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(what + " '" + name + "' has a character that is not printable ASCII at " + i);
            }
        }
        return name;
    }

    /** Reads a NUL-padded name field of {@link #NAME_SIZE} bytes at {@code index}. */
    public static String getName(ByteBuffer buf, int index) {
        byte[] b = new byte[NAME_SIZE];
        buf.get(index, b);
        int n = 0;
        while (n < NAME_SIZE - 1 && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code name} NUL-padded into {@link #NAME_SIZE} bytes at {@code index}. */
    public static void putName(ByteBuffer buf, int index, String name) {
        byte[] b = new byte[NAME_SIZE];
        byte[] s = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(s, 0, b, 0, Math.min(s.length, NAME_SIZE - 1));
        buf.put(index, b);
    }

    /**
     * Checks the table that lies between a header and {@code dataBase}: it must start at
     * {@link #tableBase} and be no larger than {@link #MAX_TABLE_SIZE}.
     */
    static void checkTable(int blockSize, long dataBase, String what) {
        long base = tableBase(blockSize);
        if (dataBase <= base) {
            throw new IllegalArgumentException(what + " table overlaps with its storage: data starts at "
                    + dataBase + ", table at " + base);
        }
        if (dataBase - base > MAX_TABLE_SIZE) {
            throw new IllegalArgumentException(what + " table of " + (dataBase - base) + " bytes is larger than the "
                    + MAX_TABLE_SIZE + " bytes we accept");
        }
    }

    /** A u32 field read as a non-negative long. */
    public static long getU32(ByteBuffer buf, int index) {
        return Integer.toUnsignedLong(buf.getInt(index));
    }

    /** Checks that {@code v} fits a u32 field. */
    public static long checkU32(long v, String what) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " " + v + " does not fit in 32 bits");
        }
        return v;
    }

    /** Checks that {@code v} fits a u16 field. */
    public static int checkU16(int v, String what) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(what + " " + v + " does not fit in 16 bits");
        }
        return v;
    }

    /** The magic number as the C prints it: {@code 0x} and eight hex digits. */
    public static String hex32(int v) {
        return String.format("0x%08x", v);
    }
}
