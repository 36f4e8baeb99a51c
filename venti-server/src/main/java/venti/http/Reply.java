package venti.http;

import java.nio.file.Path;

/** What a page or the web root answers: text or bytes made in memory, or a file sent as it is. */
sealed interface Reply {

    String TEXT = "text/plain; charset=utf-8";

    /** A body of text of {@code contentType} with HTTP status {@code status}. */
    record Text(int status, String contentType, String body) implements Reply {
    }

    /**
     * Bytes made in memory or read from the class path, such as an image or the dashboard's
     * scripts; {@code cacheable} lets a browser keep them for an hour.
     */
    record Bytes(String contentType, byte[] body, boolean cacheable) implements Reply {
    }

    /** A regular file of the web root. */
    record File(Path path, String contentType) implements Reply {
    }

    /** A 200 plain-text page. */
    static Text text(String body) {
        return new Text(200, TEXT, body);
    }

    /** A 404 saying why there is nothing at this path. */
    static Text notFound(String why) {
        return new Text(404, TEXT, why + "\n");
    }
}
