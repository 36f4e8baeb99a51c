package venti.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/**
 * A {@link BlockStore} over a {@link VentiClient} whose writes do not wait for the server:
 * {@link #write} computes the score here, sends the block and returns, and the reply is
 * checked later. Writers that build hash trees (vac, writefile) need each score at once to
 * fill the pointer block above, but not the server's word that the block is stored, so this
 * keeps up to 256 writes in flight on the one connection (the client's tags; a write waits
 * only when all are taken).
 *
 * <p>Failures. The first write the server refuses, or a lost connection, is kept and thrown
 * by the next {@link #write} and by {@link #sync}, so a tree is never reported written when a
 * block of it is not. {@link #sync} waits for every reply, then asks the server to sync.
 * Reads go to the client as they are.
 *
 * <p>Thread-safe: any number of threads may write at once.
 */
public final class PipelinedWrites implements BlockStore {

    private final VentiClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private long pending;
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    public PipelinedWrites(VentiClient client) {
        this.client = client;
    }

    @Override
    public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
        return client.read(score, type, maxSize);
    }

    /** Sends the block and returns its score; the server's reply is checked later. */
    @Override
    public Score write(BlockType type, byte[] data, int off, int len) throws IOException {
        check();
        if (len == 0) {
            return Score.EMPTY;
        }
        byte[] block = new byte[len];
        System.arraycopy(data, off, block, 0, len);
        Score score = Sha1.hash(block);
        lock.lock();
        try {
            pending++;
        } finally {
            lock.unlock();
        }
        client.writeAsync(type, block, score).whenComplete((got, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                failure.compareAndSet(null, cause instanceof IOException io ? io
                        : new IOException("writing block " + score + ": " + cause.getMessage(), cause));
            }
            lock.lock();
            try {
                if (--pending == 0) {
                    drained.signalAll();
                }
            } finally {
                lock.unlock();
            }
        });
        return score;
    }

    /** Waits for every write sent so far to be answered, then syncs the server. */
    @Override
    public void sync() throws IOException {
        await();
        client.sync();
    }

    /** Waits for every write sent so far to be answered; throws the first failure. */
    public void await() throws IOException {
        lock.lock();
        try {
            while (pending > 0) {
                drained.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for writes to venti server " + client.server());
        } finally {
            lock.unlock();
        }
        check();
    }

    private void check() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
