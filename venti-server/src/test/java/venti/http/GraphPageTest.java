package venti.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.stats.GraphType;
import venti.store.Store;
import venti.store.admin.TestStores;

/**
 * /graph as the C server's, images and text, both forms, over a server with traffic on
 * loopback; one server for all the tests, which only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphPageTest {

    /** A text bin line: {@code 7: nsamp=1 min=0 max=10 avg=5}. */
    private static final Pattern BIN = Pattern.compile("(\\d+): nsamp=(\\d+) min=(-?\\d+) max=(-?\\d+) avg=(-?\\d+)");

    Store store;
    VentiServer server;
    HttpClientSupport http;
    long written;

    @BeforeAll
    void serve(@TempDir Path dir) throws IOException, InterruptedException {
        store = TestStores.open(TestStores.format(dir, TestStores.SMALL), Store.Mode.READ_WRITE);
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
        http = HttpClientSupport.serve(store, VentiMetrics.prometheus(store, server),
                Httpd.Options.NONE.withServer(server, "venti test"));
        Thread.sleep(1100); // a sample before the traffic, so that graphs of differences see it
        try (VentiClient c = VentiClient.connect(server.dialAddress(),
                ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)))) {
            for (int i = 0; i < 40; i++) {
                byte[] b = TestStores.block(i % 30, 4000);
                Score s = c.write(BlockType.DATA, b);
                c.read(s, BlockType.DATA, b.length);
                written += b.length;
            }
            c.sync();
        }
        store.flush();
        store.emptyCaches();
        store.read(Sha1.hash(TestStores.block(3, 4000)), BlockType.DATA);
        Thread.sleep(2500);
    }

    @AfterAll
    void stop() throws IOException {
        http.close();
        server.close();
        store.close();
    }

    private static List<long[]> bins(String text) {
        assertThat(text).startsWith("stats\n\n");
        List<long[]> bins = text.lines().skip(2).map(l -> {
            Matcher m = BIN.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5))};
        }).toList();
        assertThat(bins).hasSize(100);
        return bins;
    }

    private static long max(List<long[]> bins) {
        return bins.stream().mapToLong(b -> b[2]).max().orElseThrow();
    }

    private BufferedImage png(String path) throws IOException {
        HttpResponse<byte[]> r = http.sendBytes(HttpRequest.newBuilder(http.httpd.uri().resolve(path)).GET());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void textGivesTheCServersHundredBins() {
        List<long[]> raw = bins(http.text("/graph?arg=rpcwritebyte&text=1"));
        assertThat(max(raw)).as("the bytes written, as the latest samples hold them").isEqualTo(written);
        List<long[]> diff = bins(http.text("/graph?arg=rpcwritebyte&graph=diff&text=1&t0=-60"));
        assertThat(diff.stream().mapToLong(b -> b[0]).sum()).as("samples over the last minute").isPositive();
        assertThat(max(bins(http.text("/graph/rpcwritebyte/text")))).isEqualTo(written);
        assertThat(max(bins(http.text("/graph?arg=rpcwritenew&graph=pctdiff&arg2=rpcwrite&text=1")))).isBetween(0L, 100L);
    }

    @Test
    void theNewCountersShowOnStatsAndGraphs() {
        Map<String, Long> stats = new HashMap<>();
        for (String line : http.text("/stats").split("\n")) {
            String[] kv = line.split("=", 2);
            stats.put(kv[0], Long.parseLong(kv[1].split(" ")[0].replace(",", "")));
        }
        // each of the 30 blocks misses the lump cache when first read (a new block is not cached),
        // the 10 read again hit it, and the read after the caches were emptied misses
        assertThat(stats).containsEntry("rpc writes", 40L).containsEntry("rpc writes new", 30L)
                .containsEntry("rpc writes old", 10L).containsEntry("rpc read cached", 10L)
                .containsEntry("rpc read uncached", 31L).containsEntry("connections accepted", 1L);
        for (String positive : List.of("arena block write bytes", "arena block writes", "isect block writes",
                "isect block write bytes", "isect block reads", "bloom filter ones", "bloom filter bits",
                "index cache prefetches", "lump cache writes", "disk cache flushes", "index cache size",
                "rpc write new time", "rpc write time", "arena space used")) {
            assertThat(stats.get(positive)).as(positive).isPositive();
        }
        assertThat(stats.get("disk cache hits")).as("no disk block cache here").isZero();
        assertThat(max(bins(http.text("/graph?arg=isectwritebyte&text=1")))).isPositive();
        assertThat(max(bins(http.text("/graph?arg=*&graph=diskbw&text=1&t0=-30")))).isPositive();
    }

    @Test
    void everyCNameAndTypeAnswers() {
        for (String name : venti.stats.StatTest.C_NAMES) {
            assertThat(http.get("/graph?arg=" + name + "&text=1").statusCode()).as(name).isEqualTo(200);
        }
        for (GraphType t : GraphType.values()) {
            String arg = t.isBandwidth() ? "*" : "icachehit";
            assertThat(http.get("/graph?arg=" + arg + "&graph=" + t.graphName() + "&arg2=icachelookup&text=1")
                    .statusCode()).as(t.graphName()).isEqualTo(200);
        }
    }

    @Test
    void imagesAreOfTheCSizes() throws IOException {
        BufferedImage small = png("/graph?arg=rpcwritebyte&graph=diff");
        assertThat(small.getWidth()).isEqualTo(540);
        assertThat(small.getHeight()).isEqualTo(42);
        BufferedImage big = png("/graph?arg=*&graph=iobw&wid=800&ht=300&t0=-600&fill=3");
        assertThat(big.getWidth()).isEqualTo(800);
        assertThat(big.getHeight()).isEqualTo(300);
        BufferedImage seed = png("/graph/icachehit/pctdiff=icachelookup/wid=300/ht=100");
        assertThat(seed.getWidth()).isEqualTo(300);
        assertThat(png("/graph?arg=rpctotal&wid=99999&ht=99999").getWidth()).as("capped as the C server's").isEqualTo(2000);
    }

    @Test
    void unknownNamesTypesAndOptionsAre404NamingThem() {
        Map<String, String> refused = Map.of(
                "/graph?arg=nosuch", "unknown name nosuch",
                "/graph?arg=rpctotal&graph=pie", "unknown graph pie",
                "/graph?arg=rpctotal&arg2=nosuch2", "unknown name nosuch2",
                "/graph?arg=rpctotal&graph=pct", "graph pct needs arg2",
                "/graph?arg=*&graph=raw", "graph raw needs a statistic, not *",
                "/graph/nosuch/diff", "unknown name nosuch",
                "/graph/rpctotal/bogus", "unknown graph option bogus",
                "/graph/", "/graph/ needs a statistic");
        refused.forEach((path, why) -> {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains(why);
        });
        HttpResponse<String> bad = http.get("/graph?arg=rpctotal&t0=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad t0 'yesterday'");
    }
}
