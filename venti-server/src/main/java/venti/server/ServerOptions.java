package venti.server;

import java.time.Duration;
import java.util.Objects;
import venti.wire.Frame;

/**
 * How a {@link VentiServer} treats its connections.
 *
 * @param readOnly       refuse every write with {@code Rerror "read only"}, as the C server's {@code -r}
 * @param idleTimeout    how long a connection may sit in the version and hello exchange, or in the
 *                       middle of a frame, before it is closed; between frames a connection may stay
 *                       idle for ever, as clients keep sessions open
 * @param maxInFlight    requests of one connection served at once; the connection's reader waits
 *                       while this many are unanswered, so one client holds at most this many
 *                       frames in memory
 * @param maxFrame       the longest message accepted; a longer frame closes the connection before
 *                       anything is allocated for it
 * @param maxConnections connections served at once; one more is closed as soon as it is accepted
 * @param drainTimeout   how long {@link VentiServer#close()} lets requests in flight finish
 */
public record ServerOptions(boolean readOnly, Duration idleTimeout, int maxInFlight, int maxFrame,
                            int maxConnections, Duration drainTimeout) {

    /**
     * Writable, 5 minutes idle timeout, 64 requests in flight per connection, frames up to
     * {@link Frame#DEFAULT_MAX_LENGTH}, 10,000 connections, 10 seconds to drain.
     */
    public static final ServerOptions DEFAULT = new ServerOptions(false, Duration.ofMinutes(5), 64,
            Frame.DEFAULT_MAX_LENGTH, 10_000, Duration.ofSeconds(10));

    public ServerOptions {
        positive(idleTimeout, "idle timeout");
        positive(drainTimeout, "drain timeout");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("requests in flight per connection must be at least 1, got " + maxInFlight);
        }
        if (maxFrame < Frame.DEFAULT_MAX_LENGTH / 4) {
            throw new IllegalArgumentException("frame limit " + maxFrame + " is below "
                    + Frame.DEFAULT_MAX_LENGTH / 4 + ", which the largest block needs");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("connection limit must be at least 1, got " + maxConnections);
        }
    }

    public ServerOptions withReadOnly(boolean value) {
        return new ServerOptions(value, idleTimeout, maxInFlight, maxFrame, maxConnections, drainTimeout);
    }

    public ServerOptions withIdleTimeout(Duration value) {
        return new ServerOptions(readOnly, value, maxInFlight, maxFrame, maxConnections, drainTimeout);
    }

    public ServerOptions withMaxInFlight(int value) {
        return new ServerOptions(readOnly, idleTimeout, value, maxFrame, maxConnections, drainTimeout);
    }

    public ServerOptions withMaxConnections(int value) {
        return new ServerOptions(readOnly, idleTimeout, maxInFlight, maxFrame, value, drainTimeout);
    }

    public ServerOptions withDrainTimeout(Duration value) {
        return new ServerOptions(readOnly, idleTimeout, maxInFlight, maxFrame, maxConnections, value);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
