package venti.server;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whose turn it is to read a connection, and whether that reader is serving a request
 * itself: the reader's epoch and a busy flag, kept together in one atomic word. The stall
 * watcher takes over only by moving a busy turn to the next epoch, and a reader goes on
 * reading only while its turn is unchanged, so exactly one thread reads at a time.
 *
 * <p>Thread-safe.
 */
final class ReaderTurn {

    private static final long BUSY = 1;

    /** The epoch shifted left once, with {@link #BUSY} set while its reader serves a request. */
    private final AtomicLong turn = new AtomicLong();
    private volatile long busySince;

    /** Reader {@code epoch} starts serving a request itself. */
    void begin(long epoch) {
        busySince = System.nanoTime();
        turn.set(epoch << 1 | BUSY);
    }

    /** Reader {@code epoch} is done with its request; no change when another reader has taken over. */
    void end(long epoch) {
        turn.compareAndSet(epoch << 1 | BUSY, epoch << 1);
    }

    /** Whether reader {@code epoch} may read the next frame: its turn, and not serving. */
    boolean mayRead(long epoch) {
        return turn.get() == epoch << 1;
    }

    /** Whether {@code epoch} is still the current turn, busy or not. */
    boolean isCurrent(long epoch) {
        return turn.get() >>> 1 == epoch;
    }

    /** True while the reader is serving a request itself. */
    boolean busy() {
        return (turn.get() & BUSY) != 0;
    }

    /** Nanoseconds the current request has held the reader at {@code now}. */
    long heldFor(long now) {
        return now - busySince;
    }

    /**
     * Moves the turn to the next epoch when its reader has been serving one request for at
     * least {@code stall} nanoseconds at {@code now}; the new epoch, or empty when it did not.
     */
    OptionalLong takeOverIfStalled(long now, long stall) {
        long t = turn.get();
        if ((t & BUSY) == 0 || now - busySince < stall || !turn.compareAndSet(t, (t >>> 1) + 1 << 1)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((t >>> 1) + 1);
    }
}
