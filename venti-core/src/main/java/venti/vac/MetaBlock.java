package venti.vac;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import venti.core.FormatException;

/**
 * A meta block (vac's MetaBlock): one block of a directory's metadata stream, holding the
 * {@link VacDir}s of some of its children, with an index sorted by name.
 *
 * <pre>
 * offset          size field
 *      0             4 magic     0x5656fc79 (0x5656fc7a: names in plain byte order, see below)
 *      4             2 size      bytes in use, header and index included
 *      6             2 free      bytes within size not used by any entry
 *      8             2 maxindex  slots in the index
 *     10             2 nindex    slots in use
 *     12  4 * maxindex index     per slot: 2 offset, 2 size of a packed VacDir
 * 12 + 4 * maxindex          -   the packed VacDirs, anywhere up to size
 * </pre>
 *
 * <p>The index is sorted by name, so a name can be found by binary search within a block,
 * but the blocks of a directory are not sorted among themselves. With the first magic the
 * order is vac's original one, in which a name sorts <em>before</em> any name it is a prefix
 * of ({@link #NAME_ORDER}); vac writes that magic, and so does {@link Packer}.
 *
 * <p>{@link Packer} fills a block as vac does: {@code blocksize / 100} index slots, and a
 * block takes a further entry only while the entries stay within 80% of it. Packing is
 * compact: entries follow the index in the order added, and {@code free} is 0.
 */
public final class MetaBlock {

    public static final int MAGIC = 0x5656fc79;
    /** The magic of blocks whose index is in plain byte order. */
    public static final int MAGIC_PLAIN_ORDER = MAGIC + 1;
    public static final int HEADER_SIZE = 12;
    public static final int INDEX_SIZE = 4;
    /** vac's estimate of bytes per entry, which sets the number of index slots. */
    public static final int BYTES_PER_ENTRY = 100;
    /** vac allocates in a block only while it is at most this full. */
    public static final int FULL_PERCENT = 80;

    private static final int MAGIC_OFFSET = 0;
    private static final int SIZE_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    private static final int FREE_OFFSET = SIZE_OFFSET + Short.BYTES;
    private static final int MAX_INDEX_OFFSET = FREE_OFFSET + Short.BYTES;
    private static final int N_INDEX_OFFSET = MAX_INDEX_OFFSET + Short.BYTES;
    /** An entry must hold at least the magic, version and elem length. */
    private static final int MIN_ENTRY = 8;

    /** vac's name order: bytewise, except that a name sorts before its own prefixes. */
    public static final Comparator<String> NAME_ORDER = (a, b) -> compareNames(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private MetaBlock() {
    }

    static int compareNames(byte[] a, byte[] b) {
        int c = Arrays.compareUnsigned(a, b);
        int common = Math.min(a.length, b.length);
        if (c != 0 && Arrays.equals(a, 0, common, b, 0, common)) {
            return Integer.compare(b.length, a.length);
        }
        return c;
    }

    /**
     * The directory entries of a meta block, in index order.
     *
     * @param block     the block as read, possibly zero-truncated
     * @param blockSize the metadata stream's block size
     * @throws FormatException naming what is wrong
     */
    public static List<VacDir> unpack(byte[] block, int blockSize) {
        if (block.length > blockSize) {
            throw new FormatException("meta block of " + block.length + " bytes is larger than the block size " + blockSize);
        }
        byte[] b = block.length == blockSize ? block : Arrays.copyOf(block, blockSize);
        if (blockSize < HEADER_SIZE) {
            throw new FormatException("meta block of " + blockSize + " bytes is shorter than its header");
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int magic = buf.getInt(MAGIC_OFFSET);
        if (magic != MAGIC && magic != MAGIC_PLAIN_ORDER) {
            throw new FormatException(String.format("bad meta block magic %#010x: want %#010x", magic, MAGIC));
        }
        int size = Short.toUnsignedInt(buf.getShort(SIZE_OFFSET));
        int maxIndex = Short.toUnsignedInt(buf.getShort(MAX_INDEX_OFFSET));
        int nIndex = Short.toUnsignedInt(buf.getShort(N_INDEX_OFFSET));
        if (size > blockSize) {
            throw new FormatException("meta block claims " + size + " bytes in use: the block has " + blockSize);
        }
        int entriesStart = HEADER_SIZE + maxIndex * INDEX_SIZE;
        if (entriesStart > blockSize) {
            throw new FormatException("meta block index of " + maxIndex + " slots does not fit in " + blockSize + " bytes");
        }
        if (nIndex > maxIndex) {
            throw new FormatException("meta block uses " + nIndex + " index slots of " + maxIndex);
        }
        List<VacDir> dirs = new ArrayList<>(nIndex);
        for (int i = 0; i < nIndex; i++) {
            int slot = HEADER_SIZE + i * INDEX_SIZE;
            int eo = Short.toUnsignedInt(buf.getShort(slot));
            int en = Short.toUnsignedInt(buf.getShort(slot + Short.BYTES));
            if (eo < entriesStart) {
                throw new FormatException("meta block entry " + i + " at byte " + eo + " overlaps the index");
            }
            if (eo + en > size) {
                throw new FormatException("meta block entry " + i + " (bytes " + eo + ".." + (eo + en)
                        + ") runs past the " + size + " bytes in use: truncated meta block");
            }
            if (en < MIN_ENTRY) {
                throw new FormatException("meta block entry " + i + " is " + en + " bytes: too short for a directory entry");
            }
            try {
                dirs.add(VacDir.unpack(b, eo, en));
            } catch (FormatException e) {
                throw new FormatException("meta block entry " + i + ": " + e.getMessage(), e);
            }
        }
        return dirs;
    }

    /**
     * Fills one meta block as vac does. Add entries with {@link #add} until it refuses one,
     * then {@link #pack} the block and start another. Not thread-safe.
     */
    public static final class Packer {

        private final int blockSize;
        private final int maxIndex;
        private final List<VacDir> dirs = new ArrayList<>();
        private final List<byte[]> packed = new ArrayList<>();
        private int size;

        /**
         * @throws IllegalArgumentException when the block is too small for any entry
         */
        public Packer(int blockSize) {
            this.blockSize = blockSize;
            this.maxIndex = blockSize / BYTES_PER_ENTRY;
            if (maxIndex == 0 || maxIndex > 0xffff || blockSize > 0xffff) {
                throw new IllegalArgumentException("meta block size " + blockSize + ": want "
                        + BYTES_PER_ENTRY + " to 65535 bytes");
            }
            this.size = HEADER_SIZE + maxIndex * INDEX_SIZE;
        }

        public boolean isEmpty() {
            return dirs.isEmpty();
        }

        /**
         * Adds {@code dir} if this block has room for it, as vac judges room.
         *
         * @return false when it does not fit: pack this block and add it to the next
         * @throws IllegalArgumentException when it would not fit even in an empty block
         */
        public boolean add(VacDir dir) {
            byte[] p = dir.pack();
            if (dirs.isEmpty()) {
                if (p.length > blockSize - size) {
                    throw new IllegalArgumentException("directory entry for '" + dir.elem() + "' is " + p.length
                            + " bytes: more than a meta block of " + blockSize + " bytes holds");
                }
            } else if (p.length > blockSize * FULL_PERCENT / 100 - size || dirs.size() >= maxIndex) {
                return false;
            }
            dirs.add(dir);
            packed.add(p);
            size += p.length;
            return true;
        }

        /** The block, {@code blockSize} bytes, index sorted in {@link #NAME_ORDER}. */
        public byte[] pack() {
            byte[] b = new byte[blockSize];
            ByteBuffer buf = ByteBuffer.wrap(b);
            buf.putInt(MAGIC_OFFSET, MAGIC);
            buf.putShort(SIZE_OFFSET, (short) size);
            buf.putShort(FREE_OFFSET, (short) 0);
            buf.putShort(MAX_INDEX_OFFSET, (short) maxIndex);
            buf.putShort(N_INDEX_OFFSET, (short) dirs.size());
            int[] offsets = new int[dirs.size()];
            int o = HEADER_SIZE + maxIndex * INDEX_SIZE;
            for (int i = 0; i < dirs.size(); i++) {
                offsets[i] = o;
                buf.put(o, packed.get(i));
                o += packed.get(i).length;
            }
            Integer[] order = new Integer[dirs.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (x, y) -> NAME_ORDER.compare(dirs.get(x).elem(), dirs.get(y).elem()));
            for (int slot = 0; slot < order.length; slot++) {
                int i = order[slot];
                buf.putShort(HEADER_SIZE + slot * INDEX_SIZE, (short) offsets[i]);
                buf.putShort(HEADER_SIZE + slot * INDEX_SIZE + Short.BYTES, (short) packed.get(i).length);
            }
            return b;
        }
    }
}
