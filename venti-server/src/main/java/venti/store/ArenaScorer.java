package venti.store;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Score;

/**
 * Computes the scores of sealed arenas in the background (the C {@code sumproc}) and stores
 * them in their trailers.
 *
 * <p>An arena is scored once it is sealed and the index has caught up with it, because until
 * then its trailer still changes. The C server waits for the disks to be idle as well; this
 * one starts at once, reading the arena in large pieces. If the store closes first, the
 * arena is scored at the next start. Thread-safe; one background thread does the work.
 */
final class ArenaScorer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ArenaScorer.class);

    private final DataLog dataLog;
    private final ArrayDeque<Arena> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean closing;
    private boolean busy;

    ArenaScorer(DataLog dataLog) {
        this.dataLog = dataLog;
        this.thread = Thread.ofPlatform().name("venti arena scorer").daemon().start(this::loop);
    }

    void queue(Arena a) {
        lock.lock();
        try {
            queue.add(a);
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True when no arena waits to be scored and none is being scored. */
    boolean idle() {
        lock.lock();
        try {
            return queue.isEmpty() && !busy;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            Arena a;
            lock.lock();
            try {
                busy = false;
                while (queue.isEmpty() && !closing) {
                    wake.awaitUninterruptibly();
                }
                if (closing) {
                    return;
                }
                a = queue.poll();
                busy = true;
            } finally {
                lock.unlock();
            }
            if (a.trailer().isScored()) {
                continue;
            }
            try {
                Score s = a.computeScore();
                if (!isClosing()) {
                    dataLog.storeScore(a, s);
                    log.info("arena {} sealed: score {}", a.name(), s);
                }
            } catch (Exception e) {
                if (!isClosing()) {
                    log.error("can't score sealed arena {}: {}", a.name(), e.getMessage(), e);
                }
            }
        }
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the arena being scored, waiting for it a short while. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
