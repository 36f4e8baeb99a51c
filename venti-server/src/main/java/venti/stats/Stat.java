package venti.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import venti.server.ServerCounter;
import venti.store.StoreCounter;

/**
 * The statistics a {@link History} samples every second: first the C server's, by the names
 * its {@code /graph} page takes and in its order (httpd.c {@code graphname}, described as in
 * stats.c {@code statdesc}), then this server's own.
 *
 * <p>Where this server has the C server's mechanism the value is its count. Where it has
 * none the value is what is true of this server, never a made-up figure:
 * <ul>
 * <li>The disk block cache ({@code dcache*}, {@code dblockstall}) is the operating system's
 *     page cache, which the process cannot see: the lookups, hits, misses, dirty blocks, size,
 *     stalls and lookup time of a cache of its own are 0; {@code dcacheread} and
 *     {@code dcachewrite} count the reads and writes of the arena partitions and index
 *     sections, which the C cache's misses and write-backs became, and {@code dcacheflush}
 *     counts the syncs that force the arena partitions to disk.</li>
 * <li>Nothing waits for a lump's lock or for lump cache room ({@code lumpstall},
 *     {@code lcachestall}: 0), and there is no arena summary cache ({@code scache*},
 *     {@code cigload*}: 0).</li>
 * <li>{@code apartread} counts every read of an arena partition, the arena scorer's included,
 *     which {@code sumread} counts alone; so the {@code diskbw} graph adds the arena partitions
 *     and index sections only (the C server's adds the sum reads as well, which its
 *     {@code apartread} leaves out).</li>
 * <li>{@code rpctotal} counts reads, writes and syncs (not pings); a write that finds, under
 *     the data log's lock, that another writer has just stored its block is counted in
 *     {@code rpcwriteold} and timed in {@code rpcwritenewtime}.</li>
 * <li>Times are in microseconds, where the C server's are in milliseconds, which round a
 *     fast request down to 0.</li>
 * </ul>
 */
public enum Stat {
    RPC_TOTAL("rpctotal", "rpc total", Kind.COUNTER, Unit.COUNT,
            r -> r.get(ServerCounter.READS) + r.get(ServerCounter.READS_FAILED) + r.get(ServerCounter.WRITES)
                    + r.get(ServerCounter.WRITES_FAILED) + r.get(ServerCounter.SYNCS) + r.get(ServerCounter.SYNCS_FAILED)),
    RPC_READ("rpcread", "rpc reads", Kind.COUNTER, Unit.COUNT,
            r -> r.get(ServerCounter.READS) + r.get(ServerCounter.READS_FAILED)),
    RPC_READ_OK("rpcreadok", "rpc reads ok", Kind.COUNTER, Unit.COUNT, r -> r.get(ServerCounter.READS)),
    RPC_READ_FAIL("rpcreadfail", "rpc reads failed", Kind.COUNTER, Unit.COUNT, r -> r.get(ServerCounter.READS_FAILED)),
    RPC_READ_BYTE("rpcreadbyte", "rpc read bytes", Kind.COUNTER, Unit.BYTES, r -> r.get(ServerCounter.READ_BYTES)),
    RPC_READ_TIME("rpcreadtime", "rpc read time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(ServerCounter.READ_NANOS)),
    RPC_READ_CACHED("rpcreadcached", "rpc read cached", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.READS_CACHED)),
    RPC_READ_CACHED_TIME("rpcreadcachedtime", "rpc read cached time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.READ_CACHED_NANOS)),
    RPC_READ_UNCACHED("rpcreaduncached", "rpc read uncached", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.READS_UNCACHED)),
    RPC_READ_UNCACHED_TIME("rpcreaduncachedtime", "rpc read uncached time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.READ_UNCACHED_NANOS)),
    RPC_WRITE("rpcwrite", "rpc writes", Kind.COUNTER, Unit.COUNT,
            r -> r.get(ServerCounter.WRITES) + r.get(ServerCounter.WRITES_FAILED)),
    RPC_WRITE_NEW("rpcwritenew", "rpc writes new", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.BLOCKS_NEW)),
    RPC_WRITE_OLD("rpcwriteold", "rpc writes old", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.BLOCKS_DUPLICATE)),
    RPC_WRITE_FAIL("rpcwritefail", "rpc writes failed", Kind.COUNTER, Unit.COUNT, r -> r.get(ServerCounter.WRITES_FAILED)),
    RPC_WRITE_BYTE("rpcwritebyte", "rpc write bytes", Kind.COUNTER, Unit.BYTES, r -> r.get(ServerCounter.WRITE_BYTES)),
    RPC_WRITE_TIME("rpcwritetime", "rpc write time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(ServerCounter.WRITE_NANOS)),
    RPC_WRITE_NEW_TIME("rpcwritenewtime", "rpc write new time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.WRITE_NEW_NANOS)),
    RPC_WRITE_OLD_TIME("rpcwriteoldtime", "rpc write old time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.WRITE_OLD_NANOS)),

    LCACHE_HIT("lcachehit", "lump cache hits", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.LUMP_CACHE_HITS)),
    LCACHE_MISS("lcachemiss", "lump cache misses", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.LUMP_CACHE_MISSES)),
    LCACHE_LOOKUP("lcachelookup", "lump cache reads", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.LUMP_CACHE_HITS) + r.get(StoreCounter.LUMP_CACHE_MISSES)),
    LCACHE_WRITE("lcachewrite", "lump cache writes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.LUMP_CACHE_WRITES)),
    LCACHE_SIZE("lcachesize", "lump cache size", Kind.LEVEL, Unit.COUNT, r -> r.cache().lumps()),
    LCACHE_STALL("lcachestall", "lump cache stall", Kind.LEVEL, Unit.COUNT, r -> 0),
    LCACHE_LOOKUP_TIME("lcachelookuptime", "lump cache read time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.LUMP_CACHE_NANOS)),

    DCACHE_HIT("dcachehit", "disk cache hits", Kind.COUNTER, Unit.COUNT, r -> 0),
    DCACHE_MISS("dcachemiss", "disk cache misses", Kind.COUNTER, Unit.COUNT, r -> 0),
    DCACHE_LOOKUP("dcachelookup", "disk cache lookups", Kind.COUNTER, Unit.COUNT, r -> 0),
    DCACHE_READ("dcacheread", "disk cache reads", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.ARENA_READS) + r.get(StoreCounter.SECTION_READS)),
    DCACHE_WRITE("dcachewrite", "disk cache writes", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.ARENA_WRITES) + r.get(StoreCounter.SECTION_WRITES)),
    DCACHE_DIRTY("dcachedirty", "disk cache dirty", Kind.LEVEL, Unit.COUNT, r -> 0),
    DCACHE_SIZE("dcachesize", "disk cache size", Kind.LEVEL, Unit.COUNT, r -> 0),
    DCACHE_FLUSH("dcacheflush", "disk cache flushes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.SYNCS)),
    DCACHE_STALL("dcachestall", "disk cache stalls", Kind.LEVEL, Unit.COUNT, r -> 0),
    DCACHE_LOOKUP_TIME("dcachelookuptime", "disk cache lookup time", Kind.COUNTER, Unit.MICROSECONDS, r -> 0),

    DBLOCK_STALL("dblockstall", "disk block stalls", Kind.LEVEL, Unit.COUNT, r -> 0),
    LUMP_STALL("lumpstall", "lump stalls", Kind.LEVEL, Unit.COUNT, r -> 0),

    ICACHE_HIT("icachehit", "index cache hits", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.INDEX_CACHE_HITS)),
    ICACHE_MISS("icachemiss", "index cache misses", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_CACHE_MISSES)),
    ICACHE_READ("icacheread", "index cache reads", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_CACHE_HITS) + r.get(StoreCounter.INDEX_READS)),
    ICACHE_WRITE("icachewrite", "index cache writes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.BLOCKS_NEW)),
    ICACHE_FILL("icachefill", "index cache fills", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.INDEX_READS)),
    ICACHE_PREFETCH("icacheprefetch", "index cache prefetches", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_CACHE_FILLS)),
    ICACHE_DIRTY("icachedirty", "index cache dirty", Kind.LEVEL, Unit.COUNT, r -> r.cache().dirtyEntries()),
    ICACHE_SIZE("icachesize", "index cache size", Kind.LEVEL, Unit.COUNT, r -> r.cache().maxEntries()),
    ICACHE_FLUSH("icacheflush", "index cache flushes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.INDEX_ROUNDS)),
    ICACHE_STALL("icachestall", "index cache stalls", Kind.LEVEL, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_CACHE_STALLS)),
    ICACHE_LOOKUP_TIME("icachelookuptime", "index cache read time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.INDEX_READ_NANOS)),
    ICACHE_LOOKUP("icachelookup", "index cache lookups", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_CACHE_HITS) + r.get(StoreCounter.INDEX_CACHE_MISSES)),
    SCACHE_HIT("scachehit", "index cache summary hits", Kind.COUNTER, Unit.COUNT, r -> 0),
    SCACHE_PREFETCH("scacheprefetch", "index cache summary prefetches", Kind.COUNTER, Unit.COUNT, r -> 0),

    BLOOM_HIT("bloomhit", "bloom filter hits", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.BLOOM_ABSENT)),
    BLOOM_MISS("bloommiss", "bloom filter misses", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.BLOOM_MAYBE)),
    BLOOM_FALSE_MISS("bloomfalsemiss", "bloom filter false misses", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.BLOOM_FALSE_POSITIVES)),
    BLOOM_LOOKUP("bloomlookup", "bloom filter lookups", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.BLOOM_ABSENT) + r.get(StoreCounter.BLOOM_MAYBE)),
    BLOOM_ONES("bloomones", "bloom filter ones", Kind.LEVEL, Unit.COUNT, Reading::bloomOnes),
    BLOOM_BITS("bloombits", "bloom filter bits", Kind.LEVEL, Unit.COUNT, Reading::bloomBits),

    APART_READ("apartread", "arena block reads", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.ARENA_READS)),
    APART_READ_BYTE("apartreadbyte", "arena block read bytes", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.ARENA_READ_BYTES)),
    APART_WRITE("apartwrite", "arena block writes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.ARENA_WRITES)),
    APART_WRITE_BYTE("apartwritebyte", "arena block write bytes", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.ARENA_WRITE_BYTES)),

    ISECT_READ("isectread", "isect block reads", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.SECTION_READS)),
    ISECT_READ_BYTE("isectreadbyte", "isect block read bytes", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.SECTION_READ_BYTES)),
    ISECT_WRITE("isectwrite", "isect block writes", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.SECTION_WRITES)),
    ISECT_WRITE_BYTE("isectwritebyte", "isect block write bytes", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.SECTION_WRITE_BYTES)),

    SUM_READ("sumread", "sum reads", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.SUM_READS)),
    SUM_READ_BYTE("sumreadbyte", "sum read bytes", Kind.COUNTER, Unit.BYTES, r -> r.get(StoreCounter.SUM_READ_BYTES)),

    CIG_LOAD("cigload", "cig loads", Kind.COUNTER, Unit.COUNT, r -> 0),
    CIG_LOAD_TIME("cigloadtime", "cig load time", Kind.COUNTER, Unit.MICROSECONDS, r -> 0),

    // this server's own, after the C server's
    RPC_SYNC("rpcsync", "rpc syncs", Kind.COUNTER, Unit.COUNT,
            r -> r.get(ServerCounter.SYNCS) + r.get(ServerCounter.SYNCS_FAILED)),
    RPC_SYNC_TIME("rpcsynctime", "rpc sync time", Kind.COUNTER, Unit.MICROSECONDS, r -> r.micros(ServerCounter.SYNC_NANOS)),
    RPC_READ_P50("rpcreadp50", "rpc read time, median", Latency.READ, 0.50),
    RPC_READ_P90("rpcreadp90", "rpc read time, 90th percentile", Latency.READ, 0.90),
    RPC_READ_P99("rpcreadp99", "rpc read time, 99th percentile", Latency.READ, 0.99),
    RPC_WRITE_P50("rpcwritep50", "rpc write time, median", Latency.WRITE, 0.50),
    RPC_WRITE_P90("rpcwritep90", "rpc write time, 90th percentile", Latency.WRITE, 0.90),
    RPC_WRITE_P99("rpcwritep99", "rpc write time, 99th percentile", Latency.WRITE, 0.99),
    CONN("conn", "connections open", Kind.LEVEL, Unit.COUNT, Reading::connections),
    CONN_ACCEPT("connaccept", "connections accepted", Kind.COUNTER, Unit.COUNT, r -> r.get(ServerCounter.CONNECTIONS)),
    WRITE_DATA_BYTE("writedatabyte", "new block bytes, uncompressed", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.NEW_BYTES)),
    WRITE_STORE_BYTE("writestorebyte", "new block bytes, as stored", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.STORED_BYTES)),
    WRITE_COMPRESSED("writecompressed", "new blocks stored compressed", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.COMPRESSED_CLUMPS)),
    CLUMP_READ("clumpread", "clumps read", Kind.COUNTER, Unit.COUNT, r -> r.get(StoreCounter.CLUMP_READS)),
    CLUMP_READ_BYTE("clumpreadbyte", "clump bytes read, as stored", Kind.COUNTER, Unit.BYTES,
            r -> r.get(StoreCounter.CLUMP_READ_BYTES)),
    SYNC_TIME("synctime", "disk sync time", Kind.COUNTER, Unit.MICROSECONDS, r -> r.micros(StoreCounter.SYNC_NANOS)),
    ICACHE_CLEAN("icacheclean", "index cache clean", Kind.LEVEL, Unit.COUNT, r -> r.cache().cleanEntries()),
    ICACHE_DIRTY_MAX("icachedirtymax", "index cache dirty limit", Kind.LEVEL, Unit.COUNT, r -> r.cache().maxDirty()),
    ICACHE_FLUSH_TIME("icacheflushtime", "index cache flush time", Kind.COUNTER, Unit.MICROSECONDS,
            r -> r.micros(StoreCounter.INDEX_ROUND_NANOS)),
    ICACHE_FLUSH_ENTRY("icacheflushentry", "index cache entries flushed", Kind.COUNTER, Unit.COUNT,
            r -> r.get(StoreCounter.INDEX_ENTRIES_WRITTEN)),
    LCACHE_BYTE("lcachebyte", "lump cache bytes", Kind.LEVEL, Unit.BYTES, r -> r.cache().lumpBytes()),
    ARENAS("arenas", "arenas", Kind.LEVEL, Unit.COUNT, r -> r.storage().arenas()),
    ARENA_ACTIVE("arenaactive", "arenas active", Kind.LEVEL, Unit.COUNT, r -> r.storage().active()),
    ARENA_SEALED("arenasealed", "arenas sealed", Kind.LEVEL, Unit.COUNT, r -> r.storage().sealed()),
    ARENA_SPACE("arenaspace", "arena space", Kind.LEVEL, Unit.BYTES, r -> r.storage().space()),
    ARENA_USED("arenaused", "arena space used", Kind.LEVEL, Unit.BYTES, r -> r.storage().used()),
    ARENA_DATA("arenadata", "block bytes stored, uncompressed", Kind.LEVEL, Unit.BYTES, r -> r.storage().data());

    /** How a statistic's values behave over time. */
    public enum Kind {
        /** Only grows (since the server started): graphs show its difference per second. */
        COUNTER,
        /** A level now, such as a size. */
        LEVEL,
        /** A request time percentile over each sample's interval; 0 when there were no requests. */
        PERCENTILE
    }

    /** What a value counts. */
    public enum Unit {
        COUNT(""),
        BYTES("bytes"),
        MICROSECONDS("µs");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The request latency a {@link Kind#PERCENTILE} statistic is of. */
    enum Latency {
        READ,
        WRITE
    }

    private static final Map<String, Stat> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Stat::graphName, Function.identity()));

    private final String graphName;
    private final String description;
    private final Kind kind;
    private final Unit unit;
    private final ToLongFunction<Reading> value;
    private final Latency latency;
    private final double quantile;

    Stat(String graphName, String description, Kind kind, Unit unit, ToLongFunction<Reading> value) {
        this(graphName, description, kind, unit, value, null, 0);
    }

    Stat(String graphName, String description, Latency latency, double quantile) {
        this(graphName, description, Kind.PERCENTILE, Unit.MICROSECONDS, null, latency, quantile);
    }

    Stat(String graphName, String description, Kind kind, Unit unit, ToLongFunction<Reading> value, Latency latency,
         double quantile) {
        this.graphName = graphName;
        this.description = description;
        this.kind = kind;
        this.unit = unit;
        this.value = value;
        this.latency = latency;
        this.quantile = quantile;
    }

    /** The name {@code /graph} takes. */
    public String graphName() {
        return graphName;
    }

    /** What it counts, in the C server's words where it has it. */
    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public Unit unit() {
        return unit;
    }

    /** The statistic named {@code name} as {@code /graph} takes it. */
    public static Optional<Stat> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The value in {@code r}; not for percentiles, which need an interval. */
    long read(Reading r) {
        return value.applyAsLong(r);
    }

    Latency latency() {
        return latency;
    }

    double quantile() {
        return quantile;
    }
}
