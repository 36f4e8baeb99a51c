package venti.http;

import java.nio.file.Path;

/** What a page or the web root answers: text made in memory, a file sent as it is, a stream, or a redirect. */
sealed interface Reply {

    String TEXT = "text/plain; charset=utf-8";

    /** A body of text of {@code contentType} with HTTP status {@code status}. */
    record Text(int status, String contentType, String body) implements Reply {
    }

    /** A regular file of the web root. */
    record File(Path path, String contentType) implements Reply {
    }

    /** A body of {@code length} bytes written as it is made, such as a file read from an archive. */
    record Stream(long length, String contentType, Body body) implements Reply {
    }

    /** Writes a {@link Stream}'s body. */
    @FunctionalInterface
    interface Body {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    /** A 301 to {@code location} (relative to the request's path). */
    record Redirect(String location) implements Reply {
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
