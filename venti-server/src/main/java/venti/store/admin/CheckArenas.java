package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.ArenaRepair;
import venti.store.Part;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.Location;
import venti.store.disk.TailStats;

/**
 * checkarenas: checks the arenas of one arena partition against their own clump logs, and
 * with {@code fix} repairs what {@link ArenaRepair} can repair and rewrites wrong trailer
 * statistics (the C tool of the same name, with its messages).
 *
 * <p>Without {@code scan}, each arena is checked from where its trailer says the log ends,
 * which finds clumps the trailer does not count. With {@code scan}, every clump of every
 * arena is read back from the start: header, data, score and directory entry; the trailer's
 * statistics are compared with what the scan counted; and each sealed arena's score is
 * recomputed and compared with the one its trailer holds.
 */
public final class CheckArenas {

    private CheckArenas() {
    }

    /**
     * Checks the arenas of {@code part} named in {@code names} (all when empty), reporting on
     * {@code err} as the C tool does.
     *
     * @param verbose 1 prints each arena's summary, 2 also the partition
     * @return true when nothing was wrong
     */
    public static boolean run(Part part, boolean scan, boolean fix, int verbose, List<String> names, PrintWriter err)
            throws IOException {
        ArenaPartition ap = ArenaPartition.open(part);
        if (verbose > 1) {
            Print.arenaPart(part, err, err);
            err.println();
        }
        boolean ok = true;
        for (Arena a : ap.arenas()) {
            if (names.isEmpty() || names.contains(a.name())) {
                ok &= check(a, scan, fix, verbose > 0, err);
            }
        }
        err.flush();
        return ok;
    }

    /**
     * Reads back every clump and directory entry of {@code arena}, without fixing anything or
     * checking the arena's score; true when nothing was wrong.
     */
    static boolean scanClumps(Arena arena, PrintWriter err) throws IOException {
        return check(arena, true, false, false, false, err);
    }

    private static boolean check(Arena arena, boolean scan, boolean fix, boolean verbose, PrintWriter err)
            throws IOException {
        return check(arena, scan, fix, verbose, scan, err);
    }

    private static boolean check(Arena arena, boolean scan, boolean fix, boolean verbose, boolean score,
                                 PrintWriter err) throws IOException {
        ArenaTrailer old = arena.trailer();
        boolean chatty = verbose && old.memStats().clumps() > 0;
        if (chatty) {
            ToolOutput.arenaSummary(arena, err);
        }
        if (scan) {
            ArenaRepair.forgetClumps(arena);
        }
        boolean problems = ArenaRepair.sync(arena, fix, err::println, () -> {
            if (chatty) {
                err.print(".");
            }
        });
        if (chatty) {
            err.println();
        }
        TailStats was = old.memStats();
        TailStats is = arena.trailer().memStats();
        if (was.used() != is.used() || was.clumps() != is.clumps() || was.compressedClumps() != is.compressedClumps()
                || was.uncompressedSize() != is.uncompressedSize()) {
            err.printf("%s: incorrect arena header fields\n", arena.name());
            err.printf("\tclump log ends at clump %d, arena offset %d (%s); the trailer at %s says %d clumps, %d bytes\n",
                    is.clumps(), is.used(), arena.location(is.used()),
                    new Location(arena.part().name(), arena.start() + arena.size() - arena.blockSize()),
                    was.clumps(), was.used());
            ToolOutput.arenaSummary(arena, err);
            problems = true;
        }
        if (score && is.sealed() && old.isScored()) {
            var computed = arena.computeScore();
            if (!computed.equals(old.score())) {
                err.printf("%s: sealed arena score mismatch: stored %s, computed %s\n", arena.name(), old.score(), computed);
                err.printf("\tarena at %s, %d bytes\n", new Location(arena.part().name(), arena.start()), arena.size());
                problems = true;
            }
        }
        if (problems && fix) {
            err.printf("%s: writing fixed arena header fields\n", arena.name());
            ArenaRepair.markIndexed(arena);
            arena.part().force();
        } else if (!fix) {
            ArenaRepair.restore(arena, old);
        }
        return !problems;
    }
}
