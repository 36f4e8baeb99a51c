package venti.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.Counters;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerCounter;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.Store;
import venti.store.StoreCounter;
import venti.store.admin.TestStores;

/** /metrics and /stats count what clients do through a VentiServer; the meters cover every counter. */
class MetricsTest {

    /** A sample line of the Prometheus text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*})?"
                    + " (-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[-+]Inf)(?: -?[0-9]+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    @TempDir
    Path dir;
    Store store;
    VentiServer server;

    @BeforeEach
    void open() throws IOException {
        store = TestStores.open(TestStores.format(dir, TestStores.SMALL), Store.Mode.READ_WRITE);
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        store.close();
    }

    /** Writes 3 blocks (one twice), reads 2 and a missing one, and syncs, through the protocol. */
    private long traffic() throws IOException {
        byte[] a = TestStores.block(1, 3000);
        byte[] b = TestStores.block(2, 5000);
        try (VentiClient c = VentiClient.connect(server.dialAddress(),
                ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)))) {
            Score sa = c.write(BlockType.DATA, a);
            c.write(BlockType.DATA, b);
            c.write(BlockType.DATA, a);
            c.read(sa, BlockType.DATA, a.length);
            c.read(sa, BlockType.DATA, a.length);
            assertThatThrownBy(() -> c.read(Sha1.hash(new byte[] {42}), BlockType.DATA, 100))
                    .isInstanceOf(ServerErrorException.class);
            c.sync();
        }
        return 2L * a.length + b.length;
    }

    /** Parses Prometheus text, failing on any line that is not a comment or sample; samples by name and labels. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.equals("# EOF")) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                assertThat(typed.add(t.group(1))).as("one TYPE line for %s", t.group(1)).isTrue();
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
            assertThat(typed).as("a TYPE line before %s", line)
                    .anyMatch(f -> m.group(1).equals(f) || m.group(1).startsWith(f + "_"));
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    @Test
    void metricsAreValidPrometheusTextAndCountRequests() throws IOException {
        PrometheusMeterRegistry registry = VentiMetrics.prometheus(store, server);
        long written = traffic();
        try (HttpClientSupport http = HttpClientSupport.serve(store, registry, Httpd.Options.NONE.withServer(server, "venti"))) {
            var r = http.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            Map<String, Double> m = parse(r.body());
            assertThat(m).containsEntry("venti_requests_total{op=\"write\",result=\"ok\"}", 3.0)
                    .containsEntry("venti_requests_total{op=\"write\",result=\"failed\"}", 0.0)
                    .containsEntry("venti_requests_total{op=\"read\",result=\"ok\"}", 2.0)
                    .containsEntry("venti_requests_total{op=\"read\",result=\"failed\"}", 1.0)
                    .containsEntry("venti_requests_total{op=\"sync\",result=\"ok\"}", 1.0)
                    .containsEntry("venti_request_bytes_total{op=\"write\"}", (double) written)
                    .containsEntry("venti_request_duration_seconds_count{op=\"read\"}", 3.0)
                    .containsEntry("venti_blocks_written_total{result=\"new\"}", 2.0)
                    .containsEntry("venti_blocks_written_total{result=\"duplicate\"}", 1.0)
                    .containsEntry("venti_indexcache_entries{state=\"dirty\"}", 2.0)
                    .containsEntry("venti_indexcache_entries{state=\"stuck\"}", 0.0)
                    .containsEntry("venti_index_buckets_full", 0.0)
                    .containsEntry("venti_arenas{state=\"active\"}", 1.0)
                    .containsEntry("venti_connections_accepted_total", 1.0);
            assertThat(m.get("venti_request_duration_seconds_sum{op=\"write\"}")).isPositive();
            assertThat(m.get("venti_syncs_seconds_count")).isGreaterThanOrEqualTo(1.0);
            assertThat(m).containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}");

            String stats = http.text("/stats");
            assertThat(stats).startsWith("rpc total=7\n").contains("\nrpc reads ok=2\n").contains("\nrpc reads failed=1\n")
                    .contains("\nrpc writes old=1\n")
                    .contains(String.format(java.util.Locale.ROOT, "\nrpc write bytes=%,d bytes (", written))
                    .containsPattern("\nrpc write time=[0-9,]+ µs\n")
                    .contains("\nconnections accepted=1\n");
            assertThat(stats.lines()).hasSize(venti.stats.Stat.values().length);
        }
    }

    @Test
    void everyCounterIsReadByAMeter() throws IOException {
        store.flush();
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        VentiMetrics.bind(r, store);
        VentiMetrics.bind(r, server);
        Map<Object, Long> planted = new HashMap<>();
        long v = 1_000_003;
        for (StoreCounter c : StoreCounter.values()) {
            store.stats().add(c, v);
            planted.put(c, store.stats().get(c));
            v += 1_000_003;
        }
        for (ServerCounter c : ServerCounter.values()) {
            server.stats().add(c, v);
            planted.put(c, server.stats().get(c));
            v += 1_000_003;
        }
        Set<Long> seen = new HashSet<>();
        for (Meter m : r.getMeters()) {
            for (Measurement x : m.measure()) {
                seen.add(Math.round(x.getValue()));
                seen.add(Math.round(x.getValue() * 1e9));
            }
        }
        planted.forEach((c, n) -> assertThat(seen).as("a meter reads %s", c).contains(n));
    }

    @Test
    void storeCountersFollowTheReadAndWritePaths() throws IOException {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        VentiMetrics.bind(r, store);
        traffic();
        store.flush();
        store.emptyCaches();
        assertThatThrownBy(() -> store.read(Sha1.hash(new byte[] {7}), BlockType.DATA))
                .hasMessageContaining("no block");
        byte[] a = TestStores.block(1, 3000);
        assertThat(store.read(Sha1.hash(a), BlockType.DATA)).isEqualTo(a);
        Counters<StoreCounter> s = store.stats();
        assertThat(s.get(StoreCounter.BLOCKS_NEW)).isEqualTo(2);
        assertThat(s.get(StoreCounter.BLOCKS_DUPLICATE)).isEqualTo(1);
        assertThat(s.get(StoreCounter.NEW_BYTES)).isEqualTo(8000);
        assertThat(s.get(StoreCounter.STORED_BYTES)).isPositive().isLessThan(8000);
        assertThat(s.get(StoreCounter.COMPRESSED_CLUMPS)).isEqualTo(1);
        assertThat(s.get(StoreCounter.BLOOM_ABSENT)).as("two new blocks and two missing ones").isEqualTo(4);
        assertThat(s.get(StoreCounter.CLUMP_READS)).as("the first read (a new block is not cached) and the read "
                + "after the caches were emptied").isEqualTo(2);
        assertThat(s.get(StoreCounter.INDEX_READS)).isEqualTo(s.get(StoreCounter.BLOOM_MAYBE));
        assertThat(s.get(StoreCounter.INDEX_ENTRIES_WRITTEN)).isEqualTo(2);
        assertThat(s.get(StoreCounter.INDEX_ROUNDS)).isPositive();
        assertThat(r.get("venti.lumpcache.lookups").tag("result", "hit").functionCounter().count())
                .isEqualTo(s.get(StoreCounter.LUMP_CACHE_HITS)).isPositive();
        assertThat(r.get("venti.indexcache.entries").tag("state", "dirty").gauge().value()).isZero();
    }
}
