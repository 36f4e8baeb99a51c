package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.Clump;
import venti.store.Part;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.Field;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * fixarenas: finds and repairs damaged arena partition headers, arena heads, trailers,
 * clump directories and the arena map, trusting only the clumps themselves (the C tool,
 * with its messages).
 *
 * <p>Design. Damage must stay local: no byte can make undamaged clumps unreadable. So the
 * geometry is guessed from the many arena heads and trailers rather than read from the one
 * partition header: the most common spacing of heads and of trailers is the arena size, the
 * most common distance from a trailer to the next head the block size, and the most common
 * remainder of the head offsets the arena base (the last arena takes what is left when less
 * than {@link Layout#MIN_ARENA_SIZE} remains, as fmtarenas lays them out). In each arena the
 * clumps are found by walking the data area: a clump counts only when its header is sane and
 * its data hashes to its score. Bytes between good clumps are corrupt: they become clumps
 * marked corrupt (a header of type {@link BlockType#CORRUPT} over the bad bytes, so the log
 * can still be walked and the directory still adds up) with matching directory entries. From
 * the clumps found, the head, the directory, the trailer and its statistics are rebuilt and
 * compared with the disk; each difference is printed and, with {@code fix}, written. A
 * sealed arena stays sealed and gets its score recomputed from the repaired bytes (unless
 * {@code unseal} is asked and it has more than 64 KiB free); an unsealed one with at most
 * 64 KiB free is sealed.
 *
 * <p>Without {@code fix} nothing is written. Not thread-safe; nothing else may use the
 * partition meanwhile.
 */
public final class FixArenas {

    /** Bytes read at a time while walking an arena. */
    private static final int WINDOW = 4 * 1024 * 1024;
    /** Offsets tried for the heads and trailers the geometry is guessed from. */
    private static final int PROBE_STEP = 1024;
    private static final int PROBES = 20;
    /** Table sizes fmtarenas has used, tried when the arena base is not guessed. */
    private static final int[] TABLE_SIZES = {16 * 1024, 64 * 1024, 512 * 1024, 768 * 1024};
    /** An unsealed arena with no more free space than this is sealed. */
    private static final long SEAL_SLACK = 64 * 1024;
    private static final int SECTOR = 512;

    /**
     * How to fix.
     *
     * @param fix       write the repairs
     * @param verbose   1 prints what each arena holds, 2 every clump and directory difference
     * @param arenaSize bytes of each arena, 0 to guess
     * @param blockSize block size, 0 to guess
     * @param baseName  name the arenas {@code baseName} and their number (the single arena of
     *                  a file just {@code baseName}) instead of guessing ({@code -n})
     * @param dumpBase  instead of checking each arena, copy its bytes to the file
     *                  {@code dumpBase.N}, N its number ({@code -x}); null to check
     * @param unseal    unseal a sealed arena with more than 64 KiB free ({@code -U})
     */
    public record Options(boolean fix, int verbose, long arenaSize, int blockSize, String baseName, String dumpBase,
                          boolean unseal) {
    }

    /** A directory entry as it should be, at arena address {@code address}. */
    private record Entry(ClumpInfo info, long address) {
    }

    /** An arena's place in the partition, as fmtarenas lays it out. */
    private record ArenaSpan(long offset, long size) {
    }

    /** Partition bytes {@code [from, to)}. */
    private record Run(long from, long to) {
        long length() {
            return to - from;
        }
    }

    /** The most common of some values, and how many of them it was. */
    private record Mode(long value, int count) {
    }

    private final Part part;
    private final Options options;
    private final PrintWriter out;
    private final long partEnd;
    private long arenaSize;
    private int blockSize;
    private long arenaBase;
    private String lastBase;
    private boolean damaged;

    private FixArenas(Part part, Options options, PrintWriter out) {
        this.part = part;
        this.options = options;
        this.out = out;
        this.partEnd = part.size();
        this.arenaSize = options.arenaSize();
        this.blockSize = options.blockSize();
    }

    /**
     * Checks, and with {@code fix} repairs, the arenas {@code ranges} numbers (all when
     * null) of {@code part}, or the single arena it holds when it starts with an arena head;
     * reports on {@code out}.
     *
     * @return true when nothing was found wrong
     * @throws StoreException when too few intact arenas are left to guess the geometry from
     */
    public static boolean run(Part part, String ranges, Options options, Progress progress, PrintWriter out)
            throws IOException {
        FixArenas f = new FixArenas(part, options, out);
        if (part.size() >= 4 && part.read(0, 4).getInt(0) == ArenaHead.MAGIC) {
            ArenaHead head = ArenaHead.unpack(part.read(0, (int) Math.min(Layout.HEAD_SIZE, part.size())), 0,
                    new Location(part.name(), 0));
            f.blockSize = head.blockSize();
            f.arenaSize = Math.min(head.size(), part.size());
            f.checkArena(0, f.arenaSize, -1);
        } else {
            f.guessGeometry();
            f.checkPartitionHeader();
            List<ArenaSpan> arenas = f.arenas();
            List<Integer> which = ArenaRanges.parse(ranges, arenas.size(), bad -> out.println("bad arena range: " + bad));
            try (Progress.Meter m = progress.start("fixarenas", which.size(), " arenas")) {
                for (int i : which) {
                    f.checkArena(arenas.get(i).offset(), arenas.get(i).size(), i);
                    m.step(1);
                }
            }
            f.checkMap(arenas);
        }
        if (options.fix()) {
            part.force();
        }
        out.flush();
        return !f.damaged;
    }

    /** Finds arena size, block size and arena base from the heads and trailers on disk, unless given. */
    private void guessGeometry() throws IOException {
        if (arenaSize == 0 || blockSize == 0) {
            Probes p = probe();
            arenaSize = guessArenaSize(p);
            blockSize = guessBlockSize(p);
            Layout.checkBlockSize(blockSize, "block size");
            List<Long> bases = new ArrayList<>();
            p.heads().forEach(h -> bases.add(h % arenaSize));
            p.tails().forEach(t -> bases.add((t + blockSize) % arenaSize));
            arenaBase = mostCommon(bases).value();
        }
        Layout.checkBlockSize(blockSize, "block size");
        if (arenaBase == 0) {
            out.println("trying standard arena bases...");
            for (int t : TABLE_SIZES) {
                arenaBase = Layout.roundUp(Layout.PART_BLANK + Layout.HEAD_SIZE + t, blockSize);
                if (isHead(arenaBase)) {
                    break;
                }
            }
        }
        out.printf("arena base likely %s%s\n", size(arenaBase), isHead(arenaBase) ? "" : " (but no arena head there)");
    }

    /** Partition offsets of the first arena heads and trailers found, {@link #PROBES} of each at most. */
    private record Probes(List<Long> heads, List<Long> tails) {
    }

    private Probes probe() throws IOException {
        List<Long> heads = new ArrayList<>();
        List<Long> tails = new ArrayList<>();
        for (long o = Layout.PART_BLANK; o < partEnd && (heads.size() < PROBES || tails.size() < PROBES); o += WINDOW) {
            ByteBuffer b = readDisk(o, (int) Math.min(WINDOW, partEnd - o));
            for (int p = 0; p + 4 <= b.limit(); p += PROBE_STEP) {
                int magic = b.getInt(p);
                if (magic == ArenaHead.MAGIC && heads.size() < PROBES) {
                    heads.add(o + p);
                    verbose(1, String.format("arena head at %#x", o + p));
                } else if (magic == ArenaTrailer.MAGIC && tails.size() < PROBES) {
                    tails.add(o + p);
                    verbose(1, String.format("arena tail at %#x", o + p));
                }
            }
        }
        if (heads.size() < 3 && tails.size() < 3) {
            throw new StoreException(Severity.ADMIN, "too few intact arenas: " + heads.size() + " heads, "
                    + tails.size() + " tails");
        }
        return new Probes(heads, tails);
    }

    /** The most common spacing of heads and of trailers, unless the user gave a size. */
    private long guessArenaSize(Probes p) {
        List<Long> diffs = new ArrayList<>();
        for (List<Long> offsets : List.of(p.heads(), p.tails())) {
            for (int i = 1; i < offsets.size(); i++) {
                diffs.add(offsets.get(i) - offsets.get(i - 1));
            }
        }
        Mode best = mostCommon(diffs);
        out.printf("arena size likely %s (%d of %d)\n", size(best.value()), best.count(), diffs.size());
        if (arenaSize != 0 && arenaSize != best.value()) {
            out.printf("using user-specified size %s instead\n", size(arenaSize));
            return arenaSize;
        }
        return best.value();
    }

    /** The most common distance from a trailer to the end of its arena, unless the user gave a size. */
    private int guessBlockSize(Probes p) {
        List<Long> diffs = new ArrayList<>();
        for (long h : p.heads()) {
            for (long t : p.tails()) {
                if (t >= h && t < h + arenaSize) {
                    diffs.add(h + arenaSize - t);
                }
            }
        }
        if (diffs.size() < 3) {
            throw new StoreException(Severity.ADMIN, "too few intact arenas: " + diffs.size() + " head, tail pairs");
        }
        Mode best = mostCommon(diffs);
        out.printf("block size likely %s (%d of %d)\n", size(best.value()), best.count(), diffs.size());
        if (blockSize != 0 && blockSize != best.value()) {
            out.printf("using user-specified size %s instead\n", size(blockSize));
            return blockSize;
        }
        return (int) best.value();
    }

    private boolean isHead(long offset) throws IOException {
        return readDisk(offset, 4).getInt(0) == ArenaHead.MAGIC;
    }

    /** The most common value and how often it occurs; the smallest of equally common ones. */
    private static Mode mostCommon(List<Long> values) {
        Map<Long, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        long best = 0;
        int n = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > n || e.getValue() == n && e.getKey() < best) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return new Mode(best, n);
    }

    /** Each arena's offset and size, as fmtarenas lays them out. */
    private List<ArenaSpan> arenas() {
        long end = Layout.roundDown(partEnd, blockSize);
        List<ArenaSpan> l = new ArrayList<>();
        for (long o = arenaBase; o < end; ) {
            long limit = o + arenaSize;
            if (limit >= end || end - limit < Layout.MIN_ARENA_SIZE) {
                limit = end;
            }
            l.add(new ArenaSpan(o, limit - o));
            o = limit;
        }
        return l;
    }

    private void checkPartitionHeader() throws IOException {
        ByteBuffer want = ByteBuffer.allocate(Layout.HEAD_SIZE);
        new ArenaPartHeader(ArenaPartHeader.VERSION, blockSize, arenaBase).pack(want, 0);
        ByteBuffer have = readDisk(Layout.PART_BLANK, Layout.HEAD_SIZE);
        if (!want.equals(have)) {
            out.println("on-disk arena part superblock incorrect");
            showDiffs(want, have, Layout.HEAD_SIZE, ArenaPartHeader.FIELDS);
            write(Layout.PART_BLANK, want);
        }
    }

    private void checkArena(long offset, long size, int n) throws IOException {
        out.printf("# arena %d: offset %#x\n", n, offset);
        if (offset >= partEnd) {
            out.println("arena offset out of bounds");
            return;
        }
        if (options.dumpBase() != null) {
            dump(offset, Math.min(size, partEnd - offset), n);
            return;
        }
        int bs = blockSize;
        long tailAt = offset + size - bs;
        ArenaHead oldHead = tryHead(offset);
        ArenaTrailer oldTail = tryTrailer(tailAt);
        int version = oldHead != null ? oldHead.version() : oldTail != null ? oldTail.version() : 0;
        int magic = oldHead != null ? oldHead.clumpMagic() : oldTail != null ? oldTail.clumpMagic() : 0;
        String name = arenaName(n, oldHead, oldTail);
        boolean wasSealed = oldTail != null && oldTail.diskStats().sealed();
        Score before = wasSealed ? Arena.computeScore(part, offset, size, bs) : null;

        Walk w = new Walk(offset + bs, tailAt, magic);
        w.run();
        if (magic == 0) {
            magic = w.magic != 0 ? w.magic : ArenaHead.newClumpMagic(version, new SecureRandom());
        }
        if (version == 0) {
            version = magic == ArenaHead.CLUMP_MAGIC_V4 ? ArenaHead.VERSION4 : ArenaHead.VERSION5;
        }
        long used = w.end - (offset + bs);
        long directoryStart = tailAt - ClumpInfo.directorySize(w.entries.size(), bs);
        boolean roomy = directoryStart - w.end > SEAL_SLACK;
        boolean sealed = wasSealed ? !(roomy && options.unseal()) : !roomy;
        if (wasSealed && !sealed) {
            out.println("unsealing arena");
        }
        verbose(1, String.format("readable clumps: %d; directory entries: %d", w.good, w.entries.size()));
        verbose(1, String.format(Locale.ROOT, "used from %#x to %#x = %,d (%,d unused)", offset + bs, w.end, used,
                directoryStart - w.end));

        fixData(w, magic);
        checkDirectory(name, offset, tailAt, w.entries);
        TailStats stats = statsOf(w.entries, sealed);
        checkHead(offset, new ArenaHead(version, name, bs, size, magic));
        ArenaTrailer tail = new ArenaTrailer(version, name, stats, stats, w.ctime, w.wtime, magic, Score.ZERO);
        if (options.verbose() > 0) {
            out.printf(Locale.ROOT, "#\tversion=%d name=%s blocksize=%d size=%s clumpmagic=%#010x\n", version, name, bs,
                    size(size), magic);
            out.printf(Locale.ROOT, "#\tclumps=%d cclumps=%d used=%,d uncsize=%,d\n", stats.clumps(),
                    stats.compressedClumps(), stats.used(), stats.uncompressedSize());
            out.printf("#\tctime=%s\n#\twtime=%s\n", ToolOutput.ctime(w.ctime), ToolOutput.ctime(w.wtime));
        }
        Score disk = checkTrailer(tailAt, tail);
        checkSeal(new ArenaSpan(offset, size), sealed, before, disk);
    }

    /** The stats of an arena holding {@code entries}. */
    private static TailStats statsOf(List<Entry> entries, boolean sealed) {
        TailStats stats = TailStats.EMPTY;
        for (Entry e : entries) {
            stats = stats.plus(e.info().size(), e.info().uncompressedSize());
        }
        return sealed ? stats.seal() : stats;
    }

    /** Compares the arena head at {@code offset} with {@code head}; shows and writes the differences. */
    private void checkHead(long offset, ArenaHead head) throws IOException {
        ByteBuffer hb = ByteBuffer.allocate(head.blockSize());
        head.pack(hb, 0);
        ByteBuffer oldHb = readDisk(offset, head.blockSize());
        if (!hb.equals(oldHb)) {
            out.println("on-disk arena header incorrect");
            showDiffs(hb, oldHb, head.blockSize(), ArenaHead.fields(head.version()));
            write(offset, hb);
        }
    }

    /**
     * Compares the trailer at {@code tailAt}, all but its score, with {@code tail}; shows and
     * writes the differences. Returns the score on disk.
     */
    private Score checkTrailer(long tailAt, ArenaTrailer tail) throws IOException {
        int bs = blockSize;
        ByteBuffer tb = ByteBuffer.allocate(bs);
        tail.pack(tb, 0, bs);
        ByteBuffer oldTb = readDisk(tailAt, bs);
        if (!tb.slice(0, bs - Score.SIZE).equals(oldTb.slice(0, bs - Score.SIZE))) {
            out.println("on-disk arena tail incorrect");
            showDiffs(tb, oldTb, bs - Score.SIZE, ArenaTrailer.fields(tail.version()));
            write(tailAt, tb.slice(0, bs - Score.SIZE));
        }
        return Score.read(oldTb, bs - Score.SIZE);
    }

    /**
     * Makes the score in the trailer right: zero for an unsealed arena; for a sealed one,
     * reports a score that did not match before the repairs ({@code before}, null when the
     * arena was not sealed) and, when fixing, writes the score of the repaired bytes.
     */
    private void checkSeal(ArenaSpan arena, boolean sealed, Score before, Score disk) throws IOException {
        long scoreAt = arena.offset() + arena.size() - Score.SIZE;
        if (!sealed) {
            if (disk.equals(Score.ZERO)) {
                return;
            }
            out.println("unsealed arena has a score");
            write(scoreAt, ByteBuffer.allocate(Score.SIZE));
            return;
        }
        if (before != null && !disk.equals(before)) {
            out.printf("on-disk arena seal score incorrect\n\tcorrect=%s\n\t   disk=%s\n", before, disk);
            damaged = true;
        }
        if (options.fix()) {
            Score now = Arena.computeScore(part, arena.offset(), arena.size(), blockSize);
            if (!now.equals(disk)) {
                out.printf("%ssealing arena%s: %s\n", before != null ? "re" : "", now.equals(before) ? "" : " after changes",
                        now);
                ByteBuffer sb = ByteBuffer.allocate(Score.SIZE);
                now.writeTo(sb, 0);
                write(scoreAt, sb);
            }
        }
    }

    private ArenaHead tryHead(long offset) throws IOException {
        try {
            return ArenaHead.unpack(readDisk(offset, Layout.HEAD_SIZE), 0, new Location(part.name(), offset));
        } catch (CorruptException e) {
            return null;
        }
    }

    private ArenaTrailer tryTrailer(long offset) throws IOException {
        try {
            return ArenaTrailer.unpack(readDisk(offset, blockSize), 0, blockSize, new Location(part.name(), offset));
        } catch (CorruptException e) {
            return null;
        }
    }

    /**
     * The arena's name: the previous arena's base name with this arena's number, else a head
     * or trailer name that ends in the number.
     */
    private String arenaName(int n, ArenaHead head, ArenaTrailer tail) {
        String number = n < 0 ? "" : Integer.toString(n);
        String name;
        if (options.baseName() != null) {
            name = options.baseName() + number;
        } else if (lastBase != null) {
            name = lastBase + number;
        } else if (head != null && head.name().endsWith(number)) {
            name = head.name();
        } else if (tail != null && tail.name().endsWith(number)) {
            name = tail.name();
        } else {
            throw new StoreException(Severity.ADMIN, "cannot determine base name for arena " + n + "; use -n");
        }
        lastBase = name.substring(0, name.length() - number.length());
        return name;
    }

    /**
     * The clumps of one arena's data area, found by walking it: good clumps, corrupt runs
     * between them, and clumps under another clump magic.
     */
    private final class Walk {
        final long base;
        final long tailAt;
        int magic;
        final List<Entry> entries = new ArrayList<>();
        final List<Run> corrupt = new ArrayList<>();
        final List<Long> foreignMagic = new ArrayList<>();
        long end;
        long good;
        long ctime;
        long wtime;
        private ByteBuffer window = ByteBuffer.allocate(0);
        private long windowAt;

        Walk(long base, long tailAt, int magic) {
            this.base = base;
            this.tailAt = tailAt;
            this.magic = magic;
            this.end = base;
        }

        void run() throws IOException {
            long o = base;
            long badFrom = -1;
            while (o < limit()) {
                ClumpHeader h = clumpAt(o);
                if (h == null) {
                    if (badFrom < 0) {
                        badFrom = o;
                        o += ClumpHeader.SIZE;
                    } else {
                        o++;
                    }
                    continue;
                }
                if (badFrom >= 0) {
                    addCorrupt(badFrom, o);
                    badFrom = -1;
                }
                if (magic == 0) {
                    magic = bytes(o, 4).getInt(0);
                }
                if (bytes(o, 4).getInt(0) != magic) {
                    foreignMagic.add(o);
                }
                if (good == 0) {
                    ctime = h.time();
                }
                wtime = h.time();
                good++;
                entries.add(new Entry(h.info(), o - base));
                verbose(2, String.format("\tclump %d: %d %s at %#x+%#x (%d)", good - 1, h.info().type().value(),
                        h.info().score(), o, h.totalSize(), h.totalSize()));
                o += h.totalSize();
                end = o;
            }
            if (badFrom >= 0 && badFrom < limit() && !allZero(end, (int) Math.min(ClumpHeader.SIZE, limit() - end))) {
                out.printf("garbage after the last clump at %#x\n", end);
                damaged = true;
                write(end, ByteBuffer.allocate(ClumpHeader.END_MARK));
            }
        }

        /** Where clump storage must end: where the directory for the entries so far begins. */
        private long limit() {
            return tailAt - ClumpInfo.directorySize(entries.size(), blockSize);
        }

        /** Covers {@code [from, to)} with clumps marked corrupt, none longer than the largest block. */
        private void addCorrupt(long from, long to) {
            corrupt.add(new Run(from, to));
            for (long o = from; o < to; ) {
                long n = to - o;
                long m = n <= Layout.MAX_LUMP_SIZE + ClumpHeader.SIZE ? n : Layout.MAX_LUMP_SIZE + ClumpHeader.SIZE;
                if (n - m > 0 && n - m < ClumpHeader.SIZE) {
                    m -= ClumpHeader.SIZE;
                }
                int len = (int) (m - ClumpHeader.SIZE);
                entries.add(new Entry(new ClumpInfo(BlockType.CORRUPT, len, len, Score.ZERO), o - base));
                o += m;
            }
        }

        /** The header of a good clump at {@code o}: sane fields and data that hashes to its score; else null. */
        private ClumpHeader clumpAt(long o) throws IOException {
            ByteBuffer b = bytes(o, ClumpHeader.SIZE);
            int m = b.getInt(ClumpHeader.MAGIC_OFFSET);
            if (m == 0 || !plausible(b)) {
                return null;
            }
            ClumpHeader h;
            try {
                h = ClumpHeader.unpack(b, 0, m, new Location(part.name(), o));
            } catch (CorruptException e) {
                return null;
            }
            int size = h.info().size();
            if (o + ClumpHeader.SIZE + size > tailAt) {
                return null;
            }
            try {
                ByteBuffer data = bytes(o + ClumpHeader.SIZE, size);
                byte[] raw = new byte[size];
                data.get(0, raw);
                Clump c = Clump.decode(h, raw, 0, new Location(part.name(), o));
                return c.computeScore().equals(h.info().score()) ? h : null;
            } catch (CorruptException e) {
                return null;
            }
        }

        private boolean plausible(ByteBuffer b) {
            int type = Byte.toUnsignedInt(b.get(ClumpHeader.INFO_OFFSET + ClumpInfo.TYPE_OFFSET));
            int size = Short.toUnsignedInt(b.getShort(ClumpHeader.INFO_OFFSET + ClumpInfo.SIZE_OFFSET));
            int unc = Short.toUnsignedInt(b.getShort(ClumpHeader.INFO_OFFSET + ClumpInfo.UNCSIZE_OFFSET));
            int enc = b.get(ClumpHeader.ENCODING_OFFSET);
            return BlockType.fromDisk(type) != BlockType.CORRUPT && size <= unc && unc <= Layout.MAX_LUMP_SIZE
                    && (enc == ClumpEncoding.NONE.code() && size == unc || enc == ClumpEncoding.WHACK.code() && size < unc);
        }

        private boolean allZero(long o, int n) throws IOException {
            ByteBuffer b = bytes(o, n);
            for (int i = 0; i < n; i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
            return true;
        }

        /** {@code n} bytes at partition offset {@code o}, from a window read a few megabytes at a time. */
        private ByteBuffer bytes(long o, int n) throws IOException {
            if (o < windowAt || o + n > windowAt + window.limit()) {
                windowAt = o;
                window = readDisk(o, Math.max(n, WINDOW));
            }
            return window.slice((int) (o - windowAt), n);
        }
    }

    /**
     * Writes corrupt-clump headers over the corrupt runs not already marked so, and the
     * arena's magic over clumps with another.
     */
    private void fixData(Walk w, int magic) throws IOException {
        for (Run r : w.corrupt) {
            List<ByteBuffer> headers = new ArrayList<>();
            boolean marked = true;
            for (Entry e : w.entries) {
                long at = w.base + e.address();
                if (e.info().type() == BlockType.CORRUPT && at >= r.from() && at < r.to()) {
                    ByteBuffer b = ByteBuffer.allocate(ClumpHeader.SIZE);
                    new ClumpHeader(e.info(), ClumpEncoding.NONE, 0, 0).pack(b, 0, magic);
                    headers.add(b);
                    marked &= b.equals(readDisk(at, ClumpHeader.SIZE));
                }
            }
            if (marked) {
                continue;
            }
            out.printf(Locale.ROOT, "corrupt clump data - %#x+%#x (%,d bytes)\n", r.from(), r.length(), r.length());
            long at = r.from();
            for (ByteBuffer b : headers) {
                write(at, b);
                at += ClumpHeader.SIZE + Short.toUnsignedInt(b.getShort(ClumpHeader.INFO_OFFSET + ClumpInfo.SIZE_OFFSET));
            }
        }
        for (long o : w.foreignMagic) {
            out.printf("clump at %#x has another arena's clump magic\n", o);
            write(o, ByteBuffer.allocate(4).putInt(0, magic));
        }
    }

    private void checkDirectory(String name, long offset, long tailAt, List<Entry> entries) throws IOException {
        int per = ClumpInfo.perBlock(blockSize);
        long blocks = ClumpInfo.directorySize(entries.size(), blockSize) / blockSize;
        int bad = 0;
        for (int k = 0; k < blocks; k++) {
            long at = tailAt - (long) (k + 1) * blockSize;
            ByteBuffer want = ByteBuffer.allocate(blockSize);
            for (int i = k * per; i < Math.min(entries.size(), (k + 1) * per); i++) {
                entries.get(i).info().pack(want, (i - k * per) * ClumpInfo.SIZE);
            }
            ByteBuffer have = readDisk(at, blockSize);
            if (want.equals(have)) {
                continue;
            }
            for (int i = k * per; i < Math.min(entries.size(), (k + 1) * per); i++) {
                int off = (i - k * per) * ClumpInfo.SIZE;
                if (!want.slice(off, ClumpInfo.SIZE).equals(have.slice(off, ClumpInfo.SIZE))) {
                    bad++;
                    if (options.verbose() > 1) {
                        ClumpInfo w = entries.get(i).info();
                        ClumpInfo h = ClumpInfo.unpack(have, off, new Location(part.name(), at + off));
                        out.printf("clumpinfo %d at %#x\n\twant: %d %d %d %s\n\thave: %d %d %d %s\n", i, at + off,
                                w.type().value(), w.size(), w.uncompressedSize(), w.score(),
                                h.type().value(), h.size(), h.uncompressedSize(), h.score());
                    }
                }
            }
            write(at, want);
        }
        if (bad > 0) {
            out.printf("arena %s directory has %d bad or missing entries\n", name, bad);
        }
    }

    /** Rebuilds the arena map from the heads found and compares it with the table on disk. */
    private void checkMap(List<ArenaSpan> arenas) throws IOException {
        List<AMap> map = new ArrayList<>();
        for (ArenaSpan a : arenas) {
            ArenaHead h = tryHead(a.offset());
            if (h != null) {
                map.add(new AMap(h.name(), a.offset(), a.offset() + h.size()));
            }
        }
        AMapTable t = new AMapTable(map);
        long tableBase = Layout.tableBase(blockSize);
        int tableSize = (int) (arenaBase - tableBase);
        byte[] text = t.format().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > tableSize) {
            out.printf("arena partition map too long: need %s bytes have %s\n", size(text.length), size(tableSize));
            return;
        }
        ByteBuffer have = readDisk(tableBase, text.length);
        if (!have.equals(ByteBuffer.wrap(text))) {
            out.println("arena partition map incorrect; rewriting.");
            ByteBuffer b = ByteBuffer.allocate(tableSize);
            t.pack(b, 0, tableSize, "arena");
            write(tableBase, b);
        }
    }

    /** Prints each field that differs, and any stray bytes after the structure (the C {@code showdiffs}). */
    private void showDiffs(ByteBuffer want, ByteBuffer have, int len, List<Field> fields) {
        damaged = true;
        int end = 0;
        for (Field f : fields) {
            end = f.offset() + f.length();
            if (want.slice(f.offset(), f.length()).equals(have.slice(f.offset(), f.length()))) {
                continue;
            }
            String w = value(want, f);
            String h = value(have, f);
            if (f.kind() == Field.Kind.TIME) {
                out.printf("\t%s: correct=%s\n\t\tdisk=%s\n", f.name(), w, h);
            } else {
                out.printf("\t%s: correct=%s disk=%s\n", f.name(), w, h);
            }
        }
        if (end < len && !want.slice(end, len - end).equals(have.slice(end, len - end))) {
            out.println("\tnon-zero data on disk after structure");
        }
    }

    private static String value(ByteBuffer b, Field f) {
        long v = switch (f.length()) {
            case 1 -> Byte.toUnsignedLong(b.get(f.offset()));
            case 4 -> Layout.getU32(b, f.offset());
            case 8 -> b.getLong(f.offset());
            default -> 0;
        };
        return switch (f.kind()) {
            case HEX -> String.format("%#x", v);
            case DEC -> String.format(Locale.ROOT, "%,d", v);
            case SIZE -> size(v);
            case TIME -> ToolOutput.ctime(v);
            case NAME -> Layout.getName(b, f.offset());
        };
    }

    /** A size the simplest way the option parser reads it back: 8K, 1M, 2G. */
    private static String size(long v) {
        if (v == 0) {
            return "0";
        }
        for (String unit : new String[] {"G", "M", "K"}) {
            long m = switch (unit) {
                case "G" -> 1L << 30;
                case "M" -> 1L << 20;
                default -> 1L << 10;
            };
            if (v % m == 0) {
                return v / m + unit;
            }
        }
        return Long.toString(v);
    }

    private void verbose(int level, String line) {
        if (options.verbose() >= level) {
            out.println(line);
        }
    }

    /** Copies the arena's bytes to {@code dumpBase.n}; a failure is reported and the run goes on. */
    private void dump(long offset, long size, int n) throws IOException {
        Path file = Path.of(options.dumpBase() + "." + n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long o = 0; o < size; ) {
                ByteBuffer b = readDisk(offset + o, (int) Math.min(WINDOW, size - o));
                while (b.hasRemaining()) {
                    o += ch.write(b, o);
                }
            }
        } catch (IOException e) {
            out.printf("write %s: %s\n", file, e.getMessage());
        }
    }

    /** Writes a repair, when fixing. */
    private void write(long offset, ByteBuffer b) throws IOException {
        damaged = true;
        if (options.fix()) {
            part.write(offset, b.duplicate().clear().limit(b.limit()));
        }
    }

    /**
     * Reads {@code n} bytes at {@code offset}: bytes past the partition read as 0xfb, and
     * sectors that cannot be read as 0xfd, reported.
     */
    private ByteBuffer readDisk(long offset, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        int have = (int) Math.max(0, Math.min(n, partEnd - offset));
        Arrays.fill(b.array(), have, n, (byte) 0xfb);
        try {
            part.read(offset, b.limit(have));
        } catch (IOException e) {
            for (int s = 0; s < have; s += SECTOR) {
                int k = Math.min(SECTOR, have - s);
                try {
                    part.read(offset + s, b.limit(s + k).position(s));
                } catch (IOException x) {
                    Arrays.fill(b.array(), s, s + k, (byte) 0xfd);
                    out.printf("disk read failed at %#x+%#x\n", offset + s, k);
                }
            }
        }
        return b.clear();
    }
}
