package venti.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import venti.core.Score;
import venti.store.disk.BloomHeader;
import venti.store.disk.Location;

/**
 * The bloom filter: a bitmap that says for certain when a score is <em>not</em> stored, so
 * a write of a new block and a read of a missing one skip the index on disk.
 *
 * <p>Design. The bitmap is the whole filter partition from offset 0, {@code size} bytes;
 * the 16-byte header shares its first bytes, and hash positions below bit 128 are moved up
 * to bit 128 (a position can still wrap into the header bits, as in the C server). Each
 * score sets {@code nhash} bits. Two 32-bit values come from the score: {@code a} is the
 * XOR of its bytes 4..7 and 12..15, {@code b} of bytes 8..11 and 16..19, each read as a
 * little-endian word; hash i is {@code a + i*b} (mod 2^32). Bit n of the bitmap is bit
 * {@code n & 7} (least significant first) of byte {@code n >> 3}. All of this is what the C
 * server does on a little-endian machine, where every known venti runs; a filter written on
 * a big-endian one would have its words byte-swapped.
 *
 * <p>A hash position that wraps into the header's bits is skipped, both when marking and when
 * testing: the C server sets such bits and then loses them when it writes the header over
 * them, which makes its filter deny a few stored scores; skipping them costs a hair of
 * precision and never denies a stored score.
 *
 * <p>The bitmap is held in memory as little-endian 32-bit words. Marks note which
 * {@link #WRITE_CHUNK}-byte chunks changed, and {@link #write} puts only those on disk.
 * Thread-safety: tests and marks are lock-free (marks use an atomic OR), so any number of
 * threads may use the filter at once; writes must not overlap one another, and
 * {@link BloomMarker}'s marks, for filters being built, must not overlap other marks or tests. A filter whose
 * bitmap is not loaded answers "maybe" for every score, as the C server's does.
 */
public final class Bloom {

    /** Bits at the start of the bitmap that hold the header. */
    static final int HEADER_BITS = BloomHeader.SIZE * 8;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int LOAD_CHUNK = 1 << 20;
    /** Bytes of bitmap written back as one piece when any bit in it changed. */
    static final int WRITE_CHUNK = 64 * 1024;

    private final Part part;
    private final BloomHeader header;
    private final long bitMask;
    private volatile int[] words;
    private final AtomicLongArray dirty;
    /** Bits set in the bitmap in memory, past the header. */
    private final LongAdder ones = new LongAdder();
    /** Where {@link #markAll} leaves the words it reads ahead, so that no compiler drops the reads. */
    private int readAhead;

    private Bloom(Part part, BloomHeader header, int[] words) {
        this.part = part;
        this.header = header;
        this.bitMask = header.size() * 8 - 1;
        this.words = words;
        this.dirty = new AtomicLongArray((int) ((header.size() / WRITE_CHUNK + 64) / 64));
    }

    /** Opens the filter on {@code part}, reading only its header. */
    public static Bloom open(Part part) throws IOException {
        Location where = new Location(part.name(), 0);
        if (part.size() < BloomHeader.SIZE) {
            throw new IOException(part.name() + " is too small to be a bloom filter: " + part.size() + " bytes");
        }
        BloomHeader h = BloomHeader.unpack(part.read(0, BloomHeader.SIZE), 0, where);
        if (h.size() > part.size()) {
            throw where.corrupt("bloom filter of " + h.size() + " bytes does not fit in its partition of " + part.size());
        }
        return new Bloom(part, h, null);
    }

    /** Reads the bitmap into memory, so the filter starts answering. */
    public void load() throws IOException {
        int[] w = new int[(int) (header.size() / 4)];
        IntBuffer dst = IntBuffer.wrap(w);
        for (long off = 0; off < header.size(); off += LOAD_CHUNK) {
            ByteBuffer b = part.read(off, (int) Math.min(LOAD_CHUNK, header.size() - off));
            dst.put(b.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer());
        }
        long n = 0;
        for (int i = HEADER_BITS >>> 5; i < w.length; i++) {
            n += Integer.bitCount(w[i]);
        }
        ones.add(n);
        words = w;
    }

    /**
     * Formats {@code part} as an empty filter of {@code size} bytes with {@code nhash}
     * hashes per score (the C {@code writebloom} of a zeroed bitmap).
     */
    public static Bloom format(Part part, long size, int nhash) throws IOException {
        BloomHeader h = new BloomHeader(nhash, size);
        if (size > part.size()) {
            throw new IOException("bloom filter of " + size + " bytes does not fit in " + part.name());
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(LOAD_CHUNK, size));
        h.pack(b, 0);
        for (long off = 0; off < size; off += b.capacity()) {
            part.write(off, b.clear());
            b.put(0, new byte[BloomHeader.SIZE]);
        }
        part.force();
        return new Bloom(part, h, new int[(int) (size / 4)]);
    }

    public Part part() {
        return part;
    }

    public BloomHeader header() {
        return header;
    }

    public boolean isLoaded() {
        return words != null;
    }

    /** False only when {@code score} is certainly not in the filter. */
    public boolean mayContain(Score score) {
        int[] w = words;
        if (w == null) {
            return true;
        }
        int a = a(score);
        int b = b(score);
        for (int i = 0; i < header.nhash(); i++, a += b) {
            long bit = position(a) & bitMask;
            if (bit >= HEADER_BITS && ((int) WORDS.getAcquire(w, (int) (bit >>> 5)) & (1 << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sets the bits of {@code score} in memory; returns how many were newly set. */
    public int mark(Score score) {
        int[] w = words;
        if (w == null) {
            throw new IllegalStateException("bloom filter " + part.name() + " is not loaded");
        }
        int a = a(score);
        int b = b(score);
        int fresh = 0;
        for (int i = 0; i < header.nhash(); i++, a += b) {
            long bit = position(a) & bitMask;
            if (bit < HEADER_BITS) {
                continue;
            }
            int mask = 1 << bit;
            if (((int) WORDS.getAndBitwiseOrRelease(w, (int) (bit >>> 5), mask) & mask) == 0) {
                fresh++;
                long chunk = (bit >>> 3) / WRITE_CHUNK;
                dirty.getAndAccumulate((int) (chunk >>> 6), 1L << chunk, (x, y) -> x | y);
            }
        }
        ones.add(fresh);
        return fresh;
    }

    /** Bits set in the bitmap in memory, past the header (the C {@code bloomones}); 0 until loaded. */
    public long ones() {
        return ones.sum();
    }

    /** Bits in the bitmap past the header, which scores may set (the C {@code bloombits}). */
    public long bits() {
        return header.size() * 8 - HEADER_BITS;
    }

    /**
     * The two 32-bit values the hashes of the score packed at {@code at} of {@code score}
     * come from, {@code a} in the high half: what {@link BloomMarker} is handed, 8 bytes a
     * score instead of the score itself.
     */
    public static long hashes(byte[] score, int at) {
        return (long) (le32(score, at + 4) ^ le32(score, at + 12)) << 32
                | Integer.toUnsignedLong(le32(score, at + 8) ^ le32(score, at + 16));
    }

    /** Positions of the bitmap's bits in one {@link #markAll} region: 512 KiB of bitmap, which stays in cache. */
    private static final int REGION_BITS = 22;

    /**
     * Sets the bits of {@code n} scores given by their {@link #hashes}, as {@link #mark} does,
     * with plain writes, for {@link BloomMarker}. Setting random bits of a bitmap far larger
     * than the caches waits for a miss, of the cache and of the TLB, per bit; so the bit
     * positions are first placed by region into {@code scratch}, which holds a fixed share
     * for each region, and then set region by region, each read first one word per cache
     * line in order, which the hardware prefetcher streams in, so the random sets find it in
     * the cache. A region whose share fills is set there and then. Must not overlap other
     * marks or tests.
     *
     * @param scratch {@link #markScratch} sized
     */
    void markAll(long[] hashes, int n, int[] scratch) {
        int[] w = words;
        if (w == null) {
            throw new IllegalStateException("bloom filter " + part.name() + " is not loaded");
        }
        int nhash = header.nhash();
        int regions = regions();
        int room = scratch.length / regions;
        int[] next = new int[regions];
        for (int r = 0; r < regions; r++) {
            next[r] = r * room;
        }
        int regionMask = (1 << REGION_BITS) - 1;
        long fresh = 0;
        for (int s = 0; s < n; s++) {
            int a = (int) (hashes[s] >>> 32);
            int b = (int) hashes[s];
            for (int i = 0; i < nhash; i++, a += b) {
                long bit = position(a) & bitMask;
                if (bit >= HEADER_BITS) {
                    int r = (int) (bit >>> REGION_BITS);
                    int j = next[r];
                    scratch[j++] = (int) bit & regionMask;
                    if (j == (r + 1) * room) {
                        fresh += setRegion(w, r, scratch, r * room, j);
                        j = r * room;
                    }
                    next[r] = j;
                }
            }
        }
        for (int r = 0; r < regions; r++) {
            fresh += setRegion(w, r, scratch, r * room, next[r]);
        }
        ones.add(fresh);
    }

    /** Scratch for {@link #markAll} of {@code positions} bit positions: each region's share, with room for chance. */
    int[] markScratch(int positions) {
        int perRegion = positions / regions();
        return new int[regions() * (perRegion + 4 * (int) Math.sqrt(perRegion) + 64)];
    }

    private int regions() {
        return (int) (bitMask >>> REGION_BITS) + 1;
    }

    /** Sets the bits of region {@code r} at {@code scratch[from, to)}; returns how many were newly set. */
    private int setRegion(int[] w, int r, int[] scratch, int from, int to) {
        if (from == to) {
            return 0;
        }
        int base = r << (REGION_BITS - 5);
        int end = Math.min(w.length, base + (1 << (REGION_BITS - 5)));
        int touched = 0;
        for (int k = base; k < end; k += 16) {
            touched |= w[k];
        }
        readAhead = touched;
        int fresh = 0;
        for (int j = from; j < to; j++) {
            int bit = scratch[j];
            int k = base + (bit >>> 5);
            int old = w[k];
            w[k] = old | 1 << bit;
            fresh += ~old >>> bit & 1;
        }
        long first = ((long) r << REGION_BITS >>> 3) / WRITE_CHUNK;
        long last = Math.min(((long) (r + 1) << REGION_BITS >>> 3) - 1, header.size() - 1) / WRITE_CHUNK;
        for (long c = first; c <= last; c++) {
            dirty.getAndAccumulate((int) (c >>> 6), 1L << c, (x, y) -> x | y);
        }
        return fresh;
    }

    /** An empty filter of the same size and hashes on the same partition, held in memory only until written. */
    public Bloom blank() {
        return new Bloom(part, header, new int[(int) (header.size() / 4)]);
    }

    /**
     * How a filter's bits differ from the correct filter's, the header's bits left out.
     *
     * @param spurious bits set in the filter but not in the correct one (harmless: more "maybe" answers)
     * @param missing  bits set in the correct filter but not in the filter (a stored score it would deny)
     */
    public record Difference(long spurious, long missing) {

        public boolean none() {
            return spurious == 0 && missing == 0;
        }
    }

    /**
     * How the bitmap on the partition differs from this one, the correct one. The partition
     * is read a chunk at a time into one buffer, so the filter on disk needs no second
     * bitmap in memory, and a chunk equal to this one's (the common case) is passed over
     * with one vectorised comparison.
     */
    public Difference differenceOnDisk() throws IOException {
        int[] correct = words;
        if (correct == null) {
            throw new IllegalStateException("bloom filter " + part.name() + " is not loaded");
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(LOAD_CHUNK, header.size()));
        int[] disk = new int[b.capacity() / 4];
        long spurious = 0;
        long missing = 0;
        for (long off = 0; off < header.size(); off += b.capacity()) {
            int n = (int) Math.min(b.capacity(), header.size() - off) / 4;
            part.read(off, b.clear().limit(n * 4));
            b.flip().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(disk, 0, n);
            int base = (int) (off / 4);
            int from = off == 0 ? HEADER_BITS / 32 : 0;
            if (Arrays.equals(disk, from, n, correct, base + from, base + n)) {
                continue;
            }
            for (int i = from; i < n; i++) {
                spurious += Integer.bitCount(disk[i] & ~correct[base + i]);
                missing += Integer.bitCount(correct[base + i] & ~disk[i]);
            }
        }
        return new Difference(spurious, missing);
    }

    /** Writes the whole bitmap and header, changed or not. */
    public long writeAll() throws IOException {
        for (int i = 0; i < dirty.length(); i++) {
            dirty.set(i, -1L);
        }
        return write();
    }

    /**
     * Writes the chunks of the bitmap that changed since the last write, the header in
     * front, and forces them to disk (the C {@code writebloom}, which writes it all).
     *
     * @return bytes written
     */
    public long write() throws IOException {
        int[] w = words;
        if (w == null) {
            return 0;
        }
        long written = 0;
        ByteBuffer b = ByteBuffer.allocate(WRITE_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < dirty.length(); i++) {
            long bits = dirty.getAndSet(i, 0);
            while (bits != 0) {
                long chunk = (long) i * 64 + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                long off = chunk * WRITE_CHUNK;
                if (off >= header.size()) {
                    break;
                }
                int n = (int) Math.min(WRITE_CHUNK, header.size() - off);
                b.clear();
                b.asIntBuffer().put(w, (int) (off / 4), n / 4);
                if (off == 0) {
                    header.pack(b.order(ByteOrder.BIG_ENDIAN), 0);
                    b.order(ByteOrder.LITTLE_ENDIAN);
                }
                part.write(off, b.limit(n));
                written += n;
            }
        }
        if (written > 0) {
            part.force();
        }
        return written;
    }

    private static long position(int h) {
        long v = Integer.toUnsignedLong(h);
        return v < HEADER_BITS ? HEADER_BITS : v;
    }

    private static int a(Score s) {
        return le32(s, 4) ^ le32(s, 12);
    }

    private static int b(Score s) {
        return le32(s, 8) ^ le32(s, 16);
    }

    private static int le32(Score s, int i) {
        return Integer.reverseBytes(s.getInt(i));
    }

    private static int le32(byte[] b, int i) {
        return b[i] & 0xff | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
