package venti.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import venti.core.Counters;
import venti.replica.Mirror;
import venti.replica.MirrorState;
import venti.replica.Replication;
import venti.server.ServerCounter;
import venti.server.VentiServer;
import venti.stats.StorageTotals;
import venti.store.Store;
import venti.store.StoreCounter;

/**
 * The store's and the protocol server's counters as Micrometer meters, for {@code /metrics}
 * (Prometheus text) and {@code /stats}.
 *
 * <p>The engine counts into its own {@link Counters} of {@link StoreCounter} and {@link ServerCounter}, which cost a
 * {@code LongAdder} increment per event; the meters here are functions that read those
 * counters, and the cache and arena gauges, only when the registry is scraped. So any
 * registry may be bound (tests use a {@code SimpleMeterRegistry}) and binding adds nothing to
 * the hot paths. Meters of one name share their description, the Prometheus help text.
 *
 * <p>Prometheus names, with their tags: {@code venti_requests_total{op,result}},
 * {@code venti_request_duration_seconds{op}}, {@code venti_request_bytes_total{op}},
 * {@code venti_connections}, {@code venti_connections_accepted_total};
 * {@code venti_blocks_written_total{result=new|duplicate}}, {@code venti_blocks_written_bytes_total},
 * {@code venti_clumps_stored_bytes_total}, {@code venti_clumps_compressed_total},
 * {@code venti_clumps_read_total}, {@code venti_clumps_read_bytes_total},
 * {@code venti_lumpcache_lookups_total{result=hit|miss}}, {@code venti_lumpcache_blocks},
 * {@code venti_lumpcache_bytes}, {@code venti_indexcache_lookups_total{result}},
 * {@code venti_indexcache_entries{state=clean|dirty}}, {@code venti_indexcache_dirty_limit},
 * {@code venti_bloom_lookups_total{result=absent|maybe}}, {@code venti_bloom_false_positives_total},
 * {@code venti_index_reads_total}, {@code venti_index_writeback_seconds},
 * {@code venti_index_writeback_entries_total}, {@code venti_syncs_seconds},
 * {@code venti_arenas{state=all|active|sealed}}, {@code venti_arena_space_bytes},
 * {@code venti_arena_used_bytes}, {@code venti_blocks_damaged_total{result=healed|repaired}},
 * {@code venti_lumpcache_writes_total}, {@code venti_lumpcache_lookup_seconds_total},
 * {@code venti_store_reads_seconds{cached=yes|no}}, {@code venti_store_writes_seconds{result=new|duplicate}},
 * {@code venti_index_lookups_seconds}, {@code venti_indexcache_fills_total}, {@code venti_indexcache_stalled},
 * {@code venti_disk_transfers_total{part=arenas|sections|scorer,op=read|write}},
 * {@code venti_disk_bytes_total{part,op}}; and per mirror, those of {@link #bind(MeterRegistry, Replication)}.
 *
 * <p>Stateless.
 */
public final class VentiMetrics {

    private VentiMetrics() {
    }

    /** A Prometheus registry with the store's and server's meters and the JVM's. */
    public static PrometheusMeterRegistry prometheus(Store store, VentiServer server) {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bind(r, store);
        if (server != null) {
            bind(r, server);
        }
        new JvmMemoryMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        return r;
    }

    /** Registers the store's counters, cache sizes and arena usage. */
    public static void bind(MeterRegistry r, Store store) {
        Counters<StoreCounter> s = store.stats();
        String lumps = "block reads and writes looked up in the lump cache, by result";
        counter(r, "venti.lumpcache.lookups", lumps, s, StoreCounter.LUMP_CACHE_HITS, "result", "hit");
        counter(r, "venti.lumpcache.lookups", lumps, s, StoreCounter.LUMP_CACHE_MISSES, "result", "miss");
        String entries = "score lookups in the index cache, by result";
        counter(r, "venti.indexcache.lookups", entries, s, StoreCounter.INDEX_CACHE_HITS, "result", "hit");
        counter(r, "venti.indexcache.lookups", entries, s, StoreCounter.INDEX_CACHE_MISSES, "result", "miss");
        String bloom = "bloom filter lookups, by result: absent saved an index read, maybe let the score through";
        counter(r, "venti.bloom.lookups", bloom, s, StoreCounter.BLOOM_ABSENT, "result", "absent");
        counter(r, "venti.bloom.lookups", bloom, s, StoreCounter.BLOOM_MAYBE, "result", "maybe");
        counter(r, "venti.bloom.false.positives", "scores the bloom filter let through that the index did not have",
                s, StoreCounter.BLOOM_FALSE_POSITIVES);
        counter(r, "venti.index.reads", "index buckets read from disk for a lookup", s, StoreCounter.INDEX_READS);
        counter(r, "venti.clumps.read", "clumps read from the arenas", s, StoreCounter.CLUMP_READS);
        bytes(r, "venti.clumps.read.bytes", "bytes of clump payload read from the arenas, as stored", s,
                StoreCounter.CLUMP_READ_BYTES);
        String written = "blocks written, by result: new were appended, duplicate were already stored";
        counter(r, "venti.blocks.written", written, s, StoreCounter.BLOCKS_NEW, "result", "new");
        counter(r, "venti.blocks.written", written, s, StoreCounter.BLOCKS_DUPLICATE, "result", "duplicate");
        bytes(r, "venti.blocks.written.bytes", "bytes of the new blocks, uncompressed", s, StoreCounter.NEW_BYTES);
        bytes(r, "venti.clumps.stored.bytes", "bytes of clump payload appended, after compression", s,
                StoreCounter.STORED_BYTES);
        counter(r, "venti.clumps.compressed", "clumps appended compressed with whack", s,
                StoreCounter.COMPRESSED_CLUMPS);
        timer(r, "venti.syncs", "group commits that forced the arena partitions to disk, and their time", s,
                StoreCounter.SYNCS, StoreCounter.SYNC_NANOS);
        timer(r, "venti.index.writeback", "index write-back rounds, and their time", s, StoreCounter.INDEX_ROUNDS,
                StoreCounter.INDEX_ROUND_NANOS);
        counter(r, "venti.index.writeback.entries", "index entries written to their buckets by write-back rounds", s,
                StoreCounter.INDEX_ENTRIES_WRITTEN);
        String healed = "blocks whose clump was damaged, by outcome: healed were served from a mirror, "
                + "repaired were also stored again locally";
        counter(r, "venti.blocks.damaged", healed, s, StoreCounter.BLOCKS_HEALED, "result", "healed");
        counter(r, "venti.blocks.damaged", healed, s, StoreCounter.BLOCKS_REPAIRED, "result", "repaired");
        counter(r, "venti.lumpcache.writes", "blocks put in the lump cache", s, StoreCounter.LUMP_CACHE_WRITES);
        FunctionCounter.builder("venti.lumpcache.lookup.seconds", s, x -> x.get(StoreCounter.LUMP_CACHE_NANOS) / 1e9)
                .baseUnit("seconds").description("time spent looking blocks up in the lump cache").register(r);
        String reads = "block reads the store answered, and their time, by whether the lump cache had the block";
        timer(r, "venti.store.reads", reads, s, StoreCounter.READS_CACHED, StoreCounter.READ_CACHED_NANOS, "cached", "yes");
        timer(r, "venti.store.reads", reads, s, StoreCounter.READS_UNCACHED, StoreCounter.READ_UNCACHED_NANOS,
                "cached", "no");
        String writes = "block writes the store answered, and their time, by result: new or duplicate";
        timer(r, "venti.store.writes", writes, s, StoreCounter.BLOCKS_NEW, StoreCounter.WRITE_NEW_NANOS, "result", "new");
        timer(r, "venti.store.writes", writes, s, StoreCounter.BLOCKS_DUPLICATE, StoreCounter.WRITE_OLD_NANOS,
                "result", "duplicate");
        timer(r, "venti.index.lookups", "index buckets read from disk for a lookup, and their time", s,
                StoreCounter.INDEX_READS, StoreCounter.INDEX_READ_NANOS);
        counter(r, "venti.indexcache.fills", "entries read from the index on disk into the index cache", s,
                StoreCounter.INDEX_CACHE_FILLS);
        Gauge.builder("venti.indexcache.stalled", s, x -> x.get(StoreCounter.INDEX_CACHE_STALLS))
                .description("writers waiting now for the index writer to make room in the index cache").register(r);
        String transfers = "reads and writes of the partitions, by part (arenas, sections, and the arena scorer's reads) and op";
        String bytes = "bytes read and written on the partitions, by part and op";
        disk(r, transfers, bytes, s, "arenas", "read", StoreCounter.ARENA_READS, StoreCounter.ARENA_READ_BYTES);
        disk(r, transfers, bytes, s, "arenas", "write", StoreCounter.ARENA_WRITES, StoreCounter.ARENA_WRITE_BYTES);
        disk(r, transfers, bytes, s, "sections", "read", StoreCounter.SECTION_READS, StoreCounter.SECTION_READ_BYTES);
        disk(r, transfers, bytes, s, "sections", "write", StoreCounter.SECTION_WRITES,
                StoreCounter.SECTION_WRITE_BYTES);
        disk(r, transfers, bytes, s, "scorer", "read", StoreCounter.SUM_READS, StoreCounter.SUM_READ_BYTES);

        gauge(r, "venti.lumpcache.blocks", "blocks in the lump cache", store, x -> x.cacheUse().lumps(), null);
        gauge(r, "venti.lumpcache.bytes", "bytes the lump cache holds, bookkeeping included", store,
                x -> x.cacheUse().lumpBytes(), null);
        String cached = "index entries in the index cache, by state: clean as on disk, dirty waiting to be written, "
                + "stuck because their bucket is full";
        gauge(r, "venti.indexcache.entries", cached, store, x -> x.cacheUse().cleanEntries(), "clean");
        gauge(r, "venti.indexcache.entries", cached, store, x -> x.cacheUse().dirtyEntries(), "dirty");
        gauge(r, "venti.indexcache.entries", cached, store, x -> x.cacheUse().stuckEntries(), "stuck");
        gauge(r, "venti.index.buckets.full", "index buckets found full: the index is too small, writes of blocks that "
                + "belong in them are refused", store, x -> x.cacheUse().fullBuckets(), null);
        gauge(r, "venti.indexcache.dirty.limit", "dirty index entries at which writers wait for the index writer",
                store, x -> x.cacheUse().maxDirty(), null);
        String arenas = "arenas in the index, by state: all, active (holding clumps), sealed";
        gauge(r, "venti.arenas", arenas, store, x -> totals(x).arenas(), "all");
        gauge(r, "venti.arenas", arenas, store, x -> totals(x).active(), "active");
        gauge(r, "venti.arenas", arenas, store, x -> totals(x).sealed(), "sealed");
        gauge(r, "venti.arena.space.bytes", "bytes of clump storage in all arenas", store, x -> totals(x).space(), null);
        gauge(r, "venti.arena.used.bytes", "bytes of arena storage used by clumps and their directory entries", store,
                x -> totals(x).used(), null);
    }

    /**
     * Registers each mirror's lag and state, tagged with its replica: {@code venti_mirror_behind_clumps},
     * {@code venti_mirror_behind_bytes}, {@code venti_mirror_behind_seconds},
     * {@code venti_mirror_sent_clumps_total}, {@code venti_mirror_sent_bytes_total} and
     * {@code venti_mirror_state{state}} (1 for the state it is in, 0 for the others).
     */
    public static void bind(MeterRegistry r, Replication replication) {
        for (Mirror m : replication.mirrors()) {
            String replica = m.replica();
            Gauge.builder("venti.mirror.behind.clumps", m, x -> x.status().clumpsBehind()).tag("replica", replica)
                    .description("clumps of the log the replica does not yet hold").register(r);
            Gauge.builder("venti.mirror.behind.bytes", m, x -> x.status().bytesBehind()).tag("replica", replica)
                    .baseUnit("bytes").description("bytes of the log the replica does not yet hold").register(r);
            Gauge.builder("venti.mirror.behind.seconds", m, x -> x.status().secondsBehind()).tag("replica", replica)
                    .description("how long the replica has lacked part of the log; 0 when it holds all of it")
                    .register(r);
            FunctionCounter.builder("venti.mirror.sent.clumps", m, x -> x.status().sentClumps())
                    .tag("replica", replica).description("clumps sent to the replica").register(r);
            FunctionCounter.builder("venti.mirror.sent.bytes", m, x -> x.status().sentBytes()).baseUnit("bytes")
                    .tag("replica", replica).description("bytes of blocks sent to the replica").register(r);
            for (MirrorState s : MirrorState.values()) {
                Gauge.builder("venti.mirror.state", m, x -> x.status().state() == s ? 1 : 0)
                        .tags("replica", replica, "state", s.label())
                        .description("what the mirror is doing: 1 for its state, 0 for the others").register(r);
            }
        }
    }

    /** Registers the protocol server's request counters and connections. */
    public static void bind(MeterRegistry r, VentiServer server) {
        Counters<ServerCounter> s = server.stats();
        request(r, "read", s, ServerCounter.READS, ServerCounter.READS_FAILED, ServerCounter.READ_NANOS,
                ServerCounter.READ_BYTES);
        request(r, "write", s, ServerCounter.WRITES, ServerCounter.WRITES_FAILED,
                ServerCounter.WRITE_NANOS, ServerCounter.WRITE_BYTES);
        request(r, "sync", s, ServerCounter.SYNCS, ServerCounter.SYNCS_FAILED, ServerCounter.SYNC_NANOS,
                null);
        FunctionCounter.builder("venti.connections.accepted", s, x -> x.get(ServerCounter.CONNECTIONS))
                .description("connections accepted").register(r);
        Gauge.builder("venti.connections", server, VentiServer::connections)
                .description("connections open").register(r);
    }

    /** The meters of one request type; {@code bytes} is null for syncs, which carry no block. */
    private static void request(MeterRegistry r, String op, Counters<ServerCounter> s, ServerCounter ok,
                                ServerCounter failed, ServerCounter nanos, ServerCounter bytes) {
        String answered = "requests answered, by op and result: ok, or failed with an Rerror (missing blocks included)";
        FunctionCounter.builder("venti.requests", s, x -> x.get(ok)).tags("op", op, "result", "ok")
                .description(answered).register(r);
        FunctionCounter.builder("venti.requests", s, x -> x.get(failed)).tags("op", op, "result", "failed")
                .description(answered).register(r);
        FunctionTimer.builder("venti.request.duration", s, x -> x.get(ok) + x.get(failed), x -> x.get(nanos),
                TimeUnit.NANOSECONDS).tag("op", op).description("time spent serving requests, by op").register(r);
        if (bytes != null) {
            FunctionCounter.builder("venti.request.bytes", s, x -> x.get(bytes)).baseUnit("bytes").tag("op", op)
                    .description("bytes of blocks read and written by requests answered ok, by op").register(r);
        }
    }

    private static void counter(MeterRegistry r, String name, String description, Counters<StoreCounter> s, StoreCounter c,
                                String... tags) {
        FunctionCounter.builder(name, s, x -> x.get(c)).tags(tags).description(description).register(r);
    }

    private static void bytes(MeterRegistry r, String name, String description, Counters<StoreCounter> s, StoreCounter c) {
        FunctionCounter.builder(name, s, x -> x.get(c)).baseUnit("bytes").description(description).register(r);
    }

    private static void timer(MeterRegistry r, String name, String description, Counters<StoreCounter> s, StoreCounter count,
                              StoreCounter nanos, String... tags) {
        FunctionTimer.builder(name, s, x -> x.get(count), x -> x.get(nanos), TimeUnit.NANOSECONDS).tags(tags)
                .description(description).register(r);
    }

    private static void disk(MeterRegistry r, String transfers, String bytes, Counters<StoreCounter> s, String part,
                             String op, StoreCounter count, StoreCounter byteCount) {
        FunctionCounter.builder("venti.disk.transfers", s, x -> x.get(count)).tags("part", part, "op", op)
                .description(transfers).register(r);
        FunctionCounter.builder("venti.disk.bytes", s, x -> x.get(byteCount)).baseUnit("bytes").tags("part", part, "op", op)
                .description(bytes).register(r);
    }

    private static void gauge(MeterRegistry r, String name, String description, Store store, ToDoubleFunction<Store> f,
                              String state) {
        Gauge.Builder<Store> b = Gauge.builder(name, store, f).description(description);
        if (state != null) {
            b.tag("state", state);
        }
        b.register(r);
    }

    private static StorageTotals totals(Store s) {
        return StorageTotals.of(s.index().arenas());
    }
}
