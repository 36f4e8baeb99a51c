package venti.client;

import java.io.IOException;

/**
 * The server refused a request with an {@code Rerror}. {@link #getMessage()} is the server's
 * text exactly as sent (for example {@code no block with score .../0 exists} or
 * {@code lump too large}); the connection stays usable.
 */
public final class ServerErrorException extends IOException {

    private final String server;

    /** The error {@code message} that {@code server} (a dial string) sent. */
    public ServerErrorException(String server, String message) {
        super(message);
        this.server = server;
    }

    /** The server that sent the error, as a dial string. */
    public String server() {
        return server;
    }
}
