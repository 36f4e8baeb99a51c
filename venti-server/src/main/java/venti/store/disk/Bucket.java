package venti.store.disk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import venti.core.Score;

/**
 * One index bucket: a block of an index section holding the entries for a range of scores.
 *
 * <pre>
 * offset size field
 *      0    2 n: entries in use
 *      2    4 bucket magic of the section (0 in version 1 sections)
 *      6 n*38 {@link IndexEntry}s sorted by score, then by disk type
 * </pre>
 *
 * A block whose magic is not the section's bucket magic holds no entries: it was never
 * written since the section was formatted. A count larger than the block can hold is
 * corruption.
 */
public record Bucket(List<IndexEntry> entries) {

    public static final int COUNT_OFFSET = 0;
    public static final int MAGIC_OFFSET = COUNT_OFFSET + 2;
    public static final int HEADER_SIZE = MAGIC_OFFSET + 4;

    /** Bucket order: by score, then by disk type, as the C {@code ientrycmp}. */
    public static final Comparator<IndexEntry> ORDER = Comparator.comparing(IndexEntry::score)
            .thenComparingInt(e -> e.type().diskType());

    public static final Bucket EMPTY = new Bucket(List.of());

    /**
     * {@link #ORDER} of the packed entries at {@code p} of {@code a} and {@code q} of
     * {@code b}, without unpacking them. A plain loop: the offline tools run it a few million
     * times under the C1 compiler, which neither inlines byte-order conversions nor
     * vectorises {@code Arrays.compareUnsigned}, and scores in one bucket differ by their
     * third byte.
     */
    public static int comparePacked(byte[] a, int p, byte[] b, int q) {
        for (int i = 0; i < Score.SIZE; i++) {
            int c = (a[p + i] & 0xff) - (b[q + i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return (a[p + IndexEntry.TYPE_OFFSET] & 0xff) - (b[q + IndexEntry.TYPE_OFFSET] & 0xff);
    }

    public Bucket {
        entries = List.copyOf(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (ORDER.compare(entries.get(i - 1), entries.get(i)) >= 0) {
                throw new IllegalArgumentException("entries out of order at " + i + ": " + entries.get(i - 1).score()
                        + " then " + entries.get(i).score());
            }
        }
    }

    /** Entries a bucket block of {@code blockSize} bytes holds. */
    public static int capacity(int blockSize) {
        return (blockSize - HEADER_SIZE) / IndexEntry.SIZE;
    }

    /** This bucket with {@code e} added, replacing an entry for the same score and type. */
    public Bucket insert(IndexEntry e) {
        int i = Collections.binarySearch(entries, e, ORDER);
        List<IndexEntry> l = new ArrayList<>(entries);
        if (i >= 0) {
            l.set(i, e);
        } else {
            l.add(-i - 1, e);
        }
        return new Bucket(l);
    }

    /**
     * Packs the whole block of {@code blockSize} bytes at {@code index}: header, entries, zeros.
     *
     * @throws IllegalArgumentException when the entries do not fit
     */
    public void pack(ByteBuffer block, int index, int blockSize, int magic) {
        if (entries.size() > capacity(blockSize)) {
            throw new IllegalArgumentException("bucket of " + entries.size() + " entries overflows a "
                    + blockSize + "-byte block (" + capacity(blockSize) + " entries)");
        }
        block.put(index, new byte[blockSize]);
        block.putShort(index + COUNT_OFFSET, (short) entries.size());
        block.putInt(index + MAGIC_OFFSET, magic);
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).pack(block, index + HEADER_SIZE + i * IndexEntry.SIZE);
        }
    }

    /** Unpacks the bucket block of {@code blockSize} bytes at {@code index}. */
    public static Bucket unpack(ByteBuffer block, int index, int blockSize, int magic, Location where) {
        int n = count(block, index, blockSize, magic, where);
        IndexEntry[] e = new IndexEntry[n];
        for (int i = 0; i < n; i++) {
            e[i] = IndexEntry.unpack(block, index + HEADER_SIZE + i * IndexEntry.SIZE, where);
        }
        try {
            return new Bucket(Arrays.asList(e));
        } catch (IllegalArgumentException x) {
            throw new CorruptException(Severity.INDEX_CORRUPT, where, "bad index bucket: " + x.getMessage(), x);
        }
    }

    /**
     * Entries in use in the bucket block at {@code index}: 0 when its magic is not
     * {@code magic} (and {@code magic} is not 0).
     *
     * @throws CorruptException when the count is more than the block holds
     */
    public static int count(ByteBuffer block, int index, int blockSize, int magic, Location where) {
        where.checkLength("index bucket", block.limit() - index, blockSize);
        if (magic != 0 && block.getInt(index + MAGIC_OFFSET) != magic) {
            return 0;
        }
        int n = Short.toUnsignedInt(block.getShort(index + COUNT_OFFSET));
        if (n > capacity(blockSize)) {
            throw new CorruptException(Severity.INDEX_CORRUPT, where,
                    "corrupted disk index bucket: n=" + n + " max=" + capacity(blockSize), null);
        }
        return n;
    }

    /**
     * Looks up {@code score} with disk type {@code diskType} in the bucket block at
     * {@code index} by binary search over the packed entries, without unpacking the bucket.
     */
    public static Optional<IndexEntry> search(ByteBuffer block, int index, int blockSize, int magic,
                                              Score score, int diskType, Location where) {
        int n = count(block, index, blockSize, magic, where);
        int slot = find(block, index, n, score, diskType);
        return slot >= 0 ? Optional.of(IndexEntry.unpack(block, entryAt(index, slot), where)) : Optional.empty();
    }

    /**
     * Puts {@code e} into the packed bucket block at {@code index}, in order, replacing an
     * entry for the same score and type (the index writer's in-place update, the C
     * {@code icachewritesect}). A block that does not carry {@code magic} is taken as empty.
     *
     * @return false when the bucket is full and {@code e} is not in it
     */
    public static boolean insert(ByteBuffer block, int index, int blockSize, int magic, IndexEntry e, Location where) {
        int n = count(block, index, blockSize, magic, where);
        int slot = find(block, index, n, e.score(), e.type().diskType());
        if (slot < 0) {
            if (n == capacity(blockSize)) {
                return false;
            }
            slot = -slot - 1;
            int from = entryAt(index, slot);
            block.put(from + IndexEntry.SIZE, block, from, (n - slot) * IndexEntry.SIZE);
            n++;
        }
        e.pack(block, entryAt(index, slot));
        block.putShort(index + COUNT_OFFSET, (short) n);
        block.putInt(index + MAGIC_OFFSET, magic);
        return true;
    }

    private static int entryAt(int index, int slot) {
        return index + HEADER_SIZE + slot * IndexEntry.SIZE;
    }

    /** The slot of score and type among the {@code n} entries, or {@code -(insertion point) - 1}. */
    private static int find(ByteBuffer block, int index, int n, Score score, int diskType) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = entryAt(index, mid);
            int c = score.compareTo(block, at + IndexEntry.SCORE_OFFSET);
            if (c == 0) {
                c = Integer.compare(diskType, Byte.toUnsignedInt(block.get(at + IndexEntry.TYPE_OFFSET)));
            }
            if (c == 0) {
                return mid;
            }
            if (c > 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -lo - 1;
    }
}
