package venti.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.store.Store;
import venti.store.admin.TestStores;

/** Static files from the web root, and every way out of it refused. */
class WebRootTest {

    @TempDir
    Path dir;

    /** root/ with pages, a subdirectory, a hidden file and a link out; secret.txt beside it. */
    private Path tree(Path base) throws IOException {
        Path root = Files.createDirectories(base.resolve("root"));
        Files.writeString(root.resolve("index.html"), "<p>home</p>");
        Files.writeString(root.resolve("notes.txt"), "plain");
        Files.writeString(root.resolve("stats.js"), "redraw()");
        Files.write(root.resolve("blob.bin"), new byte[] {0, 1, 2});
        Files.writeString(Files.createDirectories(root.resolve("sub")).resolve("index.html"), "<p>sub</p>");
        Files.writeString(root.resolve(".hidden"), "hidden");
        Files.writeString(base.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out.txt"), base.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), base);
        return root;
    }

    @Test
    void servesFilesWithTheirTypesAndDirectoriesAsIndexHtml() throws IOException {
        WebRoot w = WebRoot.open(tree(dir));
        assertThat(w.resolve("/").map(this::text)).hasValue("<p>home</p>");
        assertThat(w.resolve("/sub").map(this::text)).hasValue("<p>sub</p>");
        assertThat(w.resolve("/sub/").map(this::text)).hasValue("<p>sub</p>");
        assertThat(w.resolve("//notes.txt").map(this::text)).hasValue("plain");
        assertThat(WebRoot.contentType(Path.of("a.HTML"))).isEqualTo("text/html; charset=utf-8");
        assertThat(WebRoot.contentType(Path.of("stats.js"))).isEqualTo("text/javascript; charset=utf-8");
        assertThat(WebRoot.contentType(Path.of("x.png"))).isEqualTo("image/png");
        assertThat(WebRoot.contentType(Path.of("blob.bin"))).isEqualTo("application/octet-stream");
        assertThat(WebRoot.contentType(Path.of("README"))).isEqualTo("application/octet-stream");
    }

    @Test
    void refusesEveryWayOut() throws IOException {
        WebRoot w = WebRoot.open(tree(dir));
        for (String path : List.of("/../secret.txt", "/sub/../../secret.txt", "/sub/..", "/./notes.txt", "/.hidden",
                "/out.txt", "/outdir/secret.txt", "/sub\\..\\..\\secret.txt",
                "/notes.txt\0", "relative.txt", "/nosuch.html")) {
            assertThat(w.resolve(path)).as(path).isEmpty();
        }
        assertThatThrownBy(() -> WebRoot.open(dir.resolve("root/notes.txt"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a directory");
    }

    @Property(tries = 300)
    void nothingOutsideTheRootIsEverServed(@ForAll("paths") String path) throws IOException {
        Path base = Files.createTempDirectory("webroot");
        try {
            Path root = tree(base).toRealPath();
            Optional<Path> f = WebRoot.open(root).resolve(path);
            f.ifPresent(p -> assertThat(p).startsWith(root));
            f.ifPresent(p -> assertThat(text(p)).isNotEqualTo("secret").isNotEqualTo("hidden"));
        } finally {
            try (var walk = Files.walk(base)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.of("..", ".", "", "sub", "root", "notes.txt", "secret.txt", ".hidden",
                "out.txt", "outdir", "index.html", "%2e%2e", "..\\..", "~");
        return segment.list().ofMaxSize(6).map(l -> "/" + String.join("/", l));
    }

    private String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void overHttpFilesAreServedAndTraversalIsRefused() throws IOException {
        Path root = tree(dir);
        try (Store store = TestStores.open(TestStores.format(Files.createDirectories(dir.resolve("store")),
                TestStores.SMALL), Store.Mode.READ_ONLY);
             HttpClientSupport http = HttpClientSupport.serve(store, Httpd.Options.NONE.withWebroot(root))) {
            HttpResponse<String> home = http.get("/");
            assertThat(home.body()).isEqualTo("<p>home</p>");
            assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            HttpResponse<String> js = http.get("/stats.js");
            assertThat(js.body()).isEqualTo("redraw()");
            assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(http.text("/index")).startsWith("index=main");
            for (String target : List.of("/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt",
                    "/sub/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/out.txt", "/.hidden",
                    "/outdir/secret.txt", "/%00")) {
                assertThat(http.rawStatusLine(target)).as(target).startsWith("HTTP/1.1 404");
            }
            assertThat(http.rawStatusLine("/notes.txt")).startsWith("HTTP/1.1 200");
        }
    }
}
