package venti.server;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's stall watcher: a thread that lets a new reader take over each connection whose
 * reader has been serving one request itself for longer than {@link #STALL}, so one slow
 * request does not hold up the requests behind it.
 *
 * <p>It looks every {@link #STALL} only while some reader is busy; when none is, it sleeps
 * until a reader turns busy ({@link #wake()}) or the server closes, instead of waking a
 * thousand times a second on an idle server. Before sleeping it says so and looks once more:
 * a reader that turned busy meanwhile is either seen by that look or sees the flag and wakes
 * it, so no stall goes unwatched.
 *
 * <p>Thread-safe: {@link #wake()} and {@link #close()} may be called from any thread.
 */
final class StallWatcher {

    /** How long a request may hold the reader before another thread takes over reading. */
    static final long STALL = TimeUnit.MILLISECONDS.toNanos(1);

    private final Collection<Connection> connections;
    private final Thread thread;
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean closed;

    StallWatcher(Collection<Connection> connections, String name) {
        this.connections = connections;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** A reader has turned busy: makes sure the watcher is looking. Cheap when it already is. */
    void wake() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the watcher; it ends soon after. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            if (look()) {
                LockSupport.parkNanos(this, STALL);
                continue;
            }
            sleeping.set(true);
            if (!look() && !closed) {
                LockSupport.park(this);
            }
            sleeping.set(false);
        }
    }

    /** Hands over every stalled reader; true when some reader is busy. */
    private boolean look() {
        long now = System.nanoTime();
        boolean busy = false;
        for (Connection c : connections) {
            if (c.busy()) {
                busy = true;
                c.takeOverIfStalled(now, STALL);
            }
        }
        return busy;
    }
}
