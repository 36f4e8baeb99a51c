package venti.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.Sha1;
import venti.store.GoldenStore;
import venti.store.Store;
import venti.store.VentiConfig;

/** /vac/ pages over the store the C venti filled with the C vac's archives. */
class VacPagesTest {

    private static final String TREE = "61e8fbe953af851324e261e7637b45507051a0b4";

    @TempDir
    static Path dir;
    static Store store;
    static HttpClientSupport http;

    @BeforeAll
    static void serve() throws IOException {
        store = Store.open(VentiConfig.read(GoldenStore.unpack("vac", dir)), dir, Store.Mode.READ_ONLY);
        http = HttpClientSupport.serve(store, Httpd.Options.NONE);
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
        store.close();
    }

    @Test
    void theTopDirectoryListsTheTree() {
        String page = http.text("/vac/" + TREE + "/");
        assertThat(page).contains("<a href=\"./tree/\">tree/</a>").doesNotContain("../");
    }

    @Test
    void aDirectoryListsNameSizeTimeAndMode() {
        String page = http.text("/vac/vac:" + TREE + "/tree/");
        assertThat(page).contains("<tr><td><a href=\"./README.txt\">README.txt</a></td><td align=right>3621</td>"
                + "<td>2026-11-01 12:00:00 UTC</td><td>0644</td></tr>")
                .contains("<a href=\"./dir1/\">dir1/</a>").contains("<a href=\"../\">../</a>");
        assertThat(http.text("/vac/" + TREE + "/tree/names/")).contains("./%C3%BCn%C3%AFc%C3%B8d%C3%A9-%E5%90%8D%E5%89%8D.txt")
                .contains("./space%20name.txt");
    }

    @Test
    void filesDownloadWhole() {
        assertThat(sha1("/vac/" + TREE + "/tree/README.txt")).isEqualTo("56012e8e68561bfefb4f4c871c7dcf97b61b4453");
        assertThat(sha1("/vac/" + TREE + "/tree/big.bin")).isEqualTo("2fed1371403464777f5ee5aa60beee1fd784bc36");
        assertThat(sha1("/vac/" + TREE + "/tree/zeros-then-data.bin")).isEqualTo("bce62fcdd0dd3df082c8406aaf0cf922180802ea");
        assertThat(sha1("/vac/" + TREE + "/tree/empty")).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(sha1("/vac/" + TREE + "/tree/names/%C3%BCn%C3%AFc%C3%B8d%C3%A9-%E5%90%8D%E5%89%8D.txt"))
                .isEqualTo("658b56b0a7e92672e29adfe2d0a61abda6cb043b");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirected() {
        HttpResponse<String> r = http.get("/vac/" + TREE + "/tree/dir1");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("dir1/");
    }

    @Test
    void badScoresAndPathsAre404sWithTheReason() {
        HttpResponse<String> bad = http.get("/vac/xyz/");
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.body()).isEqualTo("bad score 'xyz': need 40 hex digits, got 3\n");
        String unknown = "ab".repeat(20);
        HttpResponse<String> missing = http.get("/vac/" + unknown + "/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).startsWith("vac:" + unknown + ": no root block: ").hasLineCount(1);
        HttpResponse<String> file = http.get("/vac/" + TREE + "/tree/nothing");
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.body()).isEqualTo("vac:" + TREE + ": tree/nothing: no such file or directory\n");
        HttpResponse<String> none = http.get("/vac/");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("/vac/<score>/");
    }

    private static String sha1(String path) {
        try {
            HttpResponse<byte[]> r = HttpClientSupportBytes.get(http, path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return Sha1.hash(r.body()).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A GET whose body is kept as bytes. */
    private static final class HttpClientSupportBytes {
        static HttpResponse<byte[]> get(HttpClientSupport http, String path) throws IOException {
            try {
                return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.httpd.uri().resolve(path))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
