package venti.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import venti.core.Counters;
import venti.store.disk.IndexEntry;

/**
 * The index cache: index entries held in memory, in front of the buckets on disk.
 *
 * <p>Design. Entries are <em>dirty</em> or <em>clean</em>. A dirty entry is for a clump
 * appended since the index on disk last caught up; it lives only here until the
 * {@link IndexWriter} puts it in its bucket, so it must never be evicted. A clean entry is a
 * copy of a bucket entry, kept because it was looked up recently; the clean set is an
 * ordinary bounded cache. The number of dirty entries is bounded too: a writer that would
 * go past the bound waits in {@link #awaitRoom} for the index writer to catch up, which is
 * how the disk index paces a long burst of writes (the C server sleeps on {@code icache.full}
 * the same way).
 *
 * <p>An entry the index writer could not put on disk because its bucket is full is
 * <em>stuck</em>: it stays here, readable, outside the dirty bound, and the bucket is noted
 * as full so the store refuses new blocks that belong in it ({@link #isFull}).
 *
 * <p>Thread-safe. Lookups take no lock. Lock order: the internal lock guards only the wait
 * for room and is never held while calling out; {@link #awaitRoom} must be called with no
 * other lock held (it waits for the index writer, which syncs the data log), while
 * {@link #putDirty} never blocks and may be called under the data log's lock: the
 * {@code onFull} hook it runs only signals the index writer.
 */
final class IndexCache {

    /** Bytes of memory one cached entry costs, roughly: key, score, entry and map node. */
    static final int ENTRY_COST = 200;

    private final ConcurrentHashMap<BlockKey, IndexEntry> dirty = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<BlockKey, IndexEntry> stuck = new ConcurrentHashMap<>();
    private final Set<Long> fullBuckets = ConcurrentHashMap.newKeySet();
    private final Cache<BlockKey, IndexEntry> clean;
    private final int maxDirty;
    private final long maxEntries;
    private final Counters<StoreCounter> stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private volatile Runnable onFull = () -> {
    };

    /**
     * A cache using about {@code bytes} of memory: half for dirty entries, half for clean ones;
     * writers waiting for room are counted in {@code stats} while they wait.
     */
    IndexCache(long bytes, Counters<StoreCounter> stats) {
        this.stats = stats;
        long entries = Math.max(2000, bytes / ENTRY_COST);
        this.maxEntries = entries;
        this.maxDirty = (int) Math.min(Integer.MAX_VALUE, entries / 2);
        this.clean = Caffeine.newBuilder()
                .maximumSize(entries - maxDirty)
                .executor(Runnable::run)
                .build();
    }

    /** Called when dirty entries reach half the bound, possibly under the data log's lock: kicks the index writer, never waits. */
    void onFull(Runnable kick) {
        this.onFull = kick;
    }

    IndexEntry get(BlockKey key) {
        IndexEntry e = dirty.get(key);
        if (e == null && !stuck.isEmpty()) {
            e = stuck.get(key);
        }
        return e != null ? e : clean.getIfPresent(key);
    }

    void putClean(IndexEntry e) {
        clean.put(BlockKey.of(e), e);
    }

    /**
     * Adds an entry the disk index does not have yet. Never blocks: callers first wait in
     * {@link #awaitRoom}, outside their own locks.
     */
    void putDirty(IndexEntry e) {
        BlockKey k = BlockKey.of(e);
        dirty.put(k, e);
        clean.invalidate(k);
        if (dirty.size() >= maxDirty / 2) {
            onFull.run();
        }
    }

    /** Waits while the dirty entries are at their bound. */
    void awaitRoom() throws InterruptedIOException {
        if (dirty.size() < maxDirty) {
            return;
        }
        onFull.run();
        stats.increment(StoreCounter.INDEX_CACHE_STALLS);
        lock.lock();
        try {
            while (dirty.size() >= maxDirty) {
                room.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the index writer to make room in the index cache");
        } finally {
            lock.unlock();
            stats.add(StoreCounter.INDEX_CACHE_STALLS, -1);
        }
    }

    /** The dirty entries for clumps below index address {@code limit}. */
    List<IndexEntry> dirtyBelow(long limit) {
        List<IndexEntry> out = new ArrayList<>();
        for (IndexEntry e : dirty.values()) {
            if (e.address() < limit) {
                out.add(e);
            }
        }
        return out;
    }

    /** Marks entries that are now in their buckets on disk as clean. */
    void cleaned(Collection<IndexEntry> written) {
        for (IndexEntry e : written) {
            BlockKey k = BlockKey.of(e);
            if (dirty.remove(k, e)) {
                clean.put(k, e);
            }
        }
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps {@code e}, dirty, as stuck: its bucket {@code bucket} is full. Returns true when
     * the bucket was not yet known to be full.
     */
    boolean stuck(IndexEntry e, long bucket) {
        BlockKey k = BlockKey.of(e);
        stuck.put(k, e);
        dirty.remove(k, e);
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
        return fullBuckets.add(bucket);
    }

    /** True when bucket {@code bucket} on disk is known to be full. */
    boolean isFull(long bucket) {
        return !fullBuckets.isEmpty() && fullBuckets.contains(bucket);
    }

    /** The lowest index address of a stuck entry, or {@link Long#MAX_VALUE} when none is stuck. */
    long lowestStuck() {
        long low = Long.MAX_VALUE;
        for (IndexEntry e : stuck.values()) {
            low = Math.min(low, e.address());
        }
        return low;
    }

    int stuckCount() {
        return stuck.size();
    }

    int fullBucketCount() {
        return fullBuckets.size();
    }

    int dirtyCount() {
        return dirty.size();
    }

    long cleanCount() {
        return clean.estimatedSize();
    }

    int maxDirty() {
        return maxDirty;
    }

    /** Entries the cache holds when full, clean and dirty. */
    long maxEntries() {
        return maxEntries;
    }

    /** Drops the clean entries (the C server's {@code emptyicache}); dirty ones stay. */
    void dropClean() {
        clean.invalidateAll();
    }
}
