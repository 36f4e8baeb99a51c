package venti.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link Store} has done since it was opened: the counters behind the HTTP server's
 * {@code /stats} and {@code /metrics} (the C server's {@code stats}).
 *
 * <p>The read and write paths, the data log and the index writer count into one
 * {@link LongAdder} per {@link Counter}: an increment takes no lock and allocates nothing, so
 * the counters are always kept (the C server's {@code stats} switch saves nothing here).
 * Reading a counter sums its cells; it is exact once the threads counting have stopped.
 *
 * <p>Thread-safe.
 */
public final class StoreStats {

    /** The counters. */
    public enum Counter {
        /** Block reads and writes answered from the lump cache. */
        LUMP_CACHE_HITS,
        /** Block reads and writes the lump cache could not answer. */
        LUMP_CACHE_MISSES,
        /** Score lookups answered from the index cache. */
        INDEX_CACHE_HITS,
        /** Score lookups the index cache could not answer. */
        INDEX_CACHE_MISSES,
        /** Bloom filter lookups that ruled a score out, saving an index read. */
        BLOOM_ABSENT,
        /** Bloom filter lookups that let a score through to the index. */
        BLOOM_MAYBE,
        /** Scores the bloom filter let through that the index did not have. */
        BLOOM_FALSE_POSITIVES,
        /** Index buckets read from disk for a lookup. */
        INDEX_READS,
        /** Clumps read from the arenas. */
        CLUMP_READS,
        /** Bytes of clump payload read from the arenas, as stored. */
        CLUMP_READ_BYTES,
        /** Blocks written that the store did not have: clumps appended. */
        BLOCKS_NEW,
        /** Blocks written that the store already had: nothing appended. */
        BLOCKS_DUPLICATE,
        /** Bytes of the new blocks, uncompressed. */
        NEW_BYTES,
        /** Bytes of clump payload appended, after compression. */
        STORED_BYTES,
        /** Clumps appended compressed with whack. */
        COMPRESSED_CLUMPS,
        /** Group commits that forced the arena partitions to disk. */
        SYNCS,
        /** Nanoseconds spent in those group commits. */
        SYNC_NANOS,
        /** Index write-back rounds: dirty entries written to their buckets. */
        INDEX_ROUNDS,
        /** Nanoseconds spent in index write-back rounds. */
        INDEX_ROUND_NANOS,
        /** Index entries written to their buckets by write-back rounds. */
        INDEX_ENTRIES_WRITTEN
    }

    private final LongAdder[] counts = new LongAdder[Counter.values().length];

    public StoreStats() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(Counter c, long n) {
        counts[c.ordinal()].add(n);
    }

    void increment(Counter c) {
        counts[c.ordinal()].increment();
    }

    /** The counter's value now. */
    public long get(Counter c) {
        return counts[c.ordinal()].sum();
    }
}
