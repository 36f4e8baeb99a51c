package venti.store;

/**
 * A point in the data log, which is the index's arenas in order: clump number {@code clumps}
 * of arena number {@code arena} (counting from 0 in index order), which starts at arena
 * address {@code offset}. Positions order by arena, then offset.
 *
 * @param arena  the arena's place in the index
 * @param clumps clumps of that arena before this point
 * @param offset bytes of that arena's clump storage before this point
 */
public record LogPosition(int arena, long clumps, long offset) implements Comparable<LogPosition> {

    /** The beginning of the log. */
    public static final LogPosition START = new LogPosition(0, 0, 0);

    public LogPosition {
        if (arena < 0 || clumps < 0 || offset < 0) {
            throw new IllegalArgumentException("bad log position: arena " + arena + " clump " + clumps
                    + " offset " + offset);
        }
    }

    @Override
    public int compareTo(LogPosition o) {
        int c = Integer.compare(arena, o.arena);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    /** The earlier of the two. */
    public static LogPosition min(LogPosition a, LogPosition b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "arena " + arena + " clump " + clumps + " offset " + offset;
    }
}
