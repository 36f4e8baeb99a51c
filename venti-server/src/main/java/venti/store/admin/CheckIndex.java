package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.Bloom;
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

    /** Bytes of memory one expected entry takes while sorting. */
    private static final int ENTRY_COST = 128;
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
        Bloom correct = null;
        if (bloom != null) {
            bloom.load();
            correct = bloom.blank();
        }
        long passes = Math.max(1, (total * ENTRY_COST + memory - 1) / Math.max(1, memory));
        err.printf("checkindex: checking %d entries%s\n", total, passes > 1 ? " in " + passes + " passes" : "");
        long buckets = index.buckets();
        for (long p = 0; p < passes; p++) {
            long lo = buckets * p / passes;
            long hi = buckets * (p + 1) / passes;
            List<IndexEntry> expected = expected(lo, hi, correct);
            expected = sortByScore(expected);
            compare(lo, hi, expected);
        }
        boolean indexOk = extra == 0 && missing == 0 && wrong == 0;
        if (!indexOk) {
            err.printf("checkindex: %d spurious entries, %d missing, %d wrong\n", extra, missing, wrong);
        }
        boolean bloomOk = bloom == null || checkBloom(bloom, correct);
        boolean ok = (indexOk || fix && unfixable == 0) && bloomOk;
        if (indexOk && bloomOk) {
            err.println("checkindex: index is correct");
        } else if (ok) {
            err.println("checkindex: index fixed");
        }
        err.flush();
        return ok;
    }

    /** Entries with at most this many bits of position fit beside a score's first 40 bits in a long. */
    private static final int POSITION_BITS = 24;

    /**
     * {@code entries} in {@link Bucket#ORDER}, which is also bucket order (a bucket is a
     * score's first four bytes divided by a constant). Sorting the objects chases three
     * pointers per comparison; this sorts longs holding each score's first 40 bits and the
     * entry's position, and then puts the rare entries whose first 40 bits are equal in order.
     */
    static List<IndexEntry> sortByScore(List<IndexEntry> entries) {
        int n = entries.size();
        if (n >= 1 << POSITION_BITS) {
            List<IndexEntry> sorted = new ArrayList<>(entries);
            sorted.sort(Bucket.ORDER);
            return sorted;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (top40(entries.get(i).score()) << POSITION_BITS | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys);
        IndexEntry[] sorted = new IndexEntry[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = entries.get((int) (keys[i] & ((1 << POSITION_BITS) - 1)));
        }
        for (int i = 1, run = 0; i <= n; i++) {
            if (i == n || top40(sorted[i].score()) != top40(sorted[run].score())) {
                if (i - run > 1) {
                    Arrays.sort(sorted, run, i, Bucket.ORDER);
                }
                run = i;
            }
        }
        return Arrays.asList(sorted);
    }

    private static long top40(Score s) {
        return Integer.toUnsignedLong(s.getInt(0)) << 8 | (s.get(4) & 0xff);
    }

    /** The entries the arenas call for in buckets {@code [lo, hi)}; marks every score in {@code bloom}. */
    private List<IndexEntry> expected(long lo, long hi, Bloom bloom) throws IOException {
        List<IndexEntry> out = new ArrayList<>();
        List<Arena> arenas = index.arenas();
        for (int i = 0; i < arenas.size(); i++) {
            Arena a = arenas.get(i);
            long address = index.config().arenas().get(i).start();
            long clumps = a.trailer().memStats().clumps();
            for (long c = 0; c < clumps; c += DIRECTORY_BATCH) {
                List<Score> scores = new ArrayList<>(DIRECTORY_BATCH);
                for (ClumpInfo ci : a.readClumpInfos(c, (int) Math.min(DIRECTORY_BATCH, clumps - c))) {
                    if (ci.type() != BlockType.CORRUPT) {
                        long b = index.bucketOf(ci.score());
                        if (b >= lo && b < hi) {
                            out.add(new IndexEntry(ci.score(), address, ci.uncompressedSize(), ci.type(),
                                    IndexEntry.blocksFor(ci.size())));
                            scores.add(ci.score());
                        }
                    }
                    address += ClumpHeader.SIZE + ci.size();
                }
                if (bloom != null) {
                    bloom.markAll(scores);
                }
            }
        }
        return out;
    }

    private void compare(long lo, long hi, List<IndexEntry> expected) throws IOException {
        int next = 0;
        for (long first = lo; first < hi; ) {
            IndexSection s = index.sectionOf(first);
            int bs = s.header().blockSize();
            long last = Math.min(Math.min(hi, s.header().stop()), first + RUN / bs);
            ByteBuffer run = s.part().read(s.bucketOffset(first), (int) ((last - first) * bs));
            for (long b = first; b < last; b++) {
                int from = next;
                while (next < expected.size() && index.bucketOf(expected.get(next).score()) == b) {
                    next++;
                }
                checkBucket(s, b, run, (int) ((b - first) * bs), expected.subList(from, next));
            }
            first = last;
        }
    }

    private void checkBucket(IndexSection s, long b, ByteBuffer run, int at, List<IndexEntry> want) throws IOException {
        Location where = s.bucketLocation(b);
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

    private boolean checkBloom(Bloom disk, Bloom correct) throws IOException {
        Bloom.Difference d = disk.compare(correct);
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
