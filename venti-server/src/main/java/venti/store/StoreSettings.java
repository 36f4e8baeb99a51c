package venti.store;

/**
 * The switches of a running {@link Store} that the HTTP server's {@code /set} page turns (the
 * C server's {@code compressblocks}, {@code ignorebloom} and {@code syncwrites}).
 *
 * <p>Each switch is a volatile field read once per block written or looked up: a change
 * applies to the requests that start after it. Thread-safe.
 */
public final class StoreSettings {

    private volatile boolean compress = true;
    private volatile boolean ignoreBloom;
    private volatile boolean syncWrites;
    private volatile boolean repair;

    /** Whether new blocks are compressed with whack when that saves space; when off, stored raw. */
    public boolean compress() {
        return compress;
    }

    public void compress(boolean on) {
        compress = on;
    }

    /** Whether lookups skip the bloom filter and go to the index cache and disk (new scores still mark it). */
    public boolean ignoreBloom() {
        return ignoreBloom;
    }

    public void ignoreBloom(boolean on) {
        ignoreBloom = on;
    }

    /** Whether each new block is synced to disk before its write is answered. */
    public boolean syncWrites() {
        return syncWrites;
    }

    public void syncWrites(boolean on) {
        syncWrites = on;
    }

    /**
     * Whether a block read from a mirror because its clump was damaged is stored again as a
     * fresh clump, with the index pointing at it (venti.conf {@code repair}).
     */
    public boolean repair() {
        return repair;
    }

    public void repair(boolean on) {
        repair = on;
    }
}
