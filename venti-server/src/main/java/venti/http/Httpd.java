package venti.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.DialAddress;
import venti.replica.Replication;
import venti.server.VentiServer;
import venti.stats.History;
import venti.store.Store;

/**
 * The HTTP server for status and control (the C server's {@code httpd}): the {@link Pages}
 * by their C names, {@code /metrics} for Prometheus, vac archives under {@code /vac/}
 * ({@link VacPages}), and static files from a web root for other paths ({@link WebRoot});
 * {@code /} is the web root's index, else the live {@link Dashboard}. It keeps the
 * per-second {@link History} of the statistics that {@code /graph} and the dashboard draw,
 * from when it starts until it is closed.
 *
 * <p>Design. The JDK's {@code com.sun.net.httpserver} speaks HTTP/1.1 with keep-alive; every
 * exchange runs on a virtual thread of its own, so a page that waits for the disk (such as
 * {@code /flushicache}) holds up nothing else. Pages answer GET and HEAD; the control pages
 * (flush, kick, empty, set) answer POST too, with their parameters in the query or a form
 * body, which is what the dashboard's buttons send, while scripts keep using the C server's
 * GETs. Other methods get 405. A page that fails answers 500 with the error's message. Pages
 * are small and built in memory; files are streamed.
 *
 * <p>{@link #close} stops listening and sampling, gives exchanges in progress a second to
 * finish, then interrupts them. The store is the caller's to close afterwards. Thread-safe.
 */
public final class Httpd implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Httpd.class);
    private static final int BACKLOG = 64;
    /** The most bytes of a POSTed form read: the control pages take a name and a value at most. */
    private static final int MAX_FORM = 4096;
    /** The port of the {@code http} service, which dial strings may name. */
    public static final int HTTP_PORT = 80;

    /**
     * What the server serves beyond the store's pages.
     *
     * @param webroot   directory of static files, or null
     * @param variables {@code /set} variables to add to the store's (such as log levels)
     * @param recentLog   the recent log lines for {@code /log} and the dashboard, or null when none are kept
     * @param server      the protocol server, whose requests the statistics count, or null
     * @param version     what the dashboard calls this server, such as {@code venti 0.1.0}
     * @param replication the mirrors whose lag {@code /storage} shows, or null
     */
    public record Options(Path webroot, List<Variable> variables, Supplier<List<LogLine>> recentLog,
                          VentiServer server, String version, Replication replication) {

        public static final Options NONE = new Options(null, List.of(), null, null, "venti", null);

        public Options {
            variables = List.copyOf(variables);
            Objects.requireNonNull(version, "version");
        }

        public Options withWebroot(Path dir) {
            return new Options(dir, variables, recentLog, server, version, replication);
        }

        public Options withVariables(List<Variable> list) {
            return new Options(webroot, list, recentLog, server, version, replication);
        }

        public Options withRecentLog(Supplier<List<LogLine>> lines) {
            return new Options(webroot, variables, lines, server, version, replication);
        }

        public Options withServer(VentiServer s, String name) {
            return new Options(webroot, variables, recentLog, s, name, replication);
        }

        public Options withReplication(Replication r) {
            return new Options(webroot, variables, recentLog, server, version, r);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Pages pages;
    private final VacPages vacPages;
    private final WebRoot webroot;
    private final History history;

    private Httpd(HttpServer server, ExecutorService executor, Pages pages, VacPages vacPages, WebRoot webroot,
                  History history) {
        this.server = server;
        this.executor = executor;
        this.pages = pages;
        this.vacPages = vacPages;
        this.webroot = webroot;
        this.history = history;
    }

    /**
     * Parses an HTTP listen address: the Venti address forms ({@link DialAddress#parseListen}),
     * where the service {@code http}, or no port at all, means port 80.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static DialAddress parseAddress(String text) {
        String t = text == null ? "" : text;
        long bangs = t.chars().filter(c -> c == '!').count();
        boolean bareHost = bangs == 0 && !t.isBlank() && (t.indexOf(':') < 0 || t.startsWith("[") && t.endsWith("]"));
        if (t.endsWith("!http") || t.endsWith(":http")) {
            t = t.substring(0, t.length() - "http".length()) + HTTP_PORT;
        } else if (bangs == 1) {
            t = t + "!" + HTTP_PORT;
        } else if (bareHost) {
            t = t + ":" + HTTP_PORT;
        }
        return DialAddress.parseListen(t);
    }

    /**
     * Listens on {@code address} (port 0 for any free port) and serves {@code store}'s pages,
     * with {@code metrics} at {@code /metrics} and {@code /stats}.
     *
     * @throws IOException naming the address when it cannot be bound, or the web root when
     *                     it is not a directory
     */
    public static Httpd start(DialAddress address, Store store, PrometheusMeterRegistry metrics, Options options)
            throws IOException {
        return start(bind(address), store, metrics, options);
    }

    /**
     * Binds {@code address} without serving yet, so a server can claim its addresses before
     * it recovers its store.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static HttpServer bind(DialAddress address) throws IOException {
        try {
            return HttpServer.create(address.toSocketAddress(), BACKLOG);
        } catch (IOException e) {
            throw new IOException("cannot announce http on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code store}'s pages on {@code server}, bound by {@link #bind}; closes it when
     * the web root is not a directory.
     */
    public static Httpd start(HttpServer server, Store store, PrometheusMeterRegistry metrics, Options options)
            throws IOException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        WebRoot root;
        try {
            root = options.webroot() == null ? null : WebRoot.open(options.webroot());
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            throw e;
        }
        History history = History.start(store, options.server());
        Pages pages = new Pages(store, metrics, Variables.of(store.settings(), options.variables()), options, history);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("venti-http-", 0).factory());
        Httpd httpd = new Httpd(server, executor, pages, new VacPages(store), root, history);
        server.createContext("/", httpd::handle);
        server.setExecutor(executor);
        server.start();
        log.debug("http on {}{}", httpd.uri(), root != null ? ", files from " + options.webroot() : "");
        return httpd;
    }

    /** The address the server listens on, with the port the system chose for port 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The server's root URL for a browser on this host: the wildcard address becomes 127.0.0.1. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange x) {
        try (x) {
            String method = x.getRequestMethod();
            boolean head = method.equals("HEAD");
            boolean post = method.equals("POST");
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (!head && !post && !method.equals("GET")) {
                notAllowed(x, method, "GET, HEAD, and POST on the control pages");
                return;
            }
            URI uri = x.getRequestURI();
            Pages.Route route = uri.getPath() == null ? null : pages.find(uri.getPath());
            if (post && (route == null || !route.control())) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                notAllowed(x, method, "GET and HEAD; POST is for the control pages");
                return;
            }
            String body = post ? new String(x.getRequestBody().readNBytes(MAX_FORM), StandardCharsets.UTF_8) : null;
            send(x, answer(uri, route, body), head);
        } catch (IOException e) {
            log.debug("http {}: {}", x.getRemoteAddress(), e.toString());
        }
    }

    private static void notAllowed(HttpExchange x, String method, String allowed) throws IOException {
        if (!x.getResponseHeaders().containsKey("Allow")) {
            x.getResponseHeaders().set("Allow", "GET, HEAD, POST");
        }
        send(x, new Reply.Text(405, Reply.TEXT, method + " is not allowed here: this page answers " + allowed + "\n"),
                false);
    }

    /** The answer to a request for {@code uri}, whose page is {@code route} (or null); {@code form} is a POST's body. */
    private Reply answer(URI uri, Pages.Route route, String form) {
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            return new Reply.Text(400, Reply.TEXT, "bad request path " + uri + "\n");
        }
        Map<String, String> query;
        try {
            query = query(uri.getRawQuery());
            query(form).forEach(query::putIfAbsent);
        } catch (IllegalArgumentException e) {
            return new Reply.Text(400, Reply.TEXT, "bad query in " + uri + ": " + e.getMessage() + "\n");
        }
        if (VacPages.handles(path)) {
            return vacPages.serve(path);
        }
        if (route != null) {
            try {
                return route.page().serve(new Pages.Request(path, query));
            } catch (IOException | RuntimeException e) {
                log.warn("http {} failed: {}", path, e.toString());
                return new Reply.Text(500, Reply.TEXT, path.substring(1) + ": " + e.getMessage() + "\n");
            }
        }
        Optional<Path> file = webroot == null ? Optional.empty() : webroot.resolve(path);
        if (file.isPresent()) {
            return new Reply.File(file.get(), WebRoot.contentType(file.get()));
        }
        return path.equals("/") ? pages.dashboard() : Reply.notFound(path + " not found");
    }

    /** The query's parameters, URL-decoded; the first of repeated names wins, as in the C server. */
    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(name, value);
        }
        return q;
    }

    private static void send(HttpExchange x, Reply reply, boolean head) throws IOException {
        switch (reply) {
            case Reply.Text t -> {
                byte[] body = t.body().getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().set("Content-Type", t.contentType());
                x.sendResponseHeaders(t.status(), head || body.length == 0 ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
            case Reply.Bytes b -> {
                x.getResponseHeaders().set("Content-Type", b.contentType());
                x.getResponseHeaders().set("Cache-Control", b.cacheable() ? "max-age=3600" : "no-store");
                x.sendResponseHeaders(200, head || b.body().length == 0 ? -1 : b.body().length);
                if (!head) {
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(b.body());
                    }
                }
            }
            case Reply.Stream s -> {
                x.getResponseHeaders().set("Content-Type", s.contentType());
                x.sendResponseHeaders(200, head || s.length() == 0 ? -1 : s.length());
                if (!head) {
                    try (OutputStream out = x.getResponseBody()) {
                        s.body().writeTo(out);
                    }
                }
            }
            case Reply.Redirect r -> {
                x.getResponseHeaders().set("Location", r.location());
                x.sendResponseHeaders(301, -1);
            }
            case Reply.File f -> {
                try (InputStream in = Files.newInputStream(f.path())) {
                    long size = Files.size(f.path());
                    x.getResponseHeaders().set("Content-Type", f.contentType());
                    x.sendResponseHeaders(200, head || size == 0 ? -1 : size);
                    if (!head) {
                        try (OutputStream out = x.getResponseBody()) {
                            in.transferTo(out);
                        }
                    }
                }
            }
        }
    }

    /** Stops listening and ends the exchanges in progress. */
    @Override
    public void close() {
        server.stop(1);
        history.close();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("http: exchanges still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
