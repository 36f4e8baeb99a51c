package venti.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Recently read and written blocks ("lumps"), by score and disk type: the level-1 cache a
 * read is answered from without touching the index or the arenas.
 *
 * <p>Bounded by the bytes of the blocks it holds ({@code mem} in venti.conf, {@code -C} of the
 * server); eviction is Caffeine's W-TinyLFU, which keeps a burst of one-off reads from
 * flushing the blocks that are read again and again. Thread-safe. The arrays handed in and
 * out are shared: nobody may change them.
 */
final class LumpCache {

    /** Bookkeeping bytes charged per entry on top of the block itself. */
    private static final int OVERHEAD = 96;

    private final Cache<BlockKey, byte[]> cache;

    LumpCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((BlockKey k, byte[] v) -> OVERHEAD + v.length)
                .executor(Runnable::run)
                .build();
    }

    byte[] get(BlockKey key) {
        return cache.getIfPresent(key);
    }

    void put(BlockKey key, byte[] block) {
        cache.put(key, block);
    }

    void clear() {
        cache.invalidateAll();
    }

    long size() {
        return cache.estimatedSize();
    }

    /** Bytes charged for the blocks held, bookkeeping included. */
    long bytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }
}
