package venti.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.replica.Replication;
import venti.server.VentiServer;
import venti.stats.History;
import venti.store.Store;

/**
 * The pages of the HTTP server, by path, with the C server's names (httpd.c) and, for the
 * text pages scripts read, its output.
 *
 * <p>Control pages act on a GET, as the C server's do, so existing scripts work, and on a
 * POST, which is what the dashboard's buttons send: {@code /flushicache} writes every dirty
 * index entry and the bloom filter to disk and answers when done; {@code /flushdcache} syncs
 * the arenas; the {@code kick} pages start the same work and answer at once; the
 * {@code empty} pages drop cached blocks and clean index entries; {@code /set} changes a
 * variable. There is no disk block cache here (the operating system's page cache is one), so
 * {@code /emptydcache} has nothing to drop and says so.
 *
 * <p>The seed's path forms work beside the query forms: {@code /set/NAME} and
 * {@code /set/NAME/VALUE}, {@code /log/NAME}, {@code /graph/NAME/option/...}
 * ({@link GraphRequest}).
 *
 * <p>Pages this server does not have answer 404 with the reason: {@code /disk} and
 * {@code /debug} (the offline print tools show the disk structures), {@code /proc/} (Plan 9
 * only); and {@code /log} when the caller keeps no log in memory.
 *
 * <p>Thread-safe: pages may be served concurrently.
 */
final class Pages {

    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    /** The Prometheus text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** A request for a page: its path, and its parameters from the query and a POSTed form. */
    record Request(String path, Map<String, String> query) {

        String get(String name) {
            return query.get(name);
        }

        /** The path after {@code prefix}, split at slashes, empty parts dropped (the C {@code getfields}). */
        List<String> fields(String prefix) {
            return path.length() <= prefix.length() ? List.of()
                    : Arrays.stream(path.substring(prefix.length()).split("/")).filter(f -> !f.isEmpty()).toList();
        }
    }

    /** A page: answers a request. */
    @FunctionalInterface
    interface Page {
        Reply serve(Request request) throws IOException;
    }

    /**
     * A path, a line about it for the list of pages, and the page; a path ending in a slash
     * takes every path under it. A control page changes the server's state and answers POST.
     */
    record Route(String path, String summary, Page page, boolean control) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Dashboard dashboard;

    Pages(Store store, PrometheusMeterRegistry metrics, Variables variables, Httpd.Options options, History history) {
        VentiServer server = options.server();
        Replication replication = options.replication();
        this.dashboard = new Dashboard(store, history, variables, options);
        add("/index", "arenas and index sections, as the C server prints them",
                r -> Reply.text(IndexPages.index(store.index())));
        add("/xindex", "the same as XML",
                r -> new Reply.Text(200, "text/xml; charset=utf-8", IndexPages.xindex(store.index())));
        add("/storage", "storage totals, how memory is split between the caches, full index buckets, and each "
                + "mirror's lag", r -> Reply.text(IndexPages.storage(store.index(), store.memory(), store.cacheUse())
                        + (replication == null ? "" : replication.storageText())));
        add("/stats", "every statistic /graph draws, by the C server's descriptions, with units",
                r -> Reply.text(StatsPage.of(store, server, history)));
        add("/stats.json", "the per-second history of every statistic, for the dashboard", dashboard::json);
        add("/graph", "a statistic over time as a PNG, or with text=1 as text: /graph?arg=rpcreadbyte&graph=diff",
                r -> graph(history, () -> GraphRequest.ofQuery(r.query())));
        add("/graph/", "the seed's form of /graph: /graph/rpcreadbyte/diff/t0=-600",
                r -> graph(history, () -> GraphRequest.ofPath(r.fields("/graph/"))));
        add("/metrics", "the counters in the Prometheus text format",
                r -> new Reply.Text(200, PROMETHEUS_TEXT, metrics.scrape()));
        control("/set", "show variables; /set?name=v shows one, /set?name=v&value=x changes it",
                r -> set(variables, r.get("name"), r.get("value")));
        control("/set/", "the seed's form: /set/name shows one, /set/name/value changes it", r -> {
            List<String> f = r.fields("/set/");
            return f.isEmpty() ? Reply.notFound("/set/ needs a variable name: /set/name or /set/name/value")
                    : set(variables, f.getFirst(), f.size() > 1 ? f.get(1) : null);
        });
        control("/flushicache", "write every dirty index entry and the bloom filter to disk; answers when done",
                store::flush, "flushed icache");
        control("/flushdcache", "sync the arenas to disk; answers when done", store::sync, "flushed dcache");
        control("/kickicache", "start an index write-back round without waiting", store::kickIndexWriter,
                "kicked icache");
        control("/kickdcache", "start a sync of the arenas without waiting",
                () -> Thread.ofVirtual().name("venti-http kickdcache").start(() -> syncQuietly(store)), "kicked dcache");
        control("/empty", "drop the lump cache and the clean index cache entries", store::emptyCaches,
                "emptied all caches");
        control("/emptyicache", "drop the clean index cache entries", store::emptyIndexCache, "emptied icache");
        control("/emptylumpcache", "drop the lump cache", store::emptyLumpCache, "emptied lumpcache");
        control("/emptydcache", "nothing to drop: the operating system caches disk blocks",
                r -> Reply.text("no dcache here: the operating system's page cache holds disk blocks\n"));
        Supplier<List<LogLine>> recentLog = options.recentLog();
        if (recentLog != null) {
            add("/log", "recent log lines; /log?log=name or /log/name: those of one logger or package",
                    r -> logPage(recentLog.get(), r.get("log")));
            add("/log/", "the seed's form: /log/Store, /log/venti.server",
                    r -> logPage(recentLog.get(), String.join("/", r.fields("/log/"))));
        } else {
            absent("/log", "no log is kept in memory", "no log is kept in memory by this server: see its standard error");
        }
        add(Dashboard.ASSETS, "the dashboard's scripts, styles and uPlot", r -> dashboard.asset(r.path()));
        absent("/disk", "use the print tools", "no disk pages here: venti printarenapart, printarena, printindex "
                + "and printmap show the disk structures");
        absent("/debug", "use /index and the print tools", "no debug pages here: /index and /xindex show the arena "
                + "map; venti printindex and printarenas show where each score is stored");
        absent("/proc/", "Plan 9 only", "/proc is served only on Plan 9");
    }

    /** Work a control page does before it answers. */
    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    /** A control page that does {@code action} and answers {@code done}. */
    private void control(String path, String summary, Action action, String done) {
        control(path, summary, r -> {
            action.run();
            return Reply.text(done + "\n");
        });
    }

    private void control(String path, String summary, Page page) {
        routes.put(path, new Route(path, summary, page, true));
    }

    /** A page of the C server's that this one does not have: 404, saying {@code why}. */
    private void absent(String path, String summary, String why) {
        add(path, "not here: " + summary, r -> Reply.notFound(why));
    }

    private void add(String path, String summary, Page page) {
        routes.put(path, new Route(path, summary, page, false));
    }

    private static Reply set(Variables variables, String name, String value) {
        Variables.Answer a = variables.answer(name, value);
        return new Reply.Text(a.status(), Reply.TEXT, a.text());
    }

    /** The graph {@code parse} makes of the request, or 404 or 400 saying what is wrong with it. */
    private static Reply graph(History history, Supplier<GraphRequest> parse) {
        GraphRequest g;
        try {
            g = parse.get();
        } catch (GraphRequest.Refused e) {
            return new Reply.Text(e.status(), Reply.TEXT, e.getMessage() + "\n");
        }
        return g.answer(history);
    }

    /** All lines, or those of the log {@code name}; 404 naming the logs there are when it has none. */
    private static Reply logPage(List<LogLine> lines, String name) {
        List<LogLine> shown = name == null || name.isEmpty() ? lines
                : lines.stream().filter(l -> l.isIn(name)).toList();
        if (shown.isEmpty() && name != null && !name.isEmpty()) {
            String logs = lines.stream().map(LogLine::logger).distinct().sorted().collect(Collectors.joining(" "));
            return Reply.notFound("no log " + name + (logs.isEmpty() ? "" : ": the recent lines are from " + logs));
        }
        StringBuilder b = new StringBuilder();
        shown.forEach(l -> b.append(l.text()).append('\n'));
        return Reply.text(b.toString());
    }

    private static void syncQuietly(Store store) {
        try {
            store.sync();
        } catch (IOException | RuntimeException e) {
            log.error("kickdcache: sync failed: {}", e.getMessage(), e);
        }
    }

    /** The page at {@code path}: an exact match, else the longest path ending in a slash that it starts with. */
    Route find(String path) {
        Route r = routes.get(path);
        if (r != null) {
            return r;
        }
        Route best = null;
        for (Route x : routes.values()) {
            if (x.path().endsWith("/") && path.startsWith(x.path())
                    && (best == null || x.path().length() > best.path().length())) {
                best = x;
            }
        }
        return best;
    }

    /** The dashboard, served at {@code /} when the web root does not answer it. */
    Reply dashboard() {
        return dashboard.page(routes.values());
    }
}
