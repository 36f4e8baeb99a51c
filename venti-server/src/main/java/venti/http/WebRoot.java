package venti.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directory of static files ({@code -W webroot}, venti.conf's {@code webroot}) served for
 * paths that name no page, as the C server's {@code fromwebdir} does.
 *
 * <p>Safety. The path is taken after URL decoding and split at {@code /}; a segment that
 * starts with a dot ({@code ..}, {@code .}, hidden files), holds a backslash or a NUL, or is
 * not a valid file name refuses the request, and so does a file whose real path, with
 * symbolic links resolved, lies outside the root's. A directory is served as its
 * {@code index.html}; only regular files are served. The content type follows the file's
 * extension ({@link #contentType}).
 *
 * <p>Immutable and thread-safe.
 */
final class WebRoot {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "text/xml; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"));
    private static final String OTHER = "application/octet-stream";
    private static final String INDEX = "index.html";

    private final Path root;

    private WebRoot(Path root) {
        this.root = root;
    }

    /**
     * The web root at {@code dir}.
     *
     * @throws IOException when {@code dir} is not a directory that can be read
     */
    static WebRoot open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("webroot " + dir + " is not a directory");
        }
        return new WebRoot(dir.toRealPath());
    }

    /** The file that answers the decoded request path {@code path}, if one may be served. */
    Optional<Path> resolve(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        Path p = root;
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(".") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            try {
                p = p.resolve(segment);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        if (Files.isDirectory(p)) {
            p = p.resolve(INDEX);
        }
        try {
            Path real = p.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(real)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The content type for a file named {@code file}, from its extension. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? OTHER : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OTHER);
    }
}
