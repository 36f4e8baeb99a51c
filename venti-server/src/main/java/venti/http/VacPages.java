package venti.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import venti.core.BlockStore;
import venti.core.Score;
import venti.vac.VacArchive;
import venti.vac.VacException;
import venti.vac.VacNode;

/**
 * Browsing vac archives over HTTP: {@code /vac/<score>/} lists the archive's top directory,
 * {@code /vac/<score>/a/b/} the directory a/b (name, size, modification time, mode), and
 * {@code /vac/<score>/a/b/file} downloads the file. Blocks are read from the store directly,
 * so any archive written to this server can be browsed without unvac.
 *
 * <p>A malformed score, a score with no vac root behind it, and a path the archive does not
 * have answer 404 with the reason; an archive that cannot be read (a bad block, a malformed
 * meta block) answers 500 naming the path and block. A directory asked for without its
 * final slash is redirected to it, so relative links work.
 *
 * <p>Thread-safe: it keeps nothing between requests.
 */
final class VacPages {

    static final String PREFIX = "/vac/";
    private static final DateTimeFormatter MTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final BlockStore store;

    VacPages(BlockStore store) {
        this.store = store;
    }

    /** Whether {@code path} is one of these pages. */
    static boolean handles(String path) {
        return path.startsWith(PREFIX) || path.equals("/vac");
    }

    /** The answer for the (decoded) request path. */
    Reply serve(String path) {
        String rest = path.length() <= PREFIX.length() ? "" : path.substring(PREFIX.length());
        if (rest.isEmpty()) {
            return Reply.notFound("give an archive's score: /vac/<score>/ lists its top directory");
        }
        int slash = rest.indexOf('/');
        String scoreText = slash < 0 ? rest : rest.substring(0, slash);
        String inside = slash < 0 ? "" : rest.substring(slash + 1);
        Score score;
        try {
            score = Score.parse(scoreText);
        } catch (IllegalArgumentException e) {
            return Reply.notFound(e.getMessage());
        }
        try {
            VacArchive archive;
            try {
                archive = VacArchive.open(store, score);
            } catch (VacException e) {
                return Reply.notFound(e.getMessage());
            }
            VacNode node = archive.walk(inside);
            if (node == null) {
                return Reply.notFound("vac:" + score + ": " + inside + ": no such file or directory");
            }
            if (node.isDir()) {
                if (!path.endsWith("/")) {
                    return new Reply.Redirect(path.substring(path.lastIndexOf('/') + 1) + "/");
                }
                return listing(archive, node, inside);
            }
            return download(archive, node);
        } catch (IOException | RuntimeException e) {
            return new Reply.Text(500, Reply.TEXT, e.getMessage() + "\n");
        }
    }

    private Reply listing(VacArchive archive, VacNode dir, String inside) throws IOException {
        List<VacNode> children = archive.list(dir);
        String title = "vac:" + archive.score() + "/" + inside;
        StringBuilder b = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>")
                .append(IndexPages.escape(title)).append("</title></head><body>\n<h1>")
                .append(IndexPages.escape(title)).append("</h1>\n<table>\n")
                .append("<tr><th align=left>name</th><th align=right>size</th><th align=left>modified</th>"
                        + "<th align=left>mode</th></tr>\n");
        if (!inside.isEmpty()) {
            b.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td><td></td></tr>\n");
        }
        for (VacNode c : children) {
            String name = c.dir().elem() + (c.isDir() ? "/" : "");
            b.append("<tr><td><a href=\"").append(IndexPages.escape(link(name))).append("\">")
                    .append(IndexPages.escape(name)).append("</a></td><td align=right>")
                    .append(c.isDir() ? "" : Long.toString(c.size())).append("</td><td>")
                    .append(MTIME.format(Instant.ofEpochSecond(c.dir().mtime()))).append("</td><td>")
                    .append(String.format("%04o", c.dir().mode() & 07777)).append("</td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        return new Reply.Text(200, "text/html; charset=utf-8", b.toString());
    }

    private Reply download(VacArchive archive, VacNode file) throws IOException {
        var f = archive.open(file);
        return new Reply.Stream(f.size(), "application/octet-stream", out -> {
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                f.copyTo(out, readers);
            }
        });
    }

    /** A relative link to a name: percent-encoded, and never read as a scheme. */
    private static String link(String name) {
        try {
            return new URI(null, null, "./" + name, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + name, e);
        }
    }
}
