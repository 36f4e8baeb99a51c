package venti.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockStore;
import venti.core.Counters;
import venti.core.DialAddress;

/**
 * A Venti protocol server: serves a {@link BlockStore} to any number of clients over TCP,
 * speaking protocol 02 and 04 as plan9port's venti does.
 *
 * <p>Design. One virtual thread accepts connections; each connection gets a thread that
 * reads its requests and a virtual thread per request (see {@link Connection}), so requests
 * from one client are served concurrently and answered by tag, unlike the C server's single
 * request loop. The reader is a platform thread: a virtual thread blocked on a socket is
 * woken through the JDK's poller and then a carrier, and those two extra context switches per
 * frame cost a third of the throughput of 8 KiB writes on two cores (240 against 180 MB/s
 * into {@code venti devnull}); {@link ServerOptions#maxConnections()} bounds the platform
 * threads. Nothing is shared between connections but the store: a client that breaks the
 * protocol loses only its own connection.
 *
 * <p>The protocol's behaviour is the C server's, captured byte for byte in the wire vectors,
 * with one intended difference: Tping is answered with Rping, as venti(7) says, where the C
 * server answers {@code Rerror "unknown request"}.
 *
 * <p>{@link #close()} stops accepting, stops reading from every connection, lets the requests
 * in flight finish for at most {@link ServerOptions#drainTimeout()}, and closes everything;
 * it is safe to call from a shutdown hook and more than once. The store is the caller's to
 * close afterwards.
 *
 * <p>Thread-safe.
 */
public final class VentiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VentiServer.class);
    private static final int BACKLOG = 128;

    private final ServerSocket listener;
    private final Requests requests;
    private final ServerOptions options;
    private final Counters<ServerCounter> stats = new Counters<>(ServerCounter.class);
    private final LatencyHistogram readTimes = new LatencyHistogram();
    private final LatencyHistogram writeTimes = new LatencyHistogram();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore connectionSlots;
    private final ThreadFactory requestThreads = Thread.ofVirtual().name("venti-request-", 0).factory();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Thread acceptor;
    private final StallWatcher watcher;

    private VentiServer(ServerSocket listener, BlockStore store, ServerOptions options) {
        this.listener = listener;
        this.requests = new Requests(store, options.readOnly(), stats, readTimes, writeTimes);
        this.options = options;
        this.connectionSlots = new Semaphore(options.maxConnections());
        this.acceptor = Thread.ofVirtual().name("venti-accept " + address()).unstarted(this::accept);
        this.watcher = new StallWatcher(connections, "venti-stall-watcher " + address());
    }

    /**
     * Listens on {@code address} ({@code tcp!*!venti} for every local address; port 0 for any
     * free port) and starts serving.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static VentiServer start(DialAddress address, BlockStore store, ServerOptions options) throws IOException {
        return start(bind(address), store, options);
    }

    /**
     * Binds {@code address} without accepting yet, so a server can claim its address before
     * it recovers its store.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static ServerSocket bind(DialAddress address) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address.toSocketAddress(), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot announce " + address + ": " + e.getMessage(), e);
        }
        return listener;
    }

    /** Serves {@code store} on {@code listener}, bound by {@link #bind}. */
    public static VentiServer start(ServerSocket listener, BlockStore store, ServerOptions options) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(options, "options");
        VentiServer server = new VentiServer(listener, store, options);
        server.acceptor.start();
        server.watcher.start();
        log.debug("serving {} on {}{}", store.getClass().getSimpleName(), server.address(),
                options.readOnly() ? " (read only)" : "");
        return server;
    }

    /** The address the server listens on, with the port the system chose for port 0. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The address as a dial string for clients on this host: the wildcard becomes 127.0.0.1. */
    public DialAddress dialAddress() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return new DialAddress(host, a.getPort());
    }

    /** What the server has answered since it started. */
    public Counters<ServerCounter> stats() {
        return stats;
    }

    /** How long the reads answered so far took. */
    public LatencyHistogram readTimes() {
        return readTimes;
    }

    /** How long the writes answered so far took. */
    public LatencyHistogram writeTimes() {
        return writeTimes;
    }

    /** Connections open now. */
    public int connections() {
        return connections.size();
    }

    /** Waits until the server has been closed. */
    public void awaitClose() throws InterruptedException {
        try {
            terminated.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closing never fails", e);
        }
    }

    private void accept() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing.get()) {
                    log.warn("accepting on {}: {}", address(), e.toString());
                    pause();
                }
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                log.warn("{} connections open, the limit: turning away {}", options.maxConnections(),
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            Connection c = new Connection(socket, requests, options, requestThreads, watcher::wake);
            connections.add(c);
            stats.increment(ServerCounter.CONNECTIONS);
            log.debug("{}: connected", c.peer());
            c.closed().whenComplete((done, failed) -> {
                connections.remove(c);
                connectionSlots.release();
            });
            Thread.ofPlatform().daemon().name("venti-conn " + c.peer()).start(c::run);
        }
    }

    /** A short wait after a failed accept (such as running out of file descriptors). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            terminated.join();
            return;
        }
        try {
            closeQuietly(listener);
            acceptor.join();
            List<Connection> open = new ArrayList<>(connections);
            open.forEach(Connection::drain);
            long deadline = System.nanoTime() + options.drainTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
            for (Connection c : open) {
                try {
                    c.closed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    c.abort();
                }
            }
            log.info("stopped serving on {}", address());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.forEach(Connection::abort);
        } finally {
            watcher.close();
            terminated.complete(null);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", c, e.toString());
        }
    }
}
