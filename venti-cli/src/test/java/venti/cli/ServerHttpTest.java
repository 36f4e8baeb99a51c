package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.store.GoldenStore;

/** venti server with -h and -W (or venti.conf's httpaddr and webroot), run in-process and stopped by interrupting it. */
class ServerHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void serverWithHttpServesBothUntilInterrupted() throws Exception {
        GoldenStore.unpack(dir);
        Path conf = GoldenStore.absoluteConf(dir);
        Path web = Files.createDirectories(dir.resolve("www"));
        Files.writeString(web.resolve("hello.txt"), "hello from the web root");
        int venti = Ports.free();
        int http = Ports.free();
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run("server", "-c", conf.toString(),
                "-a", "127.0.0.1:" + venti, "-h", "tcp!127.0.0.1!" + http, "-W", web.toString())));
        try {
            Ports.awaitServing(venti, result);
            Ports.awaitListening(http, result);
            assertThat(get(http, "/index")).startsWith("index=main version=1").contains("arena='arenas0.0'");
            assertThat(get(http, "/hello.txt")).isEqualTo("hello from the web root");
            assertThat(get(http, "/set?name=logging")).isEqualTo("logging = 0\n");
            assertThat(get(http, "/set?name=debug&value=1")).isEqualTo("debug = 1 (was 0)\n");
            byte[] block = "written through the venti port".getBytes();
            try (VentiClient c = VentiClient.connect(new DialAddress("127.0.0.1", venti),
                    ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)))) {
                c.write(BlockType.DATA, block);
                c.sync();
            }
            assertThat(get(http, "/set?name=debug&value=0")).isEqualTo("debug = 0 (was 1)\n");
            assertThat(get(http, "/log")).as("debug lines of the session").contains("Twrite");
            assertThat(get(http, "/metrics")).contains("venti_requests_total{op=\"write\",result=\"ok\"} 1.0");
            assertThat(get(http, "/flushicache")).isEqualTo("flushed icache\n");
            assertThat(get(http, "/index")).contains("\twritten: clumps=147 ").contains("\tindexed: clumps=147 ");
        } finally {
            t.interrupt();
        }
        Cli r = result.get();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("venti: listening on tcp!127.0.0.1!" + venti + "\n")
                .contains("venti: http on http://127.0.0.1:" + http + "/\n");
        assertThat(Ports.listening(http)).as("the HTTP server stopped").isFalse();
        assertThat(Ports.listening(venti)).as("the venti server stopped").isFalse();
    }

    @Test
    void httpAddressAndWebRootComeFromVentiConf() throws Exception {
        GoldenStore.unpack(dir);
        Path web = Files.createDirectories(dir.resolve("www"));
        Files.writeString(web.resolve("index.html"), "<p>status</p>");
        int venti = Ports.free();
        int http = Ports.free();
        Path conf = GoldenStore.absoluteConf(dir);
        Files.writeString(conf, Files.readString(conf) + "httpaddr 127.0.0.1:" + http + "\nwebroot " + web + "\n");
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run("server", "-c", conf.toString(),
                "-a", "127.0.0.1:" + venti)));
        try {
            Ports.awaitListening(http, result);
            assertThat(get(http, "/")).isEqualTo("<p>status</p>");
            assertThat(get(http, "/storage")).startsWith("index=main\ntotal arenas=7 active=4\n");
        } finally {
            t.interrupt();
        }
        assertThat(result.get().status()).as(result.get().err()).isZero();
    }

    @Test
    void aBadHttpAddressIsAnError() {
        GoldenStore.unpack(dir);
        Cli r = Cli.run("server", "-c", GoldenStore.absoluteConf(dir).toString(), "-h", "udp!*!80");
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.err()).startsWith("venti server: -h udp!*!80: ").hasLineCount(1);
    }

    @Test
    void aBarePortIsOnLoopback() throws Exception {
        GoldenStore.unpack(dir);
        int venti = Ports.free();
        int http = Ports.free();
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run("server", "-c",
                GoldenStore.absoluteConf(dir).toString(), "-a", String.valueOf(venti), "-h", String.valueOf(http))));
        try {
            Ports.awaitListening(http, result);
            assertThat(get(http, "/index")).startsWith("index=main");
        } finally {
            t.interrupt();
        }
        assertThat(result.get().err()).contains("venti: listening on tcp!127.0.0.1!" + venti + "\n")
                .contains("venti: http on http://127.0.0.1:" + http + "/\n");
    }

    @Test
    void anHttpAddressThatCannotBeBoundStopsTheServer() throws Exception {
        GoldenStore.unpack(dir);
        int venti = Ports.free();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli r = Cli.run("server", "-c", GoldenStore.absoluteConf(dir).toString(), "-a", "127.0.0.1:" + venti,
                    "-h", String.valueOf(taken.getLocalPort()));
            assertThat(r.status()).as(r.err()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(r.err()).contains(String.valueOf(taken.getLocalPort())).doesNotContain("listening on");
        }
        assertThat(Ports.listening(venti)).as("the venti port was let go").isFalse();
    }

    @Test
    void aVentiAddressThatCannotBeBoundIsAnError() throws Exception {
        GoldenStore.unpack(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli r = Cli.run("server", "-c", GoldenStore.absoluteConf(dir).toString(), "-a", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).as(r.err()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(r.err()).contains("cannot announce tcp!127.0.0.1!" + taken.getLocalPort());
        }
    }

    @Test
    void helpNamesTheHttpOptions() {
        Cli r = Cli.run("server", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("-h=httpaddress").contains("-W=webroot");
    }
}
