package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Part} that fails on purpose: the Nth write throws, or writes reaching past a byte
 * limit throw as a full disk would. Reads pass through. Thread-safe.
 */
public final class FaultyPart implements Part {

    private final Part inner;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int failWrite = -1;
    private volatile long writeLimit = Long.MAX_VALUE;

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
        inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        int n = writes.incrementAndGet();
        if (n == failWrite) {
            throw new IOException("injected failure of write " + n + " to " + name() + " at offset " + offset);
        }
        if (offset + src.remaining() > writeLimit) {
            throw new IOException("no space left on device: write to " + name() + " at offset " + offset
                    + " of " + src.remaining() + " bytes passes the limit " + writeLimit);
        }
        inner.write(offset, src);
    }

    @Override
    public void force() throws IOException {
        inner.force();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
