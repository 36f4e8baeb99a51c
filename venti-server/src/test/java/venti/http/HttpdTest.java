package venti.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Index;
import venti.store.Store;
import venti.store.admin.CheckIndex;
import venti.store.admin.TestStores;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.IndexEntry;

/** The pages against a live store of our own format, over HTTP on loopback. */
class HttpdTest {

    @TempDir
    Path dir;
    Path conf;
    Store store;
    HttpClientSupport http;

    @BeforeEach
    void serve() throws IOException {
        conf = TestStores.format(dir, TestStores.SMALL);
        store = TestStores.open(conf, Store.Mode.READ_WRITE);
        store.flush();
        http = HttpClientSupport.serve(store, Httpd.Options.NONE.withRecentLog(() -> List.of("first", "second")));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        store.close();
    }

    private List<Score> write(int n, int from) throws IOException {
        List<Score> scores = new java.util.ArrayList<>();
        for (int i = from; i < from + n; i++) {
            byte[] b = TestStores.block(i, 1000 + i);
            scores.add(store.write(BlockType.DATA, b, 0, b.length));
        }
        return scores;
    }

    @Test
    void flushicacheLeavesNoDirtyEntriesAndTheIndexChecksCorrect() throws IOException {
        write(150, 0);
        assertThat(store.dirtyIndexEntries()).isEqualTo(150);
        assertThat(http.text("/flushicache")).isEqualTo("flushed icache\n");
        assertThat(store.dirtyIndexEntries()).isZero();
        StringWriter out = new StringWriter();
        try (Store inspect = TestStores.open(conf, Store.Mode.INSPECT)) {
            assertThat(CheckIndex.run(inspect, false, 1 << 30, new PrintWriter(out, true))).as(out.toString()).isTrue();
        }
        assertThat(http.text("/index")).contains("\twritten: clumps=150 compressed clumps=")
                .contains("\tindexed: clumps=150 compressed clumps=");
    }

    @Test
    void indexListsTheArenasThatHoldClumps() throws IOException {
        write(10, 0);
        Index ix = store.index();
        String page = http.text("/index");
        assertThat(page).startsWith("index=" + ix.name() + " version=1 blocksize=" + ix.config().blockSize() + " tabsize=");
        assertThat(page).contains("\tbuckets=" + ix.buckets() + " div=" + ix.divisor() + "\n");
        assertThat(page).contains("\tsect=" + ix.sections().getFirst().name() + " for buckets [0," + ix.buckets() + ") buckmax=");
        var first = ix.arenas().getFirst();
        assertThat(page).contains("\tarena='" + first.name() + "' on " + first.part().name() + " at [" + first.start() + ","
                + (first.start() + first.size()) + ")\n");
        assertThat(page).contains("\twritten: clumps=10 ").contains("\tindexed: clumps=0 ");
        assertThat(page).doesNotContain("arena='" + ix.arenas().get(1).name() + "'");
    }

    @Test
    void setShowsAndChangesVariablesAndCompressOffStoresBlocksRaw() throws IOException {
        String all = http.text("/set");
        assertThat(all).startsWith("compress = 1\n").contains("ignorebloom = 0\n", "syncwrites = 0\n", "l0quantum = 120\n");
        assertThat(http.text("/set?name=compress&value=0")).isEqualTo("compress = 0 (was 1)\n");
        assertThat(http.text("/set?name=compress")).isEqualTo("compress = 0\n");
        assertThat(store.settings().compress()).isFalse();
        byte[] letters = "abcdefgh".repeat(500).getBytes();
        Score raw = store.write(BlockType.DATA, letters, 0, letters.length);
        assertThat(encodingOf(raw)).isEqualTo(ClumpEncoding.NONE);

        assertThat(http.text("/set?name=compress&value=1")).isEqualTo("compress = 1 (was 0)\n");
        byte[] more = "ijklmnop".repeat(500).getBytes();
        assertThat(encodingOf(store.write(BlockType.DATA, more, 0, more.length))).isEqualTo(ClumpEncoding.WHACK);
        assertThat(store.read(raw, BlockType.DATA)).isEqualTo(letters);
    }

    private ClumpEncoding encodingOf(Score s) throws IOException {
        IndexEntry e = store.lookup(s, BlockType.DATA).orElseThrow();
        Index.Place p = store.index().locate(e.address());
        return p.arena().readClump(p.offset(), e.blocks()).header().encoding();
    }

    @Test
    void setRefusesWhatItCannotDoAndSaysWhatHasNoEffect() {
        assertThat(http.text("/set?name=nosuch&value=1")).isEqualTo("nosuch not found\n");
        HttpResponse<String> bad = http.get("/set?name=compress&value=lots");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("want an integer");
        assertThat(store.settings().compress()).isTrue();
        assertThat(http.text("/set?name=l0quantum&value=0"))
                .startsWith("l0quantum = 0 (was 120)\n(no effect in this server: ");
        assertThat(http.text("/set?name=l0quantum")).isEqualTo("l0quantum = 0\n");
        assertThat(http.text("/set?name=syncwrites&value=1")).isEqualTo("syncwrites = 1 (was 0)\n");
        assertThat(store.settings().syncWrites()).isTrue();
        assertThat(http.text("/set?name=ignorebloom&value=1")).isEqualTo("ignorebloom = 1 (was 0)\n");
        assertThat(store.settings().ignoreBloom()).isTrue();
    }

    @Test
    void cachePagesEmptyKickAndFlush() throws Exception {
        List<Score> scores = write(20, 0);
        assertThat(http.text("/flushdcache")).isEqualTo("flushed dcache\n");
        assertThat(http.text("/flushicache")).isEqualTo("flushed icache\n");
        for (Score s : scores) {
            store.read(s, BlockType.DATA);
        }
        assertThat(store.cacheUse().lumps()).isPositive();
        assertThat(http.text("/emptylumpcache")).isEqualTo("emptied lumpcache\n");
        assertThat(store.cacheUse().lumps()).isZero();
        assertThat(store.cacheUse().cleanEntries()).isPositive();
        assertThat(http.text("/emptyicache")).isEqualTo("emptied icache\n");
        assertThat(store.cacheUse().cleanEntries()).isZero();
        store.read(scores.getFirst(), BlockType.DATA);
        assertThat(http.text("/empty")).isEqualTo("emptied all caches\n");
        assertThat(store.cacheUse().lumps()).isZero();
        assertThat(store.cacheUse().cleanEntries()).isZero();
        assertThat(http.text("/emptydcache")).startsWith("no dcache here");

        write(5, 100);
        assertThat(http.text("/kickicache")).isEqualTo("kicked icache\n");
        assertThat(http.text("/kickdcache")).isEqualTo("kicked dcache\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.dirtyIndexEntries() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.dirtyIndexEntries()).as("the kicked round wrote the entries back").isZero();
    }

    @Test
    void pagesThisServerDoesNotHaveSayWhy() {
        for (String path : List.of("/graph?arg=rpctotal", "/disk", "/debug?op=amap", "/proc/1/status")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).hasSizeGreaterThan(20);
        }
        assertThat(http.get("/nosuchpage").statusCode()).isEqualTo(404);
        assertThat(http.text("/log")).isEqualTo("first\nsecond\n");
    }

    @Test
    void logIsNotFoundWhenNoneIsKept() throws IOException {
        try (HttpClientSupport bare = HttpClientSupport.serve(store, Httpd.Options.NONE)) {
            HttpResponse<String> r = bare.get("/log");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no log is kept");
        }
    }

    @Test
    void rootListsThePagesWithoutAWebRoot() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        for (String page : List.of("/index", "/xindex", "/storage", "/stats", "/metrics", "/set", "/flushicache")) {
            assertThat(r.body()).contains("<a href=\"" + page + "\">");
        }
        assertThat(http.get("/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetAndHeadAreAnswered() {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(http.httpd.uri().resolve("/flushicache"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(http.httpd.uri().resolve("/storage"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void badQueriesAreRefused() throws IOException {
        assertThat(http.rawStatusLine("/set?name=%zz")).startsWith("HTTP/1.1 400");
    }
}
