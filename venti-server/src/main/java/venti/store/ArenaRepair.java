package venti.store;

import java.io.IOException;
import java.util.function.Consumer;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.TailStats;

/**
 * The one way the offline tools change an arena's trailer: checkarenas re-walks and repairs
 * the clump log here, and buildindex records that the index now covers every clump. The
 * trailer's mutators stay inside the engine.
 *
 * <p>Not thread-safe: use it only while nothing else writes the arena (the store closed, or
 * the arena opened on its own).
 */
public final class ArenaRepair {

    /** Clumps one recovery pass checks before the memory stats are looked at again. */
    private static final int PASS = 1000;

    private ArenaRepair() {
    }

    /**
     * Walks the clump log from where the arena's memory stats end until they stop changing
     * (the C checkarenas' loop over {@code syncarena}), with {@code fix} writing repairs.
     *
     * @param report   receives one line per problem, in the C tool's words
     * @param eachPass runs after every pass that found more clumps
     * @return true when something besides the memory stats was wrong
     */
    public static boolean sync(Arena arena, boolean fix, Consumer<String> report, Runnable eachPass)
            throws IOException {
        boolean problems = false;
        SyncArena.Result r;
        do {
            r = SyncArena.sync(arena, PASS, false, fix, report);
            problems |= r.problems();
            if (r.statsChanged()) {
                eachPass.run();
            }
        } while (r.statsChanged());
        return problems;
    }

    /**
     * Makes the arena forget, in memory, every clump its trailer counts (keeping whether it
     * is sealed), so the next {@link #sync} reads the whole log from the start.
     */
    public static void forgetClumps(Arena arena) {
        ArenaTrailer t = arena.trailer();
        arena.setTrailer(t.repaired(new TailStats(0, 0, 0, 0, t.memStats().sealed()), t.ctime(), t.wtime()));
    }

    /** Puts back the trailer the arena held in memory before a check that must change nothing. */
    public static void restore(Arena arena, ArenaTrailer before) {
        arena.setTrailer(before);
    }

    /** Writes the trailer with its disk stats brought up to its memory stats: the index covers every clump. */
    public static void markIndexed(Arena arena) throws IOException {
        ArenaTrailer t = arena.trailer();
        arena.writeTrailer(t.indexed(t.memStats()));
    }
}
