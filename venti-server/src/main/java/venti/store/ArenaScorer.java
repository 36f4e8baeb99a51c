package venti.store;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Counters;
import venti.core.Score;

/**
 * Computes the scores of sealed arenas in the background (the C {@code sumproc}) and stores
 * them in their trailers.
 *
 * <p>An arena is scored once it is sealed and the index has caught up with it, because until
 * then its trailer still changes. The C server waits for the disks to be idle as well; this
 * one starts at once, reading the arena in large pieces. If the store closes first, the
 * arena is scored at the next start; closing waits for the arena being scored a short while.
 * Thread-safe; one background thread does the work.
 */
final class ArenaScorer extends Worker {

    private static final Logger log = LoggerFactory.getLogger(ArenaScorer.class);

    private final DataLog dataLog;
    private final Counters<StoreCounter> stats;
    private final ArrayDeque<Arena> queue = new ArrayDeque<>();
    private boolean busy;

    /** A scorer counting what it reads in {@code stats} (the C {@code sumread} statistics). */
    ArenaScorer(DataLog dataLog, Counters<StoreCounter> stats) {
        super("venti arena scorer", 2000);
        this.dataLog = dataLog;
        this.stats = stats;
        start();
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

    @Override
    void run() {
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
                Part counted = new CountedPart(a.part(), CountedPart.Kind.SUMS, stats);
                Score s = Arena.computeScore(counted, a.start(), a.size(), a.blockSize());
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
}
