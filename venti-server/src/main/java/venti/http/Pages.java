package venti.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.replica.Replication;
import venti.store.Store;

/**
 * The pages of the HTTP server, by path, with the C server's names (httpd.c) and, for the
 * text pages scripts read, its output.
 *
 * <p>Control pages act on a GET, as the C server's do, so existing scripts work:
 * {@code /flushicache} writes every dirty index entry and the bloom filter to disk and answers
 * when done; {@code /flushdcache} syncs the arenas; the {@code kick} pages start the same
 * work and answer at once; the {@code empty} pages drop cached blocks and clean index entries.
 * There is no disk block cache here (the operating system's page cache is one), so
 * {@code /emptydcache} has nothing to drop and says so.
 *
 * <p>Pages this server does not have answer 404 with the reason: {@code /graph} (no history
 * is kept: {@code /metrics} feeds a monitoring system that keeps it), {@code /disk} and
 * {@code /debug} (the offline print tools show the disk structures), {@code /proc/} (Plan 9
 * only); and {@code /log} when the caller keeps no log in memory.
 *
 * <p>Thread-safe: pages may be served concurrently.
 */
final class Pages {

    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    private static final String PROC = "/proc/";
    /** The Prometheus text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** A page: answers a request with the query parameters {@code query}. */
    @FunctionalInterface
    interface Page {
        Reply serve(Map<String, String> query) throws IOException;
    }

    /** A path, a line about it for the list of pages, and the page. */
    record Route(String path, String summary, Page page) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    Pages(Store store, PrometheusMeterRegistry metrics, Variables variables, Supplier<List<String>> recentLog,
          Replication replication) {
        add("/index", "arenas and index sections, as the C server prints them",
                q -> Reply.text(IndexPages.index(store.index())));
        add("/xindex", "the same as XML",
                q -> new Reply.Text(200, "text/xml; charset=utf-8", IndexPages.xindex(store.index())));
        add("/storage", "storage totals, how memory is split between the caches, full index buckets, and each "
                + "mirror's lag", q -> Reply.text(IndexPages.storage(store.index(), store.memory(), store.cacheUse())
                        + (replication == null ? "" : replication.storageText())));
        add("/stats", "request, cache, index and disk counters", q -> Reply.text(StatsText.of(metrics)));
        add("/metrics", "the counters in the Prometheus text format",
                q -> new Reply.Text(200, PROMETHEUS_TEXT, metrics.scrape()));
        add("/set", "show variables; /set?name=v shows one, /set?name=v&value=x changes it", q -> {
            Variables.Answer a = variables.answer(q.get("name"), q.get("value"));
            return new Reply.Text(a.status(), Reply.TEXT, a.text());
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
        add("/emptydcache", "nothing to drop: the operating system caches disk blocks",
                q -> Reply.text("no dcache here: the operating system's page cache holds disk blocks\n"));
        if (recentLog != null) {
            add("/log", "recent log lines", q -> Reply.text(String.join("\n", recentLog.get()) + "\n"));
        } else {
            absent("/log", "no log is kept in memory", "no log is kept in memory by this server: see its standard error");
        }
        absent("/graph", "use /metrics", "no graphs here: this server keeps no history; scrape /metrics with a "
                + "monitoring system to graph the counters over time, or read /stats");
        absent("/disk", "use the print tools", "no disk pages here: venti printarenapart, printarena, printindex "
                + "and printmap show the disk structures");
        absent("/debug", "use /index and the print tools", "no debug pages here: /index and /xindex show the arena "
                + "map; venti printindex and printarenas show where each score is stored");
        absent(PROC, "Plan 9 only", "/proc is served only on Plan 9");
    }

    /** Work a control page does before it answers. */
    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    /** A page that does {@code action} and answers {@code done}. */
    private void control(String path, String summary, Action action, String done) {
        add(path, summary, q -> {
            action.run();
            return Reply.text(done + "\n");
        });
    }

    /** A page of the C server's that this one does not have: 404, saying {@code why}. */
    private void absent(String path, String summary, String why) {
        add(path, "not here: " + summary, q -> Reply.notFound(why));
    }

    private void add(String path, String summary, Page page) {
        routes.put(path, new Route(path, summary, page));
    }

    private static void syncQuietly(Store store) {
        try {
            store.sync();
        } catch (IOException | RuntimeException e) {
            log.error("kickdcache: sync failed: {}", e.getMessage(), e);
        }
    }

    /** The page at {@code path}: an exact match, or anything under {@code /proc/}. */
    Route find(String path) {
        return path.startsWith(PROC) ? routes.get(PROC) : routes.get(path);
    }

    /** The list of pages, served at {@code /} when the web root does not answer it. */
    Reply listing() {
        StringBuilder b = new StringBuilder("<html><head><title>venti</title></head><body>\n<h1>venti</h1>\n<ul>\n");
        for (Route r : routes.values()) {
            b.append("<li><a href=\"").append(r.path()).append("\">").append(r.path()).append("</a> &mdash; ")
                    .append(IndexPages.escape(r.summary())).append("</li>\n");
        }
        b.append("</ul>\n</body></html>\n");
        return new Reply.Text(200, "text/html; charset=utf-8", b.toString());
    }
}
