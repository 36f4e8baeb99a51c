package venti.store.rados;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-ahead for one RADOS partition: what the operating system's page cache does for a
 * file, so that scans reading a few bytes at a time (recovery and checkarenas following
 * clump magics, buildindex, a client reading back blocks in the order they were written)
 * make one round trip to the cluster per {@link #WINDOW} bytes instead of three per clump.
 *
 * <p>A read that starts near where a recent read ended (within {@link #NEAR} bytes either
 * way) continues a stream, and the partition reads a whole window around it: forward from
 * the read when the stream moves forward, around it when it moves back (as the arena
 * directory does, block by block towards lower addresses). Other reads, such as the
 * server's random block and index reads, go to the cluster exactly as asked. A few
 * windows are kept, the most recently used first.
 *
 * <p>Every write drops the windows it overlaps and moves the generation on; a window read
 * while any write was accepted is not kept, since it may predate that write.
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

    private record Window(long start, byte[] bytes) {
        long end() {
            return start + bytes.length;
        }
    }

    private record Stream(long start, long end) {
    }

    private final long size;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Window> windows = new ArrayDeque<>();
    private final ArrayDeque<Stream> streams = new ArrayDeque<>();
    private long generation;

    ReadAhead(long size) {
        this.size = size;
    }

    /** Copies the read from a window into {@code dst} if one holds all of it, advancing its position. */
    boolean serve(long offset, ByteBuffer dst) {
        int n = dst.remaining();
        lock.lock();
        try {
            for (Iterator<Window> it = windows.iterator(); it.hasNext(); ) {
                Window w = it.next();
                if (offset >= w.start() && offset + n <= w.end()) {
                    dst.put(w.bytes(), (int) (offset - w.start()), n);
                    it.remove();
                    windows.addFirst(w);
                    note(offset, offset + n);
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The window to read for a read of {@code length} bytes at {@code offset}, as
     * {@code {start, end}}, or null when the read continues no stream and is best read as
     * asked. The read is noted as a stream's latest either way.
     */
    long[] window(long offset, int length) {
        lock.lock();
        try {
            Stream s = continued(offset);
            note(offset, offset + length);
            if (s == null || length >= WINDOW) {
                return null;
            }
            long start = offset >= s.start() ? offset : Math.max(0, offset + length - WINDOW / 2);
            long end = Math.min(size, start + WINDOW);
            return new long[] {Math.max(0, Math.min(start, end - WINDOW)), end};
        } finally {
            lock.unlock();
        }
    }

    /** The generation now: {@link #keep} takes it back to tell whether a write came since. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Keeps {@code bytes}, read from {@code start} on, unless a write was accepted since {@code generation}. */
    void keep(long generation, long start, byte[] bytes) {
        lock.lock();
        try {
            if (generation != this.generation) {
                return;
            }
            windows.addFirst(new Window(start, bytes));
            if (windows.size() > WINDOWS) {
                windows.removeLast();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what a write of {@code length} bytes at {@code offset} makes stale. */
    void written(long offset, long length) {
        lock.lock();
        try {
            generation++;
            windows.removeIf(w -> offset < w.end() && offset + length > w.start());
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
