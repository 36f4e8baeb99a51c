package venti.store;

import java.io.Closeable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private final LinkedBlockingQueue<Arena> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean busy;

    ArenaScorer(DataLog dataLog) {
        this.dataLog = dataLog;
        this.thread = Thread.ofPlatform().name("venti arena scorer").daemon().start(this::loop);
    }

    void queue(Arena a) {
        queue.add(a);
    }

    /** True when no arena waits to be scored and none is being scored. */
    boolean idle() {
        return queue.isEmpty() && !busy;
    }

    private void loop() {
        try {
            while (!closing) {
                Arena a = queue.poll(200, TimeUnit.MILLISECONDS);
                if (a == null || a.trailer().isScored()) {
                    continue;
                }
                busy = true;
                try {
                    Score s = a.computeScore();
                    if (!closing) {
                        dataLog.storeScore(a, s);
                        log.info("arena {} sealed: score {}", a.name(), s);
                    }
                } catch (Exception e) {
                    if (!closing) {
                        log.error("can't score sealed arena {}: {}", a.name(), e.getMessage(), e);
                    }
                } finally {
                    busy = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the arena being scored, waiting for it a short while. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
