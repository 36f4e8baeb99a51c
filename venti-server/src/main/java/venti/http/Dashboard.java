package venti.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import venti.replica.Mirror;
import venti.replica.MirrorStatus;
import venti.server.VentiServer;
import venti.stats.History;
import venti.stats.Stat;
import venti.store.Arena;
import venti.store.Store;

/**
 * The live dashboard at {@code /}: a page whose script fetches {@code /stats.json} every
 * second and draws the history with uPlot, both served from the jar under {@link #ASSETS}
 * (uPlot from its WebJar), so a browser with no internet access shows it all.
 *
 * <p>{@code /stats.json?since=T} holds the per-second samples taken after {@code T} (seconds
 * since the epoch; the last ten minutes without it), every statistic's name, unit and kind,
 * the storage totals with the space left and a time-to-full estimate from how fast the
 * arenas filled over the last hour, each mirror's state and lag, the variables of
 * {@code /set}, the latest log lines,
 * the version, the start time and the bytes the history holds.
 *
 * <p>Thread-safe: the assets are read once; the rest is made for each request.
 */
final class Dashboard {

    /** Where the page's own scripts and styles, and uPlot's, are served. */
    static final String ASSETS = "/ui/";
    /** Per-second samples sent without {@code since}, and at most with it. */
    static final int DEFAULT_SECONDS = 600;
    static final int MAX_SECONDS = History.SECONDS;
    /** Log lines sent. */
    static final int LOG_LINES = 60;
    /** The window over which the arenas' fill rate is measured. */
    static final long FILL_WINDOW = 3600;

    private static final String OWN = "venti/http/dashboard/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8");

    private final Store store;
    private final History history;
    private final Variables variables;
    private final Httpd.Options options;
    private final Map<String, byte[]> assets;
    private final String page;

    Dashboard(Store store, History history, Variables variables, Httpd.Options options) {
        this.store = store;
        this.history = history;
        this.variables = variables;
        this.options = options;
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion() + "/dist/";
        this.assets = Map.of(
                "uPlot.iife.min.js", resource(uplot + "uPlot.iife.min.js"),
                "uPlot.min.css", resource(uplot + "uPlot.min.css"),
                "dashboard.js", resource(OWN + "dashboard.js"),
                "dashboard.css", resource(OWN + "dashboard.css"));
        this.page = new String(resource(OWN + "index.html"), StandardCharsets.UTF_8);
    }

    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the jar lacks " + name + ": the build is broken");
        }
        return in;
    }

    /** The page, listing {@code routes} at its foot. */
    Reply page(Collection<Pages.Route> routes) {
        StringBuilder list = new StringBuilder();
        for (Pages.Route r : routes) {
            if (!r.path().equals(ASSETS)) {
                list.append("<li><a href=\"").append(r.path()).append("\">").append(r.path()).append("</a> ")
                        .append(IndexPages.escape(r.summary())).append("</li>\n");
            }
        }
        String html = page.replace("{{version}}", IndexPages.escape(options.version())).replace("{{pages}}", list);
        return new Reply.Text(200, "text/html; charset=utf-8", html);
    }

    /** A script or style sheet under {@link #ASSETS}. */
    Reply asset(String path) {
        String name = path.substring(ASSETS.length());
        byte[] body = assets.get(name);
        if (body == null) {
            return Reply.notFound(path + " not found");
        }
        return new Reply.Bytes(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body, true);
    }

    /** {@code /stats.json}. */
    Reply json(Pages.Request request) {
        String since = request.get("since");
        long from;
        try {
            from = since == null || since.isEmpty() ? 0 : Long.parseLong(since);
        } catch (NumberFormatException e) {
            return new Reply.Text(400, Reply.TEXT, "bad since '" + since + "': want seconds since the epoch\n");
        }
        History.Series s = history.since(from, from == 0 ? DEFAULT_SECONDS : MAX_SECONDS);
        Json j = new Json().open('{');
        j.member("version", options.version());
        j.member("started", ManagementFactory.getRuntimeMXBean().getStartTime());
        j.member("now", System.currentTimeMillis());
        j.member("historyBytes", history.memoryBytes());
        j.name("stats").open('[');
        for (Stat st : Stat.values()) {
            j.open('{').member("name", st.graphName()).member("description", st.description())
                    .member("unit", st.unit().symbol()).member("kind", st.kind().name().toLowerCase(Locale.ROOT))
                    .close('}');
        }
        j.close(']');
        j.name("times").open('[');
        for (long t : s.times()) {
            j.value(t);
        }
        j.close(']');
        j.name("values").open('[');
        for (long[] row : s.values()) {
            j.open('[');
            for (long v : row) {
                j.value(v);
            }
            j.close(']');
        }
        j.close(']');
        storage(j);
        mirrors(j);
        j.name("variables").open('[');
        for (Variable v : variables.all()) {
            j.open('{').member("name", v.name()).member("value", v.value().getAsInt())
                    .member("noEffect", v.noEffect()).close('}');
        }
        j.close(']');
        j.name("log").open('[');
        List<LogLine> lines = options.recentLog() == null ? List.of() : options.recentLog().get();
        for (LogLine l : lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())) {
            j.open('{').member("level", l.level()).member("logger", l.logger()).member("text", l.text()).close('}');
        }
        j.close(']');
        VentiServer server = options.server();
        j.member("address", server == null ? null : server.dialAddress().toString());
        j.close('}');
        return new Reply.Text(200, "application/json", j.toString());
    }

    /** Each mirror's state and how far its replica is behind the log, as /storage gives them. */
    private void mirrors(Json j) {
        j.name("mirrors").open('[');
        if (options.replication() != null) {
            for (Mirror m : options.replication().mirrors()) {
                MirrorStatus s = m.status();
                j.open('{').member("replica", s.replica()).member("mode", s.sync() ? "sync" : "async")
                        .member("state", s.state().label()).member("replicated", s.replicated().toString())
                        .member("clumpsBehind", s.clumpsBehind()).member("bytesBehind", s.bytesBehind())
                        .member("secondsBehind", s.secondsBehind()).member("sentClumps", s.sentClumps())
                        .member("sentBytes", s.sentBytes()).close('}');
            }
        }
        j.close(']');
    }

    /** The arenas now: totals, the arena being filled, and how soon at this rate they are full. */
    private void storage(Json j) {
        long[] now = history.current(store, null);
        long space = now[Stat.ARENA_SPACE.ordinal()];
        long used = now[Stat.ARENA_USED.ordinal()];
        double rate = history.rate(Stat.ARENA_USED, FILL_WINDOW);
        j.name("storage").open('{');
        j.member("arenas", now[Stat.ARENAS.ordinal()]).member("active", now[Stat.ARENA_ACTIVE.ordinal()])
                .member("sealed", now[Stat.ARENA_SEALED.ordinal()]).member("space", space).member("used", used)
                .member("data", now[Stat.ARENA_DATA.ordinal()]).member("fillRate", rate)
                .member("secondsToFull", rate > 0 ? (space - used) / rate : Double.NaN);
        Arena current = store.currentArena().orElse(null);
        if (current != null) {
            j.member("current", current.name()).member("currentUsed", current.trailer().memStats().used())
                    .member("currentSize", current.dataSize());
        }
        j.close('}');
    }
}
