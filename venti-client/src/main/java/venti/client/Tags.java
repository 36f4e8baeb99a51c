package venti.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import venti.wire.Message;

/**
 * The 256 tags of one connection and the request waiting on each.
 *
 * <p>A request takes the lowest free tag, as libventi's does, so a client that waits for each
 * reply before the next request always uses tag 0. When all 256 are taken the caller waits
 * for one to come free. A tag stays taken until its reply arrives, even when its caller has
 * stopped waiting (a timeout): reusing it earlier would pair the late reply with a new
 * request. Once {@link #shutdown} has been called no tag is handed out again.
 *
 * <p>Thread-safe: one lock guards the table.
 */
final class Tags {

    static final int COUNT = 256;

    /** A request in flight and the future its reply completes. */
    record Pending(Message request, CompletableFuture<Message> reply) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Pending[] inFlight = new Pending[COUNT];
    private int used;
    private IOException refusal;

    /**
     * Takes the lowest free tag for the request {@code build} makes with it, waiting while
     * every tag is taken.
     *
     * @throws IOException            the shutdown cause, once {@link #shutdown} has been called
     * @throws InterruptedIOException when interrupted while waiting for a tag
     */
    Pending reserve(IntFunction<Message> build) throws IOException {
        lock.lock();
        try {
            while (refusal == null && used == COUNT) {
                freed.await();
            }
            if (refusal != null) {
                throw new IOException(refusal.getMessage(), refusal);
            }
            int tag = lowestFree();
            Pending p = new Pending(build.apply(tag), new CompletableFuture<>());
            inFlight[tag] = p;
            used++;
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for one of " + COUNT + " tags to come free");
        } finally {
            lock.unlock();
        }
    }

    /** Frees the tag a reply carries and returns its request, or null when the tag was free. */
    Pending release(int tag) {
        lock.lock();
        try {
            Pending p = inFlight[tag];
            if (p != null) {
                inFlight[tag] = null;
                used--;
                freed.signal();
            }
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** The lowest free tag, or -1 when all are taken. */
    int lowestFree() {
        lock.lock();
        try {
            for (int tag = 0; tag < COUNT; tag++) {
                if (inFlight[tag] == null) {
                    return tag;
                }
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses every later {@link #reserve} with {@code cause} (the first cause given stays)
     * and returns the requests still in flight, which keep their tags until answered.
     */
    List<Pending> shutdown(IOException cause) {
        lock.lock();
        try {
            if (refusal == null) {
                refusal = cause;
            }
            freed.signalAll();
            List<Pending> all = new ArrayList<>();
            for (Pending p : inFlight) {
                if (p != null) {
                    all.add(p);
                }
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Shuts down and fails every request in flight with {@code cause}, freeing all tags. */
    void failAll(IOException cause) {
        List<Pending> all;
        lock.lock();
        try {
            all = shutdown(cause);
            for (Pending p : all) {
                inFlight[p.request().tag()] = null;
            }
            used = 0;
        } finally {
            lock.unlock();
        }
        for (Pending p : all) {
            p.reply().completeExceptionally(cause);
        }
    }
}
