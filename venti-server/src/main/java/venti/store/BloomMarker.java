package venti.store;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import venti.store.disk.BloomHeader;

/**
 * Marks the scores of a bloom filter being built from scratch ({@link Bloom#blank}) on a
 * thread of its own, for the offline tools: setting a million scores' bits takes about as
 * long as reading the arenas' directories that name them, so the two run side by side.
 *
 * <p>Design. Callers hand over scores' {@link Bloom#hashes}, which gather in a batch
 * of {@link #batchPositions} bit positions' worth, and a full batch goes to the marker
 * thread, which sets its bits with {@link Bloom#markAll}. Three batches circulate (one
 * filling, one waiting, one being marked), so a caller waits only when marking falls behind.
 * Marking is bound by fetching the filter's cache lines: each batch fetches nearly every
 * line once, so the larger the batch, the fewer fetches per bit. Memory: the marker's
 * scratch of 4 bytes per position and the batches of 8 bytes per score, about 60% of the
 * filter's size (at most about 40 MiB) whatever the number of scores.
 *
 * <p>Thread-safe: any number of threads may {@link #mark}; {@link #finish} and {@link #close}
 * after the last mark, {@link #close} before the filter is used.
 */
public final class BloomMarker implements AutoCloseable {

    /**
     * Bit positions per batch: 8 per 64-byte line of the filter, at most 2^23. A million
     * scores in a 64 MiB filter take 0.25 s less to mark than with 2 per line, and 2^24
     * gained nothing more.
     */
    static int batchPositions(BloomHeader h) {
        return (int) Math.clamp(h.size() / 8, 1 << 12, 1 << 23);
    }
    private static final Batch END = new Batch(new long[0]);

    private static final class Batch {
        final long[] hashes;
        int n;

        Batch(long[] hashes) {
            this.hashes = hashes;
        }
    }

    private final Bloom bloom;
    /** Unbounded, yet never holds more than the three batches and the end mark. */
    private final BlockingQueue<Batch> full = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(3);
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread thread;
    private Batch filling;
    private volatile Throwable failure;

    /** Starts marking into {@code bloom}, which nothing else may mark or test until {@link #close}. */
    public BloomMarker(Bloom bloom) {
        this.bloom = bloom;
        int perBatch = Math.max(1, batchPositions(bloom.header()) / bloom.header().nhash());
        filling = new Batch(new long[perBatch]);
        empty.add(new Batch(new long[perBatch]));
        empty.add(new Batch(new long[perBatch]));
        int[] scratch = bloom.markScratch(perBatch * bloom.header().nhash());
        thread = Thread.ofPlatform().name("bloom marker").start(() -> {
            try {
                for (Batch b; (b = full.take()) != END; ) {
                    bloom.markAll(b.hashes, b.n, scratch);
                    b.n = 0;
                    empty.put(b);
                }
            } catch (InterruptedException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = e;
                empty.offer(END);
            }
        });
    }

    /** Marks the {@code n} scores whose {@link Bloom#hashes} are {@code hashes[0, n)}, soon. */
    public void mark(long[] hashes, int n) throws InterruptedIOException {
        lock.lock();
        try {
            for (int i = 0; i < n; ) {
                if (filling == END) {
                    throw failed();
                }
                int k = Math.min(n - i, filling.hashes.length - filling.n);
                System.arraycopy(hashes, i, filling.hashes, filling.n, k);
                filling.n += k;
                i += k;
                if (filling.n == filling.hashes.length) {
                    full.put(filling);
                    filling = empty.take();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("bloom filter marking interrupted");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands over what is left without waiting for it to be marked, so the caller's next
     * work overlaps the last batch; nothing may be marked after it.
     */
    public void finish() throws InterruptedIOException {
        lock.lock();
        try {
            if (filling != END) {
                full.put(filling);
                full.put(END);
                filling = END;
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("bloom filter marking interrupted");
        } finally {
            lock.unlock();
        }
    }

    /** {@link #finish}es and waits until every score handed over is marked. */
    @Override
    public void close() throws InterruptedIOException {
        finish();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("bloom filter marking interrupted");
        }
        if (failure != null) {
            throw failed();
        }
    }

    private RuntimeException failed() {
        return new IllegalStateException("marking bloom filter " + bloom.part().name() + " failed: " + failure, failure);
    }
}
