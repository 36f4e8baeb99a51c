package venti.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A directory entry (libventi's VtEntry): one stream of blocks stored as a hash tree,
 * described by its top score, the tree's type and depth, and the sizes of its blocks.
 * A directory block is a run of these 40-byte records; entry {@code i} starts at byte
 * {@code 40 * i}.
 *
 * <pre>
 * offset size field
 *      0    4 gen      generation number
 *      4    2 psize    pointer block size
 *      6    2 dsize    data block size
 *      8    1 flags    ACTIVE 0x01, dir 0x02, depth 0x1c (depth &lt;&lt; 2), LOCAL 0x20,
 *                      big 0x40, NO_ARCHIVE 0x80
 *      9    5 pad      written as zeros, ignored when read
 *     14    6 size     stream length in bytes (48 bits)
 *     20   20 score    top block of the tree
 * </pre>
 *
 * <p>The dir and depth bits carry {@link #type}: a directory stream's type is
 * {@link BlockType#DIR} plus its depth, a file's {@link BlockType#DATA} plus its depth.
 * When either block size is 65536 or more, the big bit is set and both sizes are written
 * in {@link BigSize}'s floating encoding. The dir, depth and big bits live only in the
 * bytes; {@link #flags} holds the others.
 *
 * <p>An active entry must have both block sizes at least 256; an inactive one (a free
 * slot) may hold anything. As in libventi, an active entry read with both sizes 0 and the
 * empty-block score (written by old vac) comes back with both sizes 4096.
 *
 * <p>Immutable and thread-safe. {@code pack} of any {@code Entry} succeeds, and
 * {@code unpack} gives back an equal one.
 *
 * @param gen   generation number, 0..2<sup>32</sup>-1
 * @param psize pointer block size in bytes
 * @param dsize data block size in bytes
 * @param type  a data or directory type of depth 0..7 (not ROOT or CORRUPT)
 * @param flags any of {@link #ACTIVE}, {@link #LOCAL}, {@link #NO_ARCHIVE}
 * @param size  length of the stream in bytes, 0..2<sup>48</sup>-1
 * @param score score of the tree's top block
 */
public record Entry(long gen, long psize, long dsize, BlockType type, int flags, long size, Score score) {

    /** The entry is in use. */
    public static final int ACTIVE = 0x01;
    /** For local storage only. */
    public static final int LOCAL = 0x20;
    /** For local storage only: not to be archived. */
    public static final int NO_ARCHIVE = 0x80;

    private static final int DIR_FLAG = 0x02;
    private static final int DEPTH_SHIFT = 2;
    private static final int DEPTH_MASK = 7 << DEPTH_SHIFT;
    private static final int BIG_FLAG = 0x40;
    private static final int KEPT_FLAGS = ACTIVE | LOCAL | NO_ARCHIVE;

    /** Smallest block size an active entry may name. */
    public static final int MIN_BLOCK_SIZE = 256;
    /** The block size given to old vac's empty entries (sizes 0, empty-block score). */
    private static final int OLD_EMPTY_BLOCK_SIZE = 4096;

    private static final int GEN_OFFSET = 0;
    private static final int PSIZE_OFFSET = GEN_OFFSET + Integer.BYTES;
    private static final int DSIZE_OFFSET = PSIZE_OFFSET + Short.BYTES;
    private static final int FLAGS_OFFSET = DSIZE_OFFSET + Short.BYTES;
    private static final int PAD_OFFSET = FLAGS_OFFSET + Byte.BYTES;
    private static final int PAD_SIZE = 5;
    private static final int SIZE_OFFSET = PAD_OFFSET + PAD_SIZE;
    private static final int SIZE_BYTES = 6;
    private static final int SCORE_OFFSET = SIZE_OFFSET + SIZE_BYTES;

    /** Largest stream length: 48 bits. */
    public static final long MAX_SIZE = (1L << Byte.SIZE * SIZE_BYTES) - 1;

    /** Bytes in a packed entry. */
    public static final int SIZE = SCORE_OFFSET + Score.SIZE;

    public Entry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(score, "score");
        if (gen < 0 || gen > 0xffff_ffffL) {
            throw new IllegalArgumentException("entry gen " + gen + " does not fit in 32 bits");
        }
        if (type == BlockType.ROOT || type == BlockType.CORRUPT) {
            throw new IllegalArgumentException("entry type " + type + ": want a data or directory type");
        }
        if ((flags & ~KEPT_FLAGS) != 0) {
            throw new IllegalArgumentException(String.format(
                    "entry flags %#x: only ACTIVE, LOCAL and NO_ARCHIVE (%#x) may be set; type and size bits are derived",
                    flags, KEPT_FLAGS));
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("entry size " + size + " does not fit in 48 bits");
        }
        if (psize < 0 || dsize < 0) {
            throw new IllegalArgumentException("entry block sizes " + psize + "/" + dsize + " are negative");
        }
        if ((psize >= BigSize.SMALL_LIMIT || dsize >= BigSize.SMALL_LIMIT) && !(BigSize.fits(psize) && BigSize.fits(dsize))) {
            throw new IllegalArgumentException(String.format(
                    "entry block sizes %d/%d have no exact encoding: %s, and then both sizes must be",
                    psize, dsize, BigSize.rule()));
        }
        if ((flags & ACTIVE) != 0) {
            checkBlockSize("pointer", psize);
            checkBlockSize("data", dsize);
        }
    }

    /** True when the entry is in use. */
    public boolean isActive() {
        return (flags & ACTIVE) != 0;
    }

    /** The 40 bytes of this entry. */
    public byte[] pack() {
        byte[] b = new byte[SIZE];
        pack(b, 0);
        return b;
    }

    /** Writes this entry as entry {@code index} of the directory block {@code block}. */
    public void pack(byte[] block, int index) {
        int base = base(block, index);
        ByteBuffer buf = ByteBuffer.wrap(block);
        int wire = flags | type.depth() << DEPTH_SHIFT | (type.isDirectory() ? DIR_FLAG : 0);
        int p = (int) psize;
        int d = (int) dsize;
        if (psize >= BigSize.SMALL_LIMIT || dsize >= BigSize.SMALL_LIMIT) {
            wire |= BIG_FLAG;
            p = BigSize.encode(psize);
            d = BigSize.encode(dsize);
        }
        buf.putInt(base + GEN_OFFSET, (int) gen);
        buf.putShort(base + PSIZE_OFFSET, (short) p);
        buf.putShort(base + DSIZE_OFFSET, (short) d);
        buf.put(base + FLAGS_OFFSET, (byte) wire);
        Arrays.fill(block, base + PAD_OFFSET, base + PAD_OFFSET + PAD_SIZE, (byte) 0);
        buf.putShort(base + SIZE_OFFSET, (short) (size >>> Integer.SIZE));
        buf.putInt(base + SIZE_OFFSET + Short.BYTES, (int) size);
        score.writeTo(buf, base + SCORE_OFFSET);
    }

    /**
     * Reads entry {@code index} of the directory block {@code block}.
     *
     * @throws FormatException when the entry is active and names a block size under 256
     * @throws IndexOutOfBoundsException when the block is too short to hold that entry
     */
    public static Entry unpack(byte[] block, int index) {
        int base = base(block, index);
        ByteBuffer buf = ByteBuffer.wrap(block);
        long gen = Integer.toUnsignedLong(buf.getInt(base + GEN_OFFSET));
        int p = Short.toUnsignedInt(buf.getShort(base + PSIZE_OFFSET));
        int d = Short.toUnsignedInt(buf.getShort(base + DSIZE_OFFSET));
        int wire = Byte.toUnsignedInt(buf.get(base + FLAGS_OFFSET));
        boolean big = (wire & BIG_FLAG) != 0;
        long psize = big ? BigSize.decode(p) : p;
        long dsize = big ? BigSize.decode(d) : d;
        BlockType type = BlockType.pointer((wire & DIR_FLAG) != 0, (wire & DEPTH_MASK) >>> DEPTH_SHIFT);
        int flags = wire & KEPT_FLAGS;
        long size = (long) Short.toUnsignedInt(buf.getShort(base + SIZE_OFFSET)) << Integer.SIZE
                | Integer.toUnsignedLong(buf.getInt(base + SIZE_OFFSET + Short.BYTES));
        Score score = Score.read(buf, base + SCORE_OFFSET);
        if ((flags & ACTIVE) != 0 && psize == 0 && dsize == 0 && score.equals(Score.EMPTY)) {
            psize = OLD_EMPTY_BLOCK_SIZE;
            dsize = OLD_EMPTY_BLOCK_SIZE;
        }
        try {
            return new Entry(gen, psize, dsize, type, flags, size, score);
        } catch (IllegalArgumentException e) {
            throw new FormatException("directory entry " + index + " at byte " + base + ": " + e.getMessage(), e);
        }
    }

    private static int base(byte[] block, int index) {
        if (index < 0 || (long) index * SIZE + SIZE > block.length) {
            throw new IndexOutOfBoundsException("directory block of " + block.length + " bytes has no entry " + index
                    + " (it holds " + block.length / SIZE + ")");
        }
        return index * SIZE;
    }

    private static void checkBlockSize(String which, long n) {
        if (n < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException(String.format(
                    "bad %s block size %d (%#x): an active entry needs at least %d", which, n, n, MIN_BLOCK_SIZE));
        }
    }
}
