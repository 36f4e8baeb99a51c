package venti.http;

import java.util.List;
import java.util.Map;
import venti.stats.Bin;
import venti.stats.GraphType;
import venti.stats.History;
import venti.stats.Stat;

/**
 * What {@code /graph} is asked to draw, with the C server's parameters and defaults (httpd.c
 * {@code xgraph}): {@code arg} the statistic ({@code *} for the bandwidth graphs),
 * {@code arg2} the one to divide by, {@code graph} the {@link GraphType}, {@code t0} and
 * {@code t1} the times (seconds since the epoch, or up to 0 for seconds before the latest
 * sample; by default the last two minutes; a {@code t1} not after {@code t0} means the ten
 * minutes before {@code t1}), {@code min} and {@code max} fix the vertical range, {@code wid}
 * and {@code ht} the image's size in pixels (540 × 42 unless larger than the smallest the C
 * server draws), {@code fill} one of six colours, and {@code text} asks for the C server's
 * 100 bins as text instead of an image.
 *
 * <p>The seed's path form takes the same as {@code /graph/NAME/option/...} where an option is
 * {@code t0=}, {@code t1=}, {@code min=}, {@code max=}, {@code wid=}, {@code ht=},
 * {@code fill=}, {@code text}, a graph type ({@code diff}, {@code diskbw}, ...), or
 * {@code pct=}, {@code pctdiff=} or {@code divdiff=} naming {@code arg2} (the first two fix
 * the range at 0 to 100, as in the seed).
 *
 * <p>An unknown statistic, graph or option is refused with 404 naming it, and a number that
 * does not parse with 400.
 */
record GraphRequest(GraphType type, Stat arg, Stat arg2, long t0, long t1, long min, long max, int wid, int ht,
                    int fill, boolean text) {

    /** Bins of a text answer (the C {@code dotextbin}). */
    static final int TEXT_BINS = 100;

    /** Why a request is refused, and with which HTTP status. */
    static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The query form: {@code /graph?arg=NAME&arg2=NAME&graph=TYPE&t0=...}. */
    static GraphRequest ofQuery(Map<String, String> q) {
        GraphType type = graphType(q.getOrDefault("graph", "raw"));
        String a2 = q.getOrDefault("arg2", "");
        return checked(type, stat(q.getOrDefault("arg", ""), type), a2.isEmpty() ? null : stat(a2, null),
                number(q, "t0", -120), number(q, "t1", 0), number(q, "min", -1), number(q, "max", -1),
                (int) number(q, "wid", -1), (int) number(q, "ht", -1), (int) number(q, "fill", -1),
                !q.getOrDefault("text", "").isEmpty());
    }

    /** The seed's path form: the fields after {@code /graph/}. */
    static GraphRequest ofPath(List<String> fields) {
        if (fields.isEmpty()) {
            throw new Refused(404, "/graph/ needs a statistic: /graph/rpctotal/diff");
        }
        GraphType type = GraphType.RAW;
        String a2 = null;
        long t0 = -120;
        long t1 = 0;
        long min = -1;
        long max = -1;
        int wid = -1;
        int ht = -1;
        int fill = -1;
        boolean text = false;
        for (String f : fields.subList(1, fields.size())) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            switch (key) {
                case "t0" -> t0 = parse(key, value);
                case "t1" -> t1 = parse(key, value);
                case "min" -> min = parse(key, value);
                case "max" -> max = parse(key, value);
                case "wid" -> wid = (int) parse(key, value);
                case "ht" -> ht = (int) parse(key, value);
                case "fill" -> fill = (int) parse(key, value);
                case "text" -> text = true;
                case "pct", "pctdiff", "divdiff" -> {
                    type = graphType(key);
                    a2 = value;
                    if (type != GraphType.DIVDIFF) {
                        min = 0;
                        max = 100;
                    }
                }
                default -> {
                    if (eq >= 0 || GraphType.byName(key).isEmpty()) {
                        throw new Refused(404, "unknown graph option " + f);
                    }
                    type = graphType(key);
                }
            }
        }
        return checked(type, stat(fields.getFirst(), type), a2 == null ? null : stat(a2, null), t0, t1, min, max,
                wid, ht, fill, text);
    }

    private static GraphRequest checked(GraphType type, Stat arg, Stat arg2, long t0, long t1, long min, long max,
                                        int wid, int ht, int fill, boolean text) {
        if (type.needsArg2() && arg2 == null) {
            throw new Refused(404, "graph " + type.graphName() + " needs arg2, the statistic to divide by");
        }
        return new GraphRequest(type, arg, arg2, t0, t1, min, max, wid, ht, fill, text);
    }

    private static GraphType graphType(String name) {
        return GraphType.byName(name).orElseThrow(() -> new Refused(404, "unknown graph " + name));
    }

    /** The statistic {@code name}; {@code *} (null) only for a bandwidth graph, which takes none. */
    private static Stat stat(String name, GraphType type) {
        if (name.equals("*") && type != null && type.isBandwidth()) {
            return null;
        }
        if (name.equals("*") && type != null) {
            throw new Refused(404, "graph " + type.graphName() + " needs a statistic, not *");
        }
        return Stat.byName(name).orElseThrow(() -> new Refused(404, "unknown name " + name));
    }

    private static long number(Map<String, String> q, String key, long otherwise) {
        String v = q.get(key);
        return v == null || v.isEmpty() ? otherwise : parse(key, v);
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Refused(400, "bad " + key + " '" + value + "': want an integer");
        }
    }

    /** The start and end in seconds since the epoch, relative to {@code latest} as the C {@code binstats}. */
    long[] span(long latest) {
        long from = t0 <= 0 ? t0 + latest : t0;
        long to = t1 <= 0 ? t1 + latest : t1;
        if (to <= from) {
            from = to - 600;
        }
        return new long[] {from, to};
    }

    /** The graph as an image, or the text of its bins. */
    Reply answer(History history) {
        long latest = history.latest() > 0 ? history.latest() : System.currentTimeMillis() / 1000;
        long[] span = span(latest);
        if (text) {
            return new Reply.Text(200, Reply.TEXT, text(history.bins(type, arg, arg2, span[0], span[1], TEXT_BINS)));
        }
        GraphImage image = GraphImage.of(this);
        Bin[] bins = history.bins(type, arg, arg2, span[0], span[1], image.bins());
        return new Reply.Bytes("image/png", image.png(bins, span[0], span[1]), false);
    }

    /** The C server's text: a header, then each bin's samples, least, greatest and mean value. */
    static String text(Bin[] bins) {
        StringBuilder b = new StringBuilder("stats\n\n");
        for (int i = 0; i < bins.length; i++) {
            Bin x = bins[i];
            b.append(i).append(": nsamp=").append(x.samples()).append(" min=").append(Math.round(x.min()))
                    .append(" max=").append(Math.round(x.max())).append(" avg=").append(Math.round(x.avg())).append('\n');
        }
        return b.toString();
    }

    /** What the graph is called in its title. */
    String title() {
        String what = arg == null ? "" : arg.graphName() + " ";
        return what + type.graphName() + (arg2 == null ? "" : " " + arg2.graphName());
    }
}
