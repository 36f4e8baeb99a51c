package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import venti.core.Score;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.disk.Bucket;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * Rebuilds every bucket of one index section from a stream of index entries, in bounded
 * memory, using the section's own bucket area as scratch space: buildindex's passes.
 *
 * <p>Design. The section's buckets are cut into <em>groups</em> of consecutive buckets, and
 * the disk area of a group's buckets is the scratch space for that group's entries, written
 * in <em>units</em> (64 KiB to 4 MiB) packed 38 bytes apiece from the area's start. Packed
 * without bucket headers, a group's entries take less room than in the buckets they will
 * fill (the last unit aside), so entries that overflow a group's area would overflow its
 * buckets too: the index is too small, and the rebuild says so.
 * <ol>
 * <li>Spray: each entry goes into its group's unit buffer; a full buffer is written to the
 * group's next unit.
 * <li>Split, only for a group too large to sort in memory (or always, with {@code dumb}):
 * the group is split in place into sub-groups over sub-ranges of its buckets. Entries read
 * from the group's units wait in a pool, one list per sub-group; when the pool is nearly
 * full, some sub-group has a whole unit of entries and that unit is written to the
 * sub-group's next unit, after reading what that unit still holds when the sub-group's
 * writes have caught up with its reads, so nothing is overwritten before it was read.
 * Sub-groups still too large are split again.
 * <li>Sort: a group small enough is read whole into memory, its entries counted out into
 * buckets, each bucket sorted, and every bucket of the group written once, whole, empty
 * ones included, in runs of consecutive blocks; the scratch data under them was read first.
 * </ol>
 * Two entries for one score and type (a block logged twice) keep the one at the higher
 * index address.
 *
 * <p>Memory: the unit buffers of pass 1, the pool of pass 2 and the group in pass 3 each
 * stay within {@code budget} bytes; nothing grows with the number of entries.
 *
 * <p>Not thread-safe: one thread feeds and finishes one section.
 */
final class SectionRebuild {

    static final int MIN_UNIT = 64 * 1024;
    static final int MAX_UNIT = 4 * 1024 * 1024;
    /**
     * Least memory a section can be rebuilt in: pass 2 needs room for a pool of three units
     * besides its read and write buffers, and units are at most an eighth of the memory.
     */
    static final long MIN_MEMORY = 8L * MIN_UNIT;
    /** Bytes of memory one entry takes while a group is sorted: the entry and its slot in the bucket order. */
    static final int SORT_COST = IndexEntry.SIZE + 4;
    /** Bytes one entry takes in the pass 2 pool: the entry and its link. */
    private static final int POOL_COST = IndexEntry.SIZE + 4;
    /** Most memory one section uses, whatever it is given: a sorted group must fit in one array. */
    static final long MAX_BUDGET = 1L << 30;
    /** Largest run of buckets written as one piece. */
    private static final int MAX_RUN = 1 << 20;
    /** Bytes of buckets written between background forces. */
    private static final long FORCE_EVERY = 32L << 20;
    /** Entries of a bucket above which {@link #prefixKeys} are not used: their indices take 16 bits. */
    private static final int PREFIX_KEY_ENTRIES = 1 << 16;

    private final Index index;
    private final IndexSection section;
    private final long budget;
    private final boolean dumb;
    private final int bs;
    private final int magic;
    private final long start;
    private final long areaBase;
    private final int unit;
    private final int unitEntries;
    private final int run;
    private final Region[] groups;
    /** A block of zeros, copied over the unused tail of each bucket (the C1 compiler does not vectorise a fill). */
    private final byte[] zeros;
    private final byte[][] buffers;
    /** One bucket's entries while they are sorted, grown to the largest bucket. */
    private ByteBuffer local = ByteBuffer.allocate(0);
    /** {@link #prefixKeys} of {@link #local}'s entries. */
    private long[] keys = new long[0];
    private final int[] filled;
    /** Pass 3's buckets go to disk while later ones are sorted: forcing them all at the end took 0.2 s a million entries. */
    private final BackgroundForce forcer;
    private final long groupBuckets;
    private long sorted;

    /**
     * Plans the rebuild of {@code section} for about {@code expected} entries within
     * {@code budget} bytes, and prints the plan as the C tool does.
     *
     * @throws StoreException when {@code budget} is too small to rebuild any section
     */
    SectionRebuild(Index index, IndexSection section, long expected, long memory, boolean dumb, PrintWriter err) {
        this.index = index;
        this.section = section;
        this.budget = Math.min(memory, MAX_BUDGET);
        this.dumb = dumb;
        IndexSectionHeader h = section.header();
        this.bs = h.blockSize();
        this.zeros = new byte[bs];
        this.forcer = new BackgroundForce(section.part(), FORCE_EVERY);
        this.magic = h.bucketMagic();
        this.start = h.start();
        this.areaBase = h.blockBase();
        long buckets = h.stop() - h.start();
        if (budget < MIN_MEMORY) {
            throw new StoreException(Severity.ADMIN, "not enough memory to rebuild index section " + section.name()
                    + ": " + budget + " bytes, need at least " + MIN_MEMORY + " (raise -M)");
        }
        long wanted = Math.max(1, (expected * SORT_COST * 2 + budget - 1) / budget);
        long n = Math.max(1, Math.min(Math.min(wanted, budget / 2 / MIN_UNIT), buckets));
        int u = MIN_UNIT;
        while (u < MAX_UNIT && 2L * u * Math.max(8, 4 * n) <= budget) {
            u *= 2;
        }
        this.unit = u;
        this.unitEntries = u / IndexEntry.SIZE;
        this.run = (int) Math.max(bs, Layout.roundDown(Math.min(MAX_RUN, budget / 16), bs));
        this.groupBuckets = (buckets + n - 1) / n;
        int ngroups = (int) ((buckets + groupBuckets - 1) / groupBuckets);
        this.groups = new Region[ngroups];
        this.buffers = new byte[ngroups][];
        this.filled = new int[ngroups];
        for (int g = 0; g < ngroups; g++) {
            groups[g] = new Region(start + g * groupBuckets, Math.min(start + (g + 1) * groupBuckets, h.stop()));
        }
        err.printf(Locale.ROOT, "%s %s: %,d buckets, %,d groups, %,d minigroups, %,d buffer\n", ToolOutput.stamp(),
                section.part().name(), buckets, ngroups, dumb ? 2 : 1, unit);
    }

    /** Pass 1: adds the packed entry at {@code off} of {@code b}, which must belong in this section. */
    void add(ByteBuffer b, int off) throws IOException {
        long bucket = index.bucketOfHash(b.getInt(off + IndexEntry.SCORE_OFFSET));
        int g = (int) ((bucket - start) / groupBuckets);
        Region r = groups[g];
        byte[] buf = buffers[g];
        if (buf == null) {
            buf = buffers[g] = new byte[unit];
        }
        int u = r.units;
        if (filled[g] == 0 && u >= r.unitCount()) {
            throw r.overflow();
        }
        b.get(off, buf, filled[g] * IndexEntry.SIZE, IndexEntry.SIZE);
        r.entries++;
        if (++filled[g] == r.unitEntries(u)) {
            section.part().write(r.unitOffset(u), ByteBuffer.wrap(buf, 0, filled[g] * IndexEntry.SIZE));
            r.units++;
            filled[g] = 0;
        }
    }

    /** The name of the section's partition. */
    String name() {
        return section.part().name();
    }

    /**
     * Passes 2 and 3: writes every bucket of the section, telling {@code meter} of each;
     * returns the entries written.
     */
    long finish(Progress.Meter meter) throws IOException {
        for (int g = 0; g < groups.length; g++) {
            Region r = groups[g];
            if (filled[g] > 0) {
                section.part().write(r.unitOffset(r.units), ByteBuffer.wrap(buffers[g], 0, filled[g] * IndexEntry.SIZE));
                r.units++;
            }
            buffers[g] = null;
        }
        for (Region r : groups) {
            build(r, dumb, meter);
        }
        forcer.finish();
        return sorted;
    }

    private void build(Region r, boolean forceSplit, Progress.Meter meter) throws IOException {
        if (!forceSplit && r.sortCost() <= budget || r.unitCount() < 2) {
            if (r.sortCost() > budget) {
                throw new StoreException(Severity.ADMIN, "not enough memory to sort buckets [" + r.first + ","
                        + r.end + ") of index section " + section.name() + ": " + r.entries + " entries (raise -M)");
            }
            sort(r, meter);
            return;
        }
        for (Region sub : split(r)) {
            build(sub, false, meter);
        }
    }

    /** Pass 2: moves the entries of {@code r} into sub-regions of its own area; returns them. */
    private List<Region> split(Region r) throws IOException {
        long poolRoom = (budget - 2L * unit) / ((long) unitEntries * POOL_COST);
        long want = Math.max(2, 2 * ((r.sortCost() + budget - 1) / budget));
        long k = Math.min(Math.min(want, poolRoom - 1), r.unitCount());
        if (k < 2) {
            throw new StoreException(Severity.ADMIN, "not enough memory to split buckets [" + r.first + "," + r.end
                    + ") of index section " + section.name() + " (raise -M)");
        }
        return new Split(r, (int) k).run();
    }

    /** One in-place split of a region into sub-regions. */
    private final class Split {
        final Region parent;
        final long per;
        final List<Region> subs = new ArrayList<>();
        final long[] left;
        final int[] readUnit;
        final Pool pool;
        final ByteBuffer rbuf = ByteBuffer.allocate(unit);
        final ByteBuffer wbuf = ByteBuffer.allocate(unit);

        Split(Region parent, int k) {
            this.parent = parent;
            long unitBuckets = unit / bs;
            long p = (parent.end - parent.first + k - 1) / k;
            this.per = (p + unitBuckets - 1) / unitBuckets * unitBuckets;
            for (long b = parent.first; b < parent.end; b += per) {
                subs.add(new Region(b, Math.min(b + per, parent.end)));
            }
            left = new long[subs.size()];
            readUnit = new int[subs.size()];
            for (int j = 0; j < subs.size(); j++) {
                Region s = subs.get(j);
                long firstUnit = (s.first - parent.first) / unitBuckets;
                left[j] = Math.max(0, Math.min(parent.entries - firstUnit * unitEntries, s.capacity()));
            }
            pool = new Pool(subs.size() + 1, subs.size());
        }

        List<Region> run() throws IOException {
            for (int j = 0; j < subs.size(); j++) {
                while (left[j] > 0) {
                    if (pool.free < unitEntries) {
                        flush(pool.whole(subs));
                    } else {
                        load(j);
                    }
                }
            }
            for (int x = 0; x < subs.size(); x++) {
                while (pool.count[x] > 0) {
                    flush(x);
                }
            }
            return subs;
        }

        /** Writes one unit's worth of the pooled entries of sub-region {@code x} to its next unit. */
        private void flush(int x) throws IOException {
            Region s = subs.get(x);
            int u = s.units;
            if (u >= s.unitCount()) {
                throw s.overflow();
            }
            int n = pool.take(x, s.unitEntries(u), wbuf.array());
            if (left[x] > 0 && readUnit[x] == u) {
                load(x);
            }
            section.part().write(s.unitOffset(u), wbuf.clear().limit(n * IndexEntry.SIZE));
            s.units++;
            s.entries += n;
        }

        /** Reads the next unread unit of sub-region {@code j} into the pool. */
        private void load(int j) throws IOException {
            Region s = subs.get(j);
            int u = readUnit[j]++;
            int n = (int) Math.min(left[j], s.unitEntries(u));
            section.part().read(s.unitOffset(u), rbuf.clear().limit(n * IndexEntry.SIZE));
            for (int i = 0; i < n; i++) {
                int off = i * IndexEntry.SIZE;
                long bucket = index.bucketOfHash(rbuf.getInt(off + IndexEntry.SCORE_OFFSET));
                if (bucket < parent.first || bucket >= parent.end) {
                    throw new CorruptException(new Location(section.part().name(), s.unitOffset(u) + off),
                            "buildindex scratch entry for bucket " + bucket + " found among buckets [" + parent.first
                                    + "," + parent.end + "): was the section written during the rebuild?");
                }
                pool.put(rbuf, off, (int) ((bucket - parent.first) / per));
            }
            left[j] -= n;
        }
    }

    /** Pass 3: reads the entries of {@code r} and writes all its buckets, whole. */
    private void sort(Region r, Progress.Meter meter) throws IOException {
        int n = Math.toIntExact(r.entries);
        ByteBuffer data = ByteBuffer.allocate(n * IndexEntry.SIZE);
        for (int u = 0, at = 0; at < n; u++) {
            int k = Math.min(n - at, r.unitEntries(u));
            section.part().read(r.unitOffset(u), data.limit((at + k) * IndexEntry.SIZE).position(at * IndexEntry.SIZE));
            at += k;
        }
        data.clear();
        int buckets = (int) (r.end - r.first);
        int[] first = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            first[bucketIn(r, data, i) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            first[b + 1] += first[b];
        }
        int[] order = new int[n];
        int[] next = first.clone();
        for (int i = 0; i < n; i++) {
            order[next[bucketIn(r, data, i)]++] = i;
        }
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(run, (long) buckets * bs));
        int per = out.capacity() / bs;
        for (int b0 = 0; b0 < buckets; b0 += per) {
            int nb = Math.min(per, buckets - b0);
            for (int b = b0; b < b0 + nb; b++) {
                packBucket(r.first + b, data, order, first[b], first[b + 1], out, (b - b0) * bs);
            }
            section.part().write(section.bucketOffset(r.first + b0), out.clear().limit(nb * bs));
            forcer.wrote((long) nb * bs);
            meter.step(nb);
        }
    }

    private int bucketIn(Region r, ByteBuffer data, int i) {
        return (int) (index.bucketOfHash(data.getInt(i * IndexEntry.SIZE + IndexEntry.SCORE_OFFSET)) - r.first);
    }

    /**
     * Packs the whole block of bucket {@code b} at {@code at} of {@code out}: entries
     * {@code order[from, to)} of {@code data}, put in {@link Bucket#ORDER}, the later of two
     * for one score and type dropped. The entries lie in {@code data} in the order they came,
     * so they are first copied together into {@link #local}: a plain copy loop lets their
     * cache misses overlap, where the comparisons would wait for each in turn. Then they are
     * moved as they were packed, never unpacked: a bucket holds a few dozen, so an insertion
     * sort on their indices, comparing them packed, beats sorting objects. Their
     * {@link #prefixKeys} are sorted first, so that it makes about one comparison per entry
     * instead of a quarter of the bucket's.
     */
    private void packBucket(long b, ByteBuffer data, int[] order, int from, int to, ByteBuffer out, int at) {
        if (local.capacity() < (to - from) * IndexEntry.SIZE) {
            local = ByteBuffer.allocate((to - from) * IndexEntry.SIZE);
            keys = new long[to - from];
        }
        byte[] l = local.array();
        for (int i = from; i < to; i++) {
            System.arraycopy(data.array(), order[i] * IndexEntry.SIZE, l, (i - from) * IndexEntry.SIZE, IndexEntry.SIZE);
            order[i] = i - from;
        }
        if (to - from <= PREFIX_KEY_ENTRIES) {
            prefixKeys(l, to - from);
            for (int i = from; i < to; i++) {
                order[i] = (int) keys[i - from] & (PREFIX_KEY_ENTRIES - 1);
            }
        }
        for (int i = from + 1; i < to; i++) {
            int e = order[i];
            int j = i;
            for (; j > from && compare(local, order[j - 1], e) > 0; j--) {
                order[j] = order[j - 1];
            }
            order[j] = e;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (i == from || compareBlock(local, order[i - 1], order[i]) != 0) {
                order[from + n++] = order[i];
            }
        }
        if (n > Bucket.capacity(bs)) {
            throw new StoreException(Severity.ADMIN, "bucket overflow - make index bigger: bucket " + b + " of section "
                    + section.name() + " needs " + n + " entries, holds " + Bucket.capacity(bs));
        }
        byte[] dst = out.array();
        for (int i = 0; i < n; i++) {
            System.arraycopy(l, order[from + i] * IndexEntry.SIZE, dst, at + Bucket.HEADER_SIZE + i * IndexEntry.SIZE,
                    IndexEntry.SIZE);
        }
        int used = Bucket.HEADER_SIZE + n * IndexEntry.SIZE;
        System.arraycopy(zeros, used, dst, at + used, bs - used);
        out.putShort(at + Bucket.COUNT_OFFSET, (short) n);
        out.putInt(at + Bucket.MAGIC_OFFSET, magic);
        sorted += n;
    }

    /**
     * Sorts {@link #keys}{@code [0, n)} made of the first six bytes of the scores of the
     * {@code n} packed entries of {@code l} and their indices below them: longs compare
     * faster than packed entries, and the scores of one bucket rarely share six bytes.
     */
    private void prefixKeys(byte[] l, int n) {
        for (int i = 0; i < n; i++) {
            int e = i * IndexEntry.SIZE + IndexEntry.SCORE_OFFSET;
            long key = (long) Score.top(l, e) << 32 | Integer.toUnsignedLong((l[e + 4] & 0xff) << 24 | (l[e + 5] & 0xff) << 16 | i);
            keys[i] = key ^ Long.MIN_VALUE; // signed order of the keys is unsigned order of the bytes
        }
        for (int i = 1; i < n; i++) {
            long k = keys[i];
            int j = i;
            for (; j > 0 && keys[j - 1] > k; j--) {
                keys[j] = keys[j - 1];
            }
            keys[j] = k;
        }
    }

    /** Bucket order of the packed entries {@code x} and {@code y}, the higher index address first among equals. */
    private static int compare(ByteBuffer data, int x, int y) {
        int c = compareBlock(data, x, y);
        return c != 0 ? c : Long.compare(data.getLong(y * IndexEntry.SIZE + IndexEntry.ADDRESS_OFFSET),
                data.getLong(x * IndexEntry.SIZE + IndexEntry.ADDRESS_OFFSET));
    }

    private static int compareBlock(ByteBuffer data, int x, int y) {
        return Bucket.comparePacked(data.array(), x * IndexEntry.SIZE, data.array(), y * IndexEntry.SIZE);
    }

    /**
     * Buckets {@code [first, end)} of the section and the scratch entries in their area:
     * {@code entries} of them, packed unit after unit from the area's start, every unit
     * full but the last.
     */
    private final class Region {
        final long first;
        final long end;
        long entries;
        int units;

        Region(long first, long end) {
            this.first = first;
            this.end = end;
        }

        long bytes() {
            return (end - first) * bs;
        }

        int unitCount() {
            return (int) ((bytes() + unit - 1) / unit);
        }

        long unitOffset(int u) {
            return areaBase + (first - start) * bs + (long) u * unit;
        }

        int unitEntries(int u) {
            return (int) Math.min(unit, bytes() - (long) u * unit) / IndexEntry.SIZE;
        }

        long capacity() {
            return (long) (unitCount() - 1) * unitEntries + unitEntries(unitCount() - 1);
        }

        long sortCost() {
            return entries * SORT_COST + (end - first + 1) * 4 + run;
        }

        StoreException overflow() {
            return new StoreException(Severity.ADMIN, "index section " + section.name() + ": buckets [" + first + ","
                    + end + ") receive more entries than they hold: the index is too small; make index bigger (fmtisect, fmtindex)");
        }
    }

    /** Pass 2's entries in waiting: packed slots on one free list and one list per sub-region. */
    private final class Pool {
        final byte[] slots;
        final int[] link;
        final int[] head;
        final int[] count;
        int freeHead;
        int free;

        Pool(int units, int lists) {
            int n = units * unitEntries;
            slots = new byte[n * IndexEntry.SIZE];
            link = new int[n];
            for (int i = 0; i < n; i++) {
                link[i] = i + 1;
            }
            link[n - 1] = -1;
            free = n;
            head = new int[lists];
            Arrays.fill(head, -1);
            count = new int[lists];
        }

        void put(ByteBuffer b, int off, int list) {
            int s = freeHead;
            freeHead = link[s];
            free--;
            b.get(off, slots, s * IndexEntry.SIZE, IndexEntry.SIZE);
            link[s] = head[list];
            head[list] = s;
            count[list]++;
        }

        /** Moves up to {@code max} entries of {@code list} into {@code dst}; returns how many. */
        int take(int list, int max, byte[] dst) {
            int n = 0;
            while (n < max && head[list] >= 0) {
                int s = head[list];
                head[list] = link[s];
                System.arraycopy(slots, s * IndexEntry.SIZE, dst, n * IndexEntry.SIZE, IndexEntry.SIZE);
                link[s] = freeHead;
                freeHead = s;
                free++;
                count[list]--;
                n++;
            }
            return n;
        }

        /**
         * A list holding a whole unit for its region's next unit: when fewer than a unit's
         * entries are free, one of the lists must hold one, unless a region ran out of room.
         */
        int whole(List<Region> subs) {
            for (int x = 0; x < count.length; x++) {
                Region s = subs.get(x);
                if (s.units < s.unitCount() && count[x] >= s.unitEntries(s.units)) {
                    return x;
                }
            }
            for (int x = 0; x < count.length; x++) {
                if (count[x] > 0 && subs.get(x).units >= subs.get(x).unitCount()) {
                    throw subs.get(x).overflow();
                }
            }
            throw new IllegalStateException("buildindex pool full without a whole unit to write");
        }
    }
}
