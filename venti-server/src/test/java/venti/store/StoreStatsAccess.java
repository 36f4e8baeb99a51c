package venti.store;

/** Sets a store's counters from tests outside the package, which only the engine may count into. */
public final class StoreStatsAccess {

    private StoreStatsAccess() {
    }

    public static void add(StoreStats stats, StoreStats.Counter c, long n) {
        stats.add(c, n);
    }
}
