package venti.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.DialAddress;
import venti.replica.Replication;
import venti.store.Store;
import venti.store.VentiConfig;

/**
 * A running Venti server: the store, the protocol server on it and, when asked for, a status
 * server (the HTTP pages), which is what {@code venti server} runs, here without the command
 * line.
 *
 * <p>Start order: lock the store's partitions (refusing at once when another process has
 * them), bind the listening addresses (the protocol's, then the status server's), recover the
 * store, start the mirrors and the healer, serve. So a second server on the same store, or on a
 * busy port, stops before anything on disk changes. When a step fails, whatever was already
 * started is closed before the failure goes on, so nothing is left open or listening. A status
 * server that cannot be bound or started (its address taken) fails the start too.
 *
 * <p>Close order, the reverse: the status server; the protocol server (stops accepting, lets
 * requests in flight finish); the mirrors; the store (writes back the index and the bloom filter).
 *
 * <p>Thread-safe: {@link #close} may be called from any thread, a shutdown hook included, and
 * more than once; only the first call closes.
 *
 * @param <S> the status server's type
 */
public final class VentiDaemon<S extends AutoCloseable> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VentiDaemon.class);

    /**
     * What to serve and where.
     *
     * @param dir    what relative partition names in {@code config} are resolved against
     * @param listen      the address to listen on
     * @param replication the mirrors and heal sources to start on the store
     */
    public record Settings(VentiConfig config, Path dir, DialAddress listen, boolean readOnly, Store.Options cache,
                           Replication.Plan replication) {

        /** Settings with no mirrors and no heal sources. */
        public Settings(VentiConfig config, Path dir, DialAddress listen, boolean readOnly, Store.Options cache) {
            this(config, dir, listen, readOnly, cache, Replication.Plan.NONE);
        }
    }

    /** The status server, in two steps: its address is bound before the store recovers. */
    @FunctionalInterface
    public interface StatusServer<S extends AutoCloseable> {
        /** Binds the status server's address; the result starts it once the store and protocol server run. */
        Pending<S> bind() throws IOException;
    }

    /** A status server bound but not serving yet. */
    public interface Pending<S extends AutoCloseable> extends AutoCloseable {
        /** Starts serving on the running store, protocol server and replication. */
        S start(Store store, VentiServer server, Replication replication) throws IOException;

        /** Lets the address go, when the server is never started. */
        @Override
        void close();
    }

    private final Store store;
    private final Replication replication;
    private final VentiServer server;
    private final S status;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VentiDaemon(Store store, Replication replication, VentiServer server, S status) {
        this.store = store;
        this.replication = replication;
        this.server = server;
        this.status = status;
    }

    /**
     * Starts serving.
     *
     * @param status starts the status server, or null for none
     * @throws IOException when the store cannot be opened or an address cannot be listened on
     */
    public static <S extends AutoCloseable> VentiDaemon<S> start(Settings settings, StatusServer<S> status)
            throws IOException {
        Addresses<S> bound = new Addresses<>(settings.listen(), status);
        Store store;
        try {
            store = Store.open(settings.config(), settings.dir(),
                    settings.readOnly() ? Store.Mode.READ_ONLY : Store.Mode.READ_WRITE, settings.cache(),
                    line -> log.info("{}", line), bound::bind);
        } catch (IOException | RuntimeException | Error e) {
            bound.close();
            throw e;
        }
        Replication replication = null;
        VentiServer server = null;
        try {
            replication = Replication.start(store, settings.replication());
            ServerOptions options = ServerOptions.DEFAULT.withReadOnly(settings.readOnly());
            server = VentiServer.start(bound.listener, store, options);
            S started = bound.status == null ? null : bound.status.start(store, server, replication);
            return new VentiDaemon<>(store, replication, server, started);
        } catch (IOException | RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            bound.close();
            if (replication != null) {
                replication.close();
            }
            try {
                store.close();
            } catch (IOException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
    }

    /** The listening addresses, bound once the store is locked and before it recovers. */
    private static final class Addresses<S extends AutoCloseable> {
        private final DialAddress listen;
        private final StatusServer<S> statusServer;
        ServerSocket listener;
        Pending<S> status;

        Addresses(DialAddress listen, StatusServer<S> statusServer) {
            this.listen = listen;
            this.statusServer = statusServer;
        }

        void bind() throws IOException {
            listener = VentiServer.bind(listen);
            status = statusServer == null ? null : statusServer.bind();
        }

        /** Lets both addresses go, when serving never started. */
        void close() {
            if (status != null) {
                status.close();
            }
            if (listener != null) {
                try {
                    listener.close();
                } catch (IOException e) {
                    log.debug("closing {}: {}", listen, e.toString());
                }
            }
        }
    }

    /** The store being served. */
    public Store store() {
        return store;
    }

    /** The protocol server. */
    public VentiServer server() {
        return server;
    }

    /** The mirrors and healer, none when the settings named none. */
    public Replication replication() {
        return replication;
    }

    /** The status server, when it was asked for and started. */
    public Optional<S> status() {
        return Optional.ofNullable(status);
    }

    /** Waits until the protocol server has been closed. */
    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    /** Stops the status server, then the protocol server, then the mirrors, then writes back and closes the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (status != null) {
            try {
                status.close();
            } catch (Exception e) {
                log.warn("closing the status server: {}", e.getMessage(), e);
            }
        }
        server.close();
        replication.close();
        try {
            store.close();
        } catch (IOException e) {
            log.error("closing the store: {}", e.getMessage(), e);
        }
    }
}
