package venti.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import venti.core.DialAddress;
import venti.store.Store;

/** An {@link Httpd} on 127.0.0.1 and a free port, and the requests tests make of it. */
final class HttpClientSupport implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final Httpd httpd;

    private HttpClientSupport(Httpd httpd) {
        this.httpd = httpd;
    }

    static HttpClientSupport serve(Store store, PrometheusMeterRegistry metrics, Httpd.Options options) throws IOException {
        return new HttpClientSupport(Httpd.start(new DialAddress("127.0.0.1", 0), store, metrics, options));
    }

    static HttpClientSupport serve(Store store, Httpd.Options options) throws IOException {
        return serve(store, VentiMetrics.prometheus(store, null), options);
    }

    /** GETs {@code pathAndQuery}, as given, and returns the response with its body as text. */
    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(httpd.uri().resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends {@code request} and returns the response with its body as bytes, such as an image. */
    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a GET that must answer 200. */
    String text(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * Sends {@code GET target HTTP/1.1} with the target's bytes exactly as given, which no
     * URI class would leave alone, and returns the status line.
     */
    String rawStatusLine(String target) throws IOException {
        URI u = httpd.uri();
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    @Override
    public void close() {
        httpd.close();
    }
}
