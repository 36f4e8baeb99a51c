package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Part;
import venti.store.disk.ArenaDigest;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.Layout;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * mirrorarenas: brings a second arena partition up to date with the first, copying only
 * what changed since the last run (the C tool, with its messages).
 *
 * <p>Design. The two partitions must have the same arenas, of the same sizes, in the same
 * places. Arena by arena, what the source's trailer counts in its disk statistics (what its
 * index has caught up with) is compared with what the destination's trailer counts: the
 * clump data from the last block the destination has, the directory blocks it lacks, and
 * for a sealed arena the gap between them, are copied; then the destination's trailer is
 * written. A sealed arena's trailer is copied from the source byte for byte and, unless
 * {@code -s}, the destination's score is computed from what it now holds (copied ranges as
 * they pass, the rest read back) and must equal the source's before it is stored. A sealed
 * arena whose scores already agree is skipped.
 *
 * <p>Crash behaviour: the destination's trailer is written after the data it counts, so an
 * interrupted mirror is finished by the next run.
 */
public final class MirrorArenas {

    /** Bytes copied at a time. */
    private static final int CHUNK = 1 << 20;
    private static final int SEALED = 1;
    private static final int MIRRORED = 2;
    private static final int EMPTY = 4;

    private final Part src;
    private final Part dst;
    private final boolean verify;
    private final int verbose;
    private final PrintWriter out;
    private boolean errors;
    /** The run of arenas with the same status, not yet printed: its status, first and last names. */
    private int runStatus;
    private String runFirst;
    private String runLast;
    /** The heading of the arena being mirrored, printed before its first message. */
    private String heading;

    private MirrorArenas(Part src, Part dst, boolean verify, int verbose, PrintWriter out) {
        this.src = src;
        this.dst = dst;
        this.verify = verify;
        this.verbose = verbose;
        this.out = out;
    }

    /**
     * Mirrors the arenas {@code ranges} numbers (all when null) from {@code src} to {@code dst}.
     *
     * @param verify compute and check the destination's score of each sealed arena (no {@code -s})
     * @param force  copy every arena whole (the C {@code -F})
     * @return false when some arena could not be mirrored
     * @throws StoreException when the partitions' arenas differ in number, version, block size, size or name
     */
    public static boolean run(Part src, Part dst, String ranges, boolean verify, boolean force, int verbose,
                              Progress progress, PrintWriter out) throws IOException {
        ArenaPartition s = ArenaPartition.open(src);
        ArenaPartition d = ArenaPartition.open(dst);
        checkGeometry(s.arenas(), d.arenas());
        MirrorArenas m = new MirrorArenas(src, dst, verify, verbose, out);
        List<Integer> which = ArenaRanges.parse(ranges, s.arenas().size(),
                bad -> m.chat(String.format("%s bad arena range: %s", ToolOutput.stamp(), bad)));
        try (Progress.Meter meter = progress.start("mirror", which.size(), " arenas")) {
            for (int i : which) {
                Arena sa = s.arenas().get(i);
                Arena da = d.arenas().get(i);
                m.heading = String.format(Locale.ROOT, "%s %s (%,d-%,d)", ToolOutput.stamp(), sa.name(), sa.start(),
                        sa.start() + sa.size());
                if (force) {
                    m.copy(sa.start(), sa.start() + sa.size(), "all", null);
                } else {
                    m.mirror(sa, da);
                }
                meter.step(1);
            }
        }
        m.status(-1, null);
        dst.force();
        out.flush();
        return !m.errors;
    }

    private static void checkGeometry(List<Arena> s, List<Arena> d) {
        if (s.size() != d.size()) {
            throw new StoreException(Severity.ADMIN, "arena count mismatch: " + s.size() + " vs " + d.size());
        }
        for (int i = 0; i < s.size(); i++) {
            Arena a = s.get(i);
            Arena b = d.get(i);
            String problem = a.version() != b.version() ? "version mismatch: " + a.version() + " vs " + b.version()
                    : a.blockSize() != b.blockSize() ? "blocksize mismatch: " + a.blockSize() + " vs " + b.blockSize()
                    : a.size() != b.size() ? String.format(Locale.ROOT, "size mismatch: %,d vs %,d", a.dataSize(), b.dataSize())
                    : !a.name().equals(b.name()) ? "name mismatch: " + a.name() + " vs " + b.name()
                    : a.start() != b.start() ? "start mismatch: " + a.start() + " vs " + b.start()
                    : null;
            if (problem != null) {
                throw new StoreException(Severity.ADMIN, "arena " + i + ": " + problem);
            }
        }
    }

    private void mirror(Arena sa, Arena da) throws IOException {
        ArenaTrailer st = sa.trailer();
        ArenaTrailer dt = da.trailer();
        TailStats ss = st.diskStats();
        TailStats ds = dt.diskStats();
        int bs = sa.blockSize();
        long base = sa.dataBase();
        long end = sa.start() + sa.size() - bs;
        String name = sa.name();
        if (ss.sealed() && ds.sealed() && dt.isScored()) {
            if (st.score().equals(dt.score())) {
                status(SEALED | MIRRORED, name);
                if (verbose > 1) {
                    chat(String.format("%s %s: %s sealed mirrored", ToolOutput.stamp(), name, st.score()));
                }
                return;
            }
            chat(String.format("%s %s: warning: sealed score mismatch %s vs %s", ToolOutput.stamp(), name, st.score(), dt.score()));
        }
        if (!ss.sealed() && ds.sealed() && dt.isScored()) {
            chat(String.format("%s %s: dst is sealed, src is not", ToolOutput.stamp(), name));
            errors = true;
            return;
        }
        if (ss.used() < ds.used()) {
            chat(String.format(Locale.ROOT, "%s %s: src used %,d < dst used %,d", ToolOutput.stamp(), name, ss.used(), ds.used()));
            errors = true;
            return;
        }
        ArenaHead head = new ArenaHead(dt.version(), dt.name(), bs, da.size(), st.clumpMagic());
        ByteBuffer hb = ByteBuffer.allocate(bs);
        head.pack(hb, 0);
        if (dt.clumpMagic() != st.clumpMagic()) {
            dt = new ArenaTrailer(dt.version(), dt.name(), dt.diskStats(), dt.memStats(), dt.ctime(), dt.wtime(),
                    st.clumpMagic(), dt.score());
            writeTrailer(da, dt);
        }
        dst.write(sa.start(), hb.duplicate());
        boolean sealed = ss.sealed() && st.isScored();
        ArenaDigest md = sealed && verify ? new ArenaDigest() : null;
        long hashed = base;
        if (md != null) {
            md.update(hb);
        }
        if (ss.used() != ds.used()) {
            long di = base + Layout.roundDown(ds.used(), bs);
            long si = base + Layout.roundUp(ss.used(), bs);
            hashed = hashDst(md, hashed, di);
            copy(di, si, "data", md);
            hashed = si;
        }
        int perBlock = sa.clumpsPerBlock();
        long di = end - ds.clumps() / perBlock * bs;
        long si = end - (ss.clumps() + perBlock - 1) / perBlock * bs;
        if (ss.sealed()) {
            long v = base + Layout.roundUp(ss.used(), bs);
            hashed = hashDst(md, hashed, v);
            copy(v, si, "hole", md);
            hashed = si;
        }
        if (ds.clumps() != ss.clumps()) {
            hashed = hashDst(md, hashed, si);
            copy(si, di, "directory", md);
            hashed = di;
        }
        TailStats now = new TailStats(ss.clumps(), ss.compressedClumps(), ss.used(), ss.uncompressedSize(), false);
        writeTrailer(da, new ArenaTrailer(dt.version(), dt.name(), now, now, st.ctime(), st.wtime(), st.clumpMagic(),
                Score.ZERO));
        if (!sealed) {
            if (ss.used() > 0 || verbose > 1) {
                chat(String.format(Locale.ROOT, "%s %s: %,d used mirrored", ToolOutput.stamp(), name, ss.used()));
            }
            status(ss.used() > 0 ? MIRRORED : EMPTY, name);
            return;
        }
        hashDst(md, hashed, end);
        copy(end, end + bs - Score.SIZE, "tail", md);
        if (md == null) {
            status(MIRRORED, name);
            if (verbose > 1) {
                chat(String.format("%s %s: %s mirrored", ToolOutput.stamp(), name, st.score()));
            }
            writeScore(end + bs - Score.SIZE, st.score());
            return;
        }
        Score got = md.finish();
        if (got.equals(st.score())) {
            status(SEALED | MIRRORED, name);
            if (verbose > 1) {
                chat(String.format("%s %s: %s sealed mirrored", ToolOutput.stamp(), name, st.score()));
            }
            writeScore(end + bs - Score.SIZE, got);
        } else {
            chat(String.format("%s %s: sealing dst: score mismatch: %s vs %s", ToolOutput.stamp(), name, st.score(), got));
            ArenaDigest whole = new ArenaDigest();
            hashRange(dst, sa.start(), end + bs - Score.SIZE, whole);
            chat(String.format("%s   reseal: %s", ToolOutput.stamp(), whole.finish()));
            errors = true;
        }
    }

    private void writeTrailer(Arena da, ArenaTrailer t) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(da.blockSize());
        t.pack(b, 0, da.blockSize());
        dst.write(da.start() + da.size() - da.blockSize(), b);
    }

    private void writeScore(long at, Score s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Score.SIZE);
        s.writeTo(b, 0);
        dst.write(at, b);
    }

    /** Adds the destination's bytes {@code [from, to)} to {@code md}, if hashing; returns {@code to}. */
    private long hashDst(ArenaDigest md, long from, long to) throws IOException {
        if (md != null && from < to) {
            if (verbose > 0) {
                chat(String.format(Locale.ROOT, "%s   sha1 %,d-%,d", ToolOutput.stamp(), from, to));
            }
            hashRange(dst, from, to, md);
        }
        return to;
    }

    private static void hashRange(Part p, long from, long to, ArenaDigest md) throws IOException {
        for (long o = from; o < to; o += CHUNK) {
            md.update(p.read(o, (int) Math.min(CHUNK, to - o)));
        }
    }

    /** Copies {@code [from, to)} from source to destination, adding it to {@code md} if hashing. */
    private void copy(long from, long to, String what, ArenaDigest md) throws IOException {
        if (verbose > 0 && from != to) {
            chat(String.format(Locale.ROOT, "%s   copy %,d-%,d %s", ToolOutput.stamp(), from, to, what));
        }
        for (long o = from; o < to; o += CHUNK) {
            ByteBuffer b = src.read(o, (int) Math.min(CHUNK, to - o));
            if (md != null) {
                md.update(b);
            }
            dst.write(o, b);
        }
    }

    /** Prints a message, after the pending status run and the current arena's heading. */
    private void chat(String line) {
        status(-1, null);
        if (heading != null) {
            out.println(heading);
            heading = null;
        }
        out.println(line);
    }

    /**
     * Notes that arena {@code name} ended with {@code bits}; a run of arenas ending alike
     * is printed as one line when the status changes. {@code -1} ends the run.
     */
    private void status(int bits, String name) {
        if (bits != runStatus) {
            if (runFirst != null) {
                String what = switch (runStatus) {
                    case SEALED -> "sealed";
                    case MIRRORED -> "mirrored";
                    case SEALED | MIRRORED -> "mirrored sealed";
                    case EMPTY -> "empty";
                    default -> Integer.toString(runStatus);
                };
                out.printf("%s %s-%s %s\n", ToolOutput.stamp(), runFirst, runLast, what);
            }
            runStatus = bits;
            runFirst = bits < 0 ? null : name;
        }
        runLast = name;
    }
}
