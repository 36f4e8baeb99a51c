package venti.store.admin;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Part;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaDigest;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.CorruptException;
import venti.store.disk.Layout;
import venti.store.disk.Location;

/**
 * verifyarena: recomputes the score of sealed arenas, read front to back as one stream, and
 * compares it with the score their trailer holds (the C tool, with its messages).
 *
 * <p>An arena is read from an arena partition, whose map is read as text so that a damaged
 * arena does not stop the others, or from a stream holding one arena (what rdarena writes).
 * When a sealed arena's score does not match and the arena lies in a partition, its clumps
 * and directory are checked one by one, as {@code checkarenas -a} does, to say where the
 * damage is; damage in free space or in the head shows only in the score.
 */
public final class VerifyArena {

    /** Bytes read at a time when none is asked for (the C {@code MaxIoSize}). */
    public static final int DEFAULT_CHUNK = 64 * 1024;

    /** Reads the next {@code n} bytes of an arena, whole. */
    private interface Source {
        ByteBuffer next(int n) throws IOException;
    }

    private final int chunk;
    private final int sleepMs;
    private final int verbose;
    private final PrintWriter err;

    private VerifyArena(int chunk, int sleepMs, int verbose, PrintWriter err) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("bad block size " + chunk);
        }
        this.chunk = chunk;
        this.sleepMs = sleepMs;
        this.verbose = verbose;
        this.err = err;
    }

    /**
     * Verifies the arenas of the partition {@code part} named in {@code names} (all when empty).
     *
     * @param chunk   bytes read at a time
     * @param sleepMs pause after each read, to leave the disk to a running server
     * @return true when every arena verified (or is not sealed)
     */
    public static boolean partition(Part part, List<String> names, int chunk, int sleepMs, int verbose,
                                    Progress progress, PrintWriter err) throws IOException {
        VerifyArena v = new VerifyArena(chunk, sleepMs, verbose, err);
        ArenaPartHeader h = ArenaPartition.readHeader(part);
        if (verbose > 0) {
            err.printf("%s # arena part version=%d blocksize=%d arenabase=%d\n", ToolOutput.stamp(), h.version(),
                    h.blockSize(), h.arenaBase());
        }
        AMapTable.Rows table = AMapTable.rows(part.read(h.tableBase(), h.tableSize()), new Location(part.name(), h.tableBase()));
        if (table.count() < 0) {
            throw table.countAt().corrupt("syntax error: bad number of arenas in the arena table");
        }
        List<String> wanted = new ArrayList<>(names);
        List<AMap> todo = new ArrayList<>();
        for (int i = 0; i < table.count(); i++) {
            if (i >= table.rows().size()) {
                err.printf("%s warning: unexpected arena table end\n", ToolOutput.stamp());
                break;
            }
            AMapTable.Row row = table.rows().get(i);
            List<String> f = row.fields();
            if (f.size() < 3) {
                err.printf("%s warning: bad arena table line: %s\n", ToolOutput.stamp(), row.text());
                continue;
            }
            if (!names.isEmpty() && !wanted.remove(f.get(0))) {
                continue;
            }
            long start = row.number(1, Long.MAX_VALUE);
            long stop = row.number(2, Long.MAX_VALUE);
            if (start < 0 || stop <= start) {
                err.printf("%s %s: bad start,stop %s,%s\n", ToolOutput.stamp(), f.get(0), f.get(2), f.get(1));
                continue;
            }
            todo.add(new AMap(f.get(0), start, stop));
        }
        boolean ok = true;
        try (Progress.Meter m = progress.start("verify", todo.stream().mapToLong(AMap::length).sum(), "B")) {
            for (AMap a : todo) {
                long[] at = {a.start()};
                Source src = len -> {
                    if (at[0] + len > part.size()) {
                        throw new EOFException("early eof at partition offset " + at[0]);
                    }
                    ByteBuffer b = part.read(at[0], len);
                    at[0] += len;
                    m.step(len);
                    return b;
                };
                if (!v.verify(a.name(), a.length(), src)) {
                    ok = false;
                    v.locate(part, a);
                }
            }
        }
        for (String name : wanted) {
            err.printf("%s %s: did not find arena\n", ToolOutput.stamp(), name);
        }
        err.flush();
        return ok && wanted.isEmpty();
    }

    /** Verifies the one arena {@code in} holds, as rdarena writes it. */
    public static boolean stream(InputStream in, int chunk, int sleepMs, int verbose, PrintWriter err) throws IOException {
        Source src = len -> {
            byte[] b = in.readNBytes(len);
            if (b.length < len) {
                throw new EOFException("early eof");
            }
            return ByteBuffer.wrap(b);
        };
        boolean ok = new VerifyArena(chunk, sleepMs, verbose, err).verify("<stdin>", 0, src);
        err.flush();
        return ok;
    }

    /** Verifies one arena; false when it could not be read or its score does not match. */
    private boolean verify(String name, long len, Source src) throws IOException {
        String who = ToolOutput.stamp() + " " + name;
        if (verbose > 0) {
            err.printf("%s verify %s\n", ToolOutput.stamp(), name);
        }
        ArenaDigest digest = new ArenaDigest();
        ArenaHead head;
        ByteBuffer block;
        try {
            block = src.next(Layout.HEAD_SIZE);
            digest.update(block);
            head = ArenaHead.unpack(block, 0, new Location(name, 0));
        } catch (CorruptException | IOException e) {
            err.printf("%s: %s: %s\n", who, e instanceof CorruptException ? "corrupt arena header" : "reading header",
                    e.getMessage());
            return false;
        }
        if (len != 0 && len != head.size()) {
            err.printf("%s: warning: unexpected length %d != %d\n", who, head.size(), len);
        }
        if (!name.equals("<stdin>") && !head.name().equals(name)) {
            err.printf("%s: warning: unexpected name %s\n", who, head.name());
        }
        long end = head.size() - head.blockSize();
        try {
            for (long n = Layout.HEAD_SIZE; n < end; ) {
                int k = (int) Math.min(chunk, end - n);
                digest.update(src.next(k));
                n += k;
                pause();
            }
        } catch (IOException e) {
            err.printf("%s: read data: %s\n", who, e.getMessage());
            return false;
        }
        try {
            block = src.next(head.blockSize());
        } catch (IOException e) {
            err.printf("%s: read last block: %s\n", who, e.getMessage());
            return false;
        }
        Score computed = digest.finish(block);
        ArenaTrailer t;
        try {
            t = ArenaTrailer.unpack(block, 0, head.blockSize(), new Location(name, end));
        } catch (CorruptException e) {
            err.printf("%s: corrupt arena trailer: %s\n", who, e.getMessage());
            return false;
        }
        if (!t.name().equals(head.name())) {
            err.printf("%s: wrong name in trailer: %s vs. %s\n", who, head.name(), t.name());
            return false;
        }
        if (t.version() != head.version()) {
            err.printf("%s: wrong version in trailer: %d vs. %d\n", who, head.version(), t.version());
            return false;
        }
        if (computed.equals(t.score())) {
            if (verbose > 0) {
                err.printf("%s: verified score\n", who);
            }
        } else if (!t.isScored()) {
            if (verbose > 0 || t.diskStats().used() > 0) {
                err.printf(Locale.ROOT, "%s: unsealed %,d bytes\n", who, t.diskStats().used());
            }
        } else {
            err.printf("%s: mismatch checksum - found=%s calculated=%s\n", who, t.score(), computed);
            return false;
        }
        if (verbose > 1) {
            ToolOutput.arenaSummary(t, 0, head.size(), err);
        }
        return true;
    }

    /** Checks the clumps and directory of an arena whose score did not match, to say where it is damaged. */
    private void locate(Part part, AMap a) throws IOException {
        try {
            ArenaHead head = ArenaHead.unpack(part.read(a.start(), Layout.HEAD_SIZE), 0, new Location(part.name(), a.start()));
            Arena arena = Arena.open(part, a.start(), a.length(), head.blockSize());
            StringWriter found = new StringWriter();
            if (CheckArenas.scanClumps(arena, new PrintWriter(found, true))) {
                err.printf("%s %s: clumps and directory are intact: the damage is in the head, the free space or "
                        + "the trailer (partition offsets %d to %d)\n", ToolOutput.stamp(), a.name(), a.start(), a.stop());
            } else {
                found.toString().lines().filter(l -> !l.startsWith("arena " + a.name() + ": fix="))
                        .forEach(err::println);
            }
        } catch (CorruptException e) {
            err.printf("%s %s: %s\n", ToolOutput.stamp(), a.name(), e.getMessage());
        }
    }

    private void pause() throws InterruptedIOException {
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("verifyarena interrupted");
            }
        }
    }
}
