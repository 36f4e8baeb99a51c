package venti.store;

/**
 * How a store's memory is split between its caches: the one memory knob.
 *
 * <p>The bloom filter is loaded whole, so it takes its size first. Of the rest, the index
 * cache gets up to two thirds: an entry in memory saves a disk seek on every lookup of a
 * block and lets write bursts run ahead of the index writer, and it never needs more than
 * one entry per slot the index has. The lump cache gets what is left, up to the arenas'
 * size: the operating system's page cache holds recently used clumps as well. A size given
 * explicitly ({@code mem}, {@code icmem}, {@code -C}, {@code -I}) is taken as it is.
 *
 * @param lumpCache  bytes for the lump cache
 * @param indexCache bytes for the index cache
 * @param bloom      bytes of the bloom filter held in memory (0 without one or when not loaded)
 * @param budget     bytes the split was made from
 * @param chosen     how the sizes were chosen, for {@code /storage}
 */
public record CacheMemory(long lumpCache, long indexCache, long bloom, long budget, String chosen) {

    /** The least either cache gets, whatever the budget. */
    static final long MIN_CACHE = 16L << 20;

    /**
     * Splits {@code options.budget()} for a store whose bloom filter holds {@code bloom} bytes
     * in memory, whose index has {@code indexSlots} entry slots and whose arenas hold
     * {@code arenaBytes} of clumps.
     */
    static CacheMemory split(Store.Options options, long bloom, long indexSlots, long arenaBytes) {
        long rest = Math.max(0, options.budget() - bloom);
        long index = options.indexCache() > 0 ? options.indexCache()
                : clamp(Math.min(rest / 3 * 2, indexSlots * IndexCache.ENTRY_COST));
        long lump = options.lumpCache() > 0 ? options.lumpCache()
                : clamp(Math.min(rest - Math.min(rest, index), arenaBytes));
        String chosen = options.lumpCache() > 0 && options.indexCache() > 0 ? "as configured"
                : "from a budget of " + options.budget() + " bytes";
        return new CacheMemory(lump, index, bloom, options.budget(), chosen);
    }

    private static long clamp(long bytes) {
        return Math.max(MIN_CACHE, bytes);
    }
}
