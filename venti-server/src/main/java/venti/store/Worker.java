package venti.store;

import java.io.Closeable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A background thread of the store, woken through {@link #wake} and stopped by
 * {@link #close}. Subclasses keep their state under {@link #lock} and leave {@link #run}
 * when {@link #closing} is set. Thread-safe.
 */
abstract class Worker implements Closeable {

    final ReentrantLock lock = new ReentrantLock();
    final Condition wake = lock.newCondition();
    /** Set by {@link #close}; guarded by {@link #lock}. */
    boolean closing;
    private final Thread thread;
    private final long joinMillis;

    /** A worker named {@code name} whose {@link #close} waits at most {@code joinMillis} (0: until it ends). */
    Worker(String name, long joinMillis) {
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        this.joinMillis = joinMillis;
    }

    /** Starts the thread; subclasses call it once their constructor is done. */
    final void start() {
        thread.start();
    }

    final boolean isAlive() {
        return thread.isAlive();
    }

    /** The thread's work, until {@link #closing}. */
    abstract void run();

    /** Asks the thread to stop and waits for it. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
