package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Part} that fails on purpose: the Nth write throws, writes reaching past a byte
 * limit throw as a full disk would, or, at random, reads, writes and forces fail as a failing
 * disk's do (ENOSPC, EIO, a short write, a failed force). Thread-safe.
 */
public final class FaultyPart implements Part {

    private final Part inner;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int failWrite = -1;
    private volatile long writeLimit = Long.MAX_VALUE;
    private volatile double faultRate;
    private final Random random = new Random();
    private final AtomicInteger injected = new AtomicInteger();

    public FaultyPart(Part inner) {
        this.inner = inner;
    }

    /** Makes write number {@code n} (counting from 1, from now) fail. */
    public FaultyPart failWrite(int n) {
        failWrite = writes.get() + n;
        return this;
    }

    /** Makes every write that reaches past partition offset {@code limit} fail with "no space left". */
    public FaultyPart limitWrites(long limit) {
        writeLimit = limit;
        return this;
    }

    /**
     * Makes each read, write and force fail with probability {@code rate}, from {@code seed}:
     * a write fails with ENOSPC, with EIO, or short (half its bytes land); a read with EIO; a
     * force fails.
     */
    public FaultyPart failRandomly(long seed, double rate) {
        random.setSeed(seed);
        faultRate = rate;
        return this;
    }

    /** Faults injected at random so far. */
    public int injected() {
        return injected.get();
    }

    private boolean fault() {
        if (faultRate > 0 && random.nextDouble() < faultRate) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Writes attempted so far. */
    public int writes() {
        return writes.get();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        if (fault()) {
            throw new IOException("Input/output error (injected) reading " + name() + " at offset " + offset);
        }
        inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        int n = writes.incrementAndGet();
        if (n == failWrite) {
            throw new IOException("injected failure of write " + n + " to " + name() + " at offset " + offset);
        }
        if (fault()) {
            switch (random.nextInt(3)) {
                case 0 -> throw new IOException("No space left on device (injected) writing " + name() + " at offset " + offset);
                case 1 -> throw new IOException("Input/output error (injected) writing " + name() + " at offset " + offset);
                default -> {
                    int half = src.remaining() / 2;
                    inner.write(offset, src.duplicate().limit(src.position() + half));
                    throw new IOException("short write (injected) to " + name() + " at offset " + offset + ": "
                            + half + " of " + src.remaining() + " bytes");
                }
            }
        }
        if (offset + src.remaining() > writeLimit) {
            throw new IOException("no space left on device: write to " + name() + " at offset " + offset
                    + " of " + src.remaining() + " bytes passes the limit " + writeLimit);
        }
        inner.write(offset, src);
    }

    @Override
    public void force() throws IOException {
        if (fault()) {
            throw new IOException("Input/output error (injected): force of " + name() + " failed");
        }
        inner.force();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
