package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.Bloom;
import venti.store.BloomMarker;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.Store;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.Location;

/**
 * checkindex: rebuilds the index the arenas call for and compares it with the index on disk,
 * bucket by bucket, and the bloom filter bit by bit (the C tool, with its messages); with
 * {@code fix}, rewrites every bucket that differs and the bloom filter.
 *
 * <p>Design. Every clump in every arena's directory should have exactly one entry, at its
 * index address, in the bucket its score maps to, and no bucket should hold anything else.
 * The expected entries are gathered from the directories and sorted in memory; when they
 * would not fit in {@code memory} bytes, the buckets are checked in several passes over a
 * range each, reading the directories again for every pass (they are a small fraction of
 * the arenas). The C tool sorts in a scratch partition instead.
 */
public final class CheckIndex {

    private static final int DIRECTORY_BATCH = 4096;
    /** Bytes of buckets read at a time. */
    private static final int RUN = 8 * 1024 * 1024;

    private final Index index;
    private final boolean fix;
    private final PrintWriter err;
    private boolean headed;
    private long extra;
    private long missing;
    private long wrong;
    private long unfixable;

    private CheckIndex(Index index, boolean fix, PrintWriter err) {
        this.index = index;
        this.fix = fix;
        this.err = err;
    }

    /**
     * Checks the index and bloom filter of {@code store}, which must be opened
     * {@link Store.Mode#INSPECT} (or {@link Store.Mode#REPAIR} to fix).
     *
     * @return true when both are correct (or, fixing, were made so)
     */
    public static boolean run(Store store, boolean fix, long memory, PrintWriter err) throws IOException {
        return new CheckIndex(store.index(), fix, err).check(store.bloom().orElse(null), memory);
    }

    private boolean check(Bloom bloom, long memory) throws IOException {
        err.println("checkindex: building entry list");
        err.println("constructing entry list");
        long total = 0;
        for (Arena a : index.arenas()) {
            long n = a.trailer().memStats().clumps();
            if (n == 0) {
                err.print("[" + a.name() + "] ");
            } else {
                err.printf("\tarena %s: %d entries\n", a.name(), n);
            }
            total += n;
        }
        err.printf("sorting %d entries\n", total);
        Bloom correct = bloom == null ? null : bloom.blank();
        long passes = Math.max(1, (total * Expected.COST + memory - 1) / Math.max(1, memory));
        err.printf("checkindex: checking %d entries%s\n", total, passes > 1 ? " in " + passes + " passes" : "");
        long buckets = index.buckets();
        CompletableFuture<Bloom.Difference> bloomDifference = null;
        try (BloomMarker marker = correct == null ? null : new BloomMarker(correct)) {
            for (long p = 0; p < passes; p++) {
                long lo = buckets * p / passes;
                long hi = buckets * (p + 1) / passes;
                Expected expected = expected(lo, hi, marker, (int) Math.min(Integer.MAX_VALUE - 8, total / passes + 1));
                if (marker != null && p == passes - 1) {
                    marker.finish();
                    // read and compare the filter on disk while the buckets are compared
                    bloomDifference = Background.start("checkindex bloom", () -> {
                        marker.close();
                        return correct.differenceOnDisk();
                    });
                }
                expected.sort();
                compare(lo, hi, expected);
            }
        }
        boolean indexOk = extra == 0 && missing == 0 && wrong == 0;
        if (!indexOk) {
            err.printf("checkindex: %d spurious entries, %d missing, %d wrong\n", extra, missing, wrong);
        }
        boolean bloomOk = correct == null || checkBloom(correct, Background.join(bloomDifference));
        boolean ok = (indexOk || fix && unfixable == 0) && bloomOk;
        if (indexOk && bloomOk) {
            err.println("checkindex: index is correct");
        } else if (ok) {
            err.println("checkindex: index fixed");
        }
        err.flush();
        return ok;
    }

    /**
     * The entries one pass expects, packed as in a bucket, and their order. Sorting them as
     * objects chases pointers per comparison; this sorts longs holding each score's first
     * four bytes (which choose its bucket) and the entry's position, and leaves the rest of
     * {@link Bucket#ORDER} to each bucket's few entries: most buckets on disk are byte for
     * byte the expected entries in that order, which is checked without unpacking anything.
     */
    static final class Expected {
        /** Bytes one entry takes: packed, and its sort key. */
        static final int COST = IndexEntry.SIZE + Long.BYTES;
        private static final Location HERE = new Location("checkindex", 0);
        /** Leading bits of the scores that choose a key's bin in {@link #sort}. */
        private static final int BIN_BITS = 16;
        /** Keys in a bin above which it is not sorted by insertion. */
        private static final int SMALL_BIN = 64;

        /** Entries gathered into {@link #window} at a time. */
        private static final int WINDOW = 4096;

        private byte[] packed;
        private byte[] window = new byte[WINDOW * IndexEntry.SIZE];
        private int windowFrom;
        private int windowTo;
        private long[] keys;
        /** Entries per bin of {@link #sort}. */
        private final int[] bins = new int[1 << BIN_BITS];
        private int n;

        Expected(int capacity) {
            packed = new byte[Math.max(1, capacity) * IndexEntry.SIZE];
            keys = new long[Math.max(1, capacity)];
        }

        /** Adds the entry of the clump at index address {@code address} whose directory entry is at {@code info} of {@code dir}. */
        void add(byte[] dir, int info, long address) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                packed = Arrays.copyOf(packed, n * 2 * IndexEntry.SIZE);
            }
            IndexEntry.pack(dir, info, address, packed, n * IndexEntry.SIZE);
            bins[addedTop(n) >>> (Integer.SIZE - BIN_BITS)]++;
            n++;
        }

        /**
         * Puts the entries in order of their scores' first four bytes, which is bucket order:
         * a counting sort on the top {@link #BIN_BITS} bits (counted as the entries came) puts
         * each key in its bin, and the bins' few keys are then sorted in place.
         */
        void sort() {
            int[] next = new int[bins.length];
            for (int i = 1; i < bins.length; i++) {
                next[i] = next[i - 1] + bins[i - 1];
            }
            for (int k = 0; k < n; k++) {
                int top = addedTop(k);
                keys[next[top >>> (Integer.SIZE - BIN_BITS)]++] = (long) (top ^ Integer.MIN_VALUE) << 32 | k;
            }
            for (int i = 0, from = 0; i < bins.length; from = next[i++]) {
                sortBin(from, next[i]);
            }
        }

        /** Sorts {@code keys[from, to)}: by insertion, as a bin holds a few dozen keys unless the scores are skewed. */
        private void sortBin(int from, int to) {
            if (to - from > SMALL_BIN) {
                Arrays.sort(keys, from, to);
                return;
            }
            for (int i = from + 1; i < to; i++) {
                long key = keys[i];
                int j = i;
                for (; j > from && keys[j - 1] > key; j--) {
                    keys[j] = keys[j - 1];
                }
                keys[j] = key;
            }
        }

        /** The first four bytes of the score of the {@code k}th entry added. */
        private int addedTop(int k) {
            return Score.top(packed, k * IndexEntry.SIZE + IndexEntry.SCORE_OFFSET);
        }

        int size() {
            return n;
        }

        /** The first four bytes of the score of the {@code k}th entry in order. */
        int top(int k) {
            return (int) (keys[k] >>> 32) ^ Integer.MIN_VALUE;
        }

        /** Entries {@code [from, to)} in order, in {@link Bucket#ORDER}; equal ones as they were added. */
        List<IndexEntry> inOrder(int from, int to) {
            List<IndexEntry> l = new ArrayList<>(to - from);
            ByteBuffer b = ByteBuffer.wrap(packed);
            for (int k = from; k < to; k++) {
                l.add(IndexEntry.unpack(b, offset(k), HERE));
            }
            l.sort(Bucket.ORDER);
            return l;
        }

        /**
         * True when the packed entries at {@code at} of {@code block} are entries {@code [from, to)}
         * in order, strictly increasing in {@link Bucket#ORDER}; the unused fields aside.
         */
        boolean packedIn(int from, int to, ByteBuffer block, int at) {
            gather(from, to);
            int w = (from - windowFrom) * IndexEntry.SIZE;
            int length = (to - from) * IndexEntry.SIZE;
            return (same(w, block, at, length) || sameUsedFields(from, to, block, at)) && increasing(from, to);
        }

        /** {@link #packedIn} when the unused fields on disk are not all zero, as they are in the window. */
        private boolean sameUsedFields(int from, int to, ByteBuffer block, int at) {
            for (int k = from; k < to; k++, at += IndexEntry.SIZE) {
                int e = (k - windowFrom) * IndexEntry.SIZE;
                if (!same(e, block, at, IndexEntry.WTIME_OFFSET)
                        || !same(e + IndexEntry.ADDRESS_OFFSET, block, at + IndexEntry.ADDRESS_OFFSET,
                        IndexEntry.SIZE - IndexEntry.ADDRESS_OFFSET)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code length} bytes at {@code w} of the window are those at {@code at} of {@code block}. */
        private boolean same(int w, ByteBuffer block, int at, int length) {
            return ByteBuffer.wrap(window, w, length).mismatch(block.slice(at, length)) < 0;
        }

        /**
         * Whether the gathered entries {@code [from, to)} are strictly increasing in
         * {@link Bucket#ORDER}: the keys are sorted by the scores' first four bytes, so only
         * entries that share them need comparing.
         */
        private boolean increasing(int from, int to) {
            for (int k = from + 1; k < to; k++) {
                int e = (k - windowFrom) * IndexEntry.SIZE;
                if (keys[k - 1] >>> 32 == keys[k] >>> 32
                        && Bucket.comparePacked(window, e - IndexEntry.SIZE, window, e) >= 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Copies entries {@code [from, to)} in order, and those after them, into {@link #window}
         * unless it holds them already. The entries lie in {@link #packed} in the order they were
         * added, so reading them in sorted order misses the cache once per entry; a plain copy
         * loop lets those misses overlap, where the comparisons would wait for each in turn.
         */
        private void gather(int from, int to) {
            if (from >= windowFrom && to <= windowTo) {
                return;
            }
            windowFrom = from;
            windowTo = Math.min(n, Math.max(to, from + WINDOW));
            if (window.length < (windowTo - windowFrom) * IndexEntry.SIZE) {
                window = new byte[(windowTo - windowFrom) * IndexEntry.SIZE];
            }
            for (int k = windowFrom; k < windowTo; k++) {
                System.arraycopy(packed, offset(k), window, (k - windowFrom) * IndexEntry.SIZE, IndexEntry.SIZE);
            }
        }

        private int offset(int k) {
            return (int) keys[k] * IndexEntry.SIZE;
        }
    }

    /** The entries the arenas call for in buckets {@code [lo, hi)}; marks every score in {@code bloom}. */
    private Expected expected(long lo, long hi, BloomMarker bloom, int capacity) throws IOException {
        Expected out = new Expected(capacity);
        byte[] directory = new byte[DIRECTORY_BATCH * ClumpInfo.SIZE];
        long[] hashes = new long[DIRECTORY_BATCH];
        List<Arena> arenas = index.arenas();
        for (int i = 0; i < arenas.size(); i++) {
            Arena a = arenas.get(i);
            long address = index.config().arenas().get(i).start();
            long clumps = a.trailer().memStats().clumps();
            for (long c = 0; c < clumps; c += DIRECTORY_BATCH) {
                int n = (int) Math.min(DIRECTORY_BATCH, clumps - c);
                a.readDirectory(c, n, directory);
                int marked = 0;
                for (int at = 0; at < n * ClumpInfo.SIZE; at += ClumpInfo.SIZE) {
                    if (ClumpInfo.type(directory, at) != BlockType.CORRUPT) {
                        long b = index.bucketOfHash(Score.top(directory, at + ClumpInfo.SCORE_OFFSET));
                        if (b >= lo && b < hi) {
                            out.add(directory, at, address);
                            hashes[marked++] = Bloom.hashes(directory, at + ClumpInfo.SCORE_OFFSET);
                        }
                    }
                    address += ClumpHeader.SIZE + ClumpInfo.size(directory, at);
                }
                if (bloom != null) {
                    bloom.mark(hashes, marked);
                }
            }
        }
        return out;
    }

    private void compare(long lo, long hi, Expected expected) throws IOException {
        // direct, so that a read copies the buckets once, not into a direct buffer and then the heap
        ByteBuffer run = ByteBuffer.allocateDirect(RUN);
        int next = 0;
        for (long first = lo; first < hi; ) {
            IndexSection s = index.sectionOf(first);
            int bs = s.header().blockSize();
            long last = Math.min(Math.min(hi, s.header().stop()), first + RUN / bs);
            s.part().read(s.bucketOffset(first), run.clear().limit((int) ((last - first) * bs)));
            run.flip();
            for (long b = first; b < last; b++) {
                int from = next;
                while (next < expected.size() && index.bucketOfHash(expected.top(next)) == b) {
                    next++;
                }
                checkBucket(s, b, run, (int) ((b - first) * bs), expected, from, next);
            }
            first = last;
        }
    }

    private void checkBucket(IndexSection s, long b, ByteBuffer run, int at, Expected expected, int from, int to)
            throws IOException {
        Location where = s.bucketLocation(b);
        if (holds(s, run, at, expected, from, to, where)) {
            return;
        }
        List<IndexEntry> want = expected.inOrder(from, to);
        List<IndexEntry> have;
        boolean same = true;
        try {
            have = Bucket.unpack(run, at, s.header().blockSize(), s.header().bucketMagic(), where).entries();
        } catch (CorruptException e) {
            err.println(e.getMessage());
            have = List.of();
            wrong++;
            same = false;
        }
        int i = 0;
        int j = 0;
        while (i < want.size() || j < have.size()) {
            int c = i == want.size() ? 1 : j == have.size() ? -1 : Bucket.ORDER.compare(want.get(i), have.get(j));
            if (c == 0) {
                if (!want.get(i).equals(have.get(j))) {
                    header(where, same);
                    wrong++;
                    print('<', have.get(j));
                    print('>', want.get(i));
                    same = false;
                }
                i++;
                j++;
            } else if (c > 0) {
                header(where, same);
                extra++;
                print('<', have.get(j++));
                same = false;
            } else {
                header(where, same);
                missing++;
                print('>', want.get(i++));
                same = false;
            }
        }
        if (!same && fix) {
            if (want.size() > Bucket.capacity(s.header().blockSize())) {
                err.printf("bucket %d of %s needs %d entries, more than it holds: the index is too small\n",
                        b, s.name(), want.size());
                unfixable++;
            } else {
                s.writeBucket(b, new Bucket(want));
            }
        }
    }

    /** Whether the bucket at {@code at} of {@code run} holds exactly entries {@code [from, to)}, the common case. */
    private static boolean holds(IndexSection s, ByteBuffer run, int at, Expected expected, int from, int to,
                                 Location where) {
        try {
            return Bucket.count(run, at, s.header().blockSize(), s.header().bucketMagic(), where) == to - from
                    && expected.packedIn(from, to, run, at + Bucket.HEADER_SIZE);
        } catch (CorruptException e) {
            return false; // reported when the bucket is unpacked to list the differences
        }
    }

    /** The lines in front of a bucket's first difference. */
    private void header(Location where, boolean firstInBucket) {
        if (!headed) {
            headed = true;
            err.println("# diff actual correct");
        }
        if (firstInBucket) {
            err.printf("%s block %#x\n", where.file(), where.offset());
        }
    }

    private void print(char c, IndexEntry e) {
        err.printf("%c %s %22d %3d %5d %3d\n", c, e.score(), e.address(), e.type().value(), e.size(), e.blocks());
    }

    private boolean checkBloom(Bloom correct, Bloom.Difference d) throws IOException {
        if (d.none()) {
            err.println("bloom filter: correct");
            return true;
        }
        err.printf("bloom filter: %d spurious bits, %d missing bits\n", d.spurious(), d.missing());
        if (fix) {
            correct.writeAll();
            return true;
        }
        if (d.missing() > 0) {
            err.println("checkbloom: missing bits");
            return false;
        }
        return true;
    }
}
