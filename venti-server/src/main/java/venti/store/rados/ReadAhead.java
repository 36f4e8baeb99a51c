package venti.store.rados;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-ahead for one RADOS partition: what the operating system's page cache does for a
 * file, so that scans reading a few bytes at a time (recovery and checkarenas following
 * clump magics, buildindex, a client reading back blocks in the order they were written)
 * make one round trip to the cluster per {@link #WINDOW} bytes instead of three per clump.
 *
 * <p>A read that starts near where a recent read ended (within {@link #NEAR} bytes either
 * way) continues a stream, and a whole window around it is read: forward from the read when
 * the stream moves forward, around it when it moves back (as the arena directory does, block
 * by block towards lower addresses). Once a reader is past the middle of a window, the next
 * one is read in the background. Readers that want bytes of a window being read wait for
 * it rather than read them again, so many threads reading one stream cost one read per
 * window. Other reads, such as the server's random block and index reads, go to the cluster
 * exactly as asked. A few windows are kept, the most recently used first.
 *
 * <p>A write drops the windows it overlaps, and a window being read that it overlaps is not
 * kept nor waited for by later readers, since it may predate the write.
 *
 * <p>Thread-safe.
 */
final class ReadAhead {

    /** Bytes read for a stream at once. */
    static final int WINDOW = 256 << 10;
    /** How far from a recent read's end a read may start and still continue its stream. */
    static final int NEAR = 64 << 10;
    private static final int WINDOWS = 4;
    private static final int STREAMS = 8;

    /** Reads bytes from the cluster. */
    interface Source {
        void read(long offset, ByteBuffer dst) throws IOException;
    }

    private record Window(long start, byte[] bytes) {
        long end() {
            return start + bytes.length;
        }
    }

    /** A window being read; {@code stale} once a write overlapped it. */
    private static final class Fetch {
        final long start;
        final long end;
        final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        boolean stale;

        Fetch(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }

    private record Stream(long start, long end) {
    }

    private final long size;
    private final Source source;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Window> windows = new ArrayDeque<>();
    private final List<Fetch> fetches = new ArrayList<>();
    private final ArrayDeque<Stream> streams = new ArrayDeque<>();

    ReadAhead(long size, Source source) {
        this.size = size;
        this.source = source;
    }

    /** Reads {@code dst.remaining()} bytes at {@code offset}: from a window, one being read, a new one, or as asked. */
    void read(long offset, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        Fetch waitFor = null;
        Fetch own = null;
        Fetch next = null;
        lock.lock();
        try {
            for (Iterator<Window> it = windows.iterator(); it.hasNext(); ) {
                Window w = it.next();
                if (offset >= w.start() && offset + n <= w.end()) {
                    dst.put(w.bytes(), (int) (offset - w.start()), n);
                    it.remove();
                    windows.addFirst(w);
                    next = following(w.start(), w.end(), offset + n);
                    note(offset, offset + n);
                    break;
                }
            }
            if (!dst.hasRemaining()) {
                prefetch(next);
                return;
            }
            for (Fetch f : fetches) {
                if (offset >= f.start && offset + n <= f.end) {
                    waitFor = f;
                    next = following(f.start, f.end, offset + n);
                    break;
                }
            }
            if (waitFor == null) {
                long[] w = window(offset, n);
                if (w != null) {
                    own = new Fetch(w[0], w[1]);
                    fetches.add(own);
                }
            }
            note(offset, offset + n);
        } finally {
            lock.unlock();
        }
        prefetch(next);
        if (own != null) {
            fetch(own);
            waitFor = own;
        }
        if (waitFor == null) {
            source.read(offset, dst);
            return;
        }
        dst.put(bytes(waitFor), (int) (offset - waitFor.start), n);
    }

    /**
     * The window after {@code [start, end)} to read ahead of a reader who got to {@code at}
     * in it: once past its middle, unless it is read or being read. Called with the lock held.
     */
    private Fetch following(long start, long end, long at) {
        if (at < start + (end - start) / 2 || end >= size) {
            return null;
        }
        for (Window w : windows) {
            if (w.start() <= end && end < w.end()) {
                return null;
            }
        }
        for (Fetch f : fetches) {
            if (f.start <= end && end < f.end) {
                return null;
            }
        }
        Fetch f = new Fetch(end, Math.min(size, end + WINDOW));
        fetches.add(f);
        return f;
    }

    /**
     * Reads {@code f} in the background, so a stream's next window arrives while its reader
     * is still in this one. If it fails, whoever waits for it gets the error; the next reader
     * of those bytes reads them again.
     */
    private void prefetch(Fetch f) {
        if (f != null) {
            Thread.ofVirtual().name("rados-read-ahead").start(() -> {
                try {
                    fetch(f);
                } catch (IOException | RuntimeException e) {
                    // handed to the waiters by fetch; nobody else asked for these bytes
                }
            });
        }
    }

    private void fetch(Fetch f) throws IOException {
        byte[] bytes = new byte[(int) (f.end - f.start)];
        try {
            source.read(f.start, ByteBuffer.wrap(bytes));
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                fetches.remove(f);
            } finally {
                lock.unlock();
            }
            f.bytes.completeExceptionally(e);
            throw e;
        }
        lock.lock();
        try {
            fetches.remove(f);
            if (!f.stale) {
                windows.addFirst(new Window(f.start, bytes));
                if (windows.size() > WINDOWS) {
                    windows.removeLast();
                }
            }
        } finally {
            lock.unlock();
        }
        f.bytes.complete(bytes);
    }

    private static byte[] bytes(Fetch f) throws IOException {
        try {
            return f.bytes.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a read ahead");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException("read ahead failed", e.getCause());
        }
    }

    /**
     * The window to read for a read of {@code length} bytes at {@code offset} as
     * {@code {start, end}}, or null when it continues no stream and is best read as asked.
     */
    private long[] window(long offset, int length) {
        Stream s = continued(offset);
        if (s == null || length >= WINDOW) {
            return null;
        }
        long start = offset >= s.start() ? offset : Math.max(0, Math.min(offset, offset + length - WINDOW / 2));
        long end = Math.min(size, start + WINDOW);
        return new long[] {Math.max(0, Math.min(start, end - WINDOW)), end};
    }

    /** Forgets what a write of {@code length} bytes at {@code offset} makes stale; call it before the write is issued. */
    void written(long offset, long length) {
        lock.lock();
        try {
            windows.removeIf(w -> offset < w.end() && offset + length > w.start());
            fetches.removeIf(f -> {
                boolean overlaps = offset < f.end && offset + length > f.start;
                f.stale |= overlaps;
                return overlaps;
            });
        } finally {
            lock.unlock();
        }
    }

    private Stream continued(long offset) {
        for (Stream s : streams) {
            if (offset >= s.end() - NEAR && offset <= s.end() + NEAR) {
                return s;
            }
        }
        return null;
    }

    private void note(long start, long end) {
        Stream s = continued(start);
        if (s != null) {
            streams.remove(s);
        } else if (streams.size() == STREAMS) {
            streams.removeLast();
        }
        streams.addFirst(new Stream(start, end));
    }
}
