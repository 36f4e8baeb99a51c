package venti.store;

/**
 * What a {@link Store} counts as it works, since it was opened: the counters behind the HTTP
 * server's {@code /stats} and {@code /metrics} (the C server's {@code stats}). The read and
 * write paths, the data log and the index writer count into the store's
 * {@link venti.core.Counters}; the counters are always kept, since counting costs one
 * {@code LongAdder} increment (the C server's {@code stats} switch saves nothing here).
 */
public enum StoreCounter {
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
    INDEX_ENTRIES_WRITTEN,
    /** Blocks whose clump was damaged or unreadable, served from a mirror or heal source instead. */
    BLOCKS_HEALED,
    /** Healed blocks stored again locally as fresh clumps. */
    BLOCKS_REPAIRED
}
