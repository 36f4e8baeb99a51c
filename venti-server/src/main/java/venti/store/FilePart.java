package venti.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Units;

/**
 * A {@link Part} on a file or block device, or on a byte range of one.
 *
 * <p>Names follow the C server: {@code file} is the whole file, {@code file:lo-hi} the bytes
 * from {@code lo} to {@code hi} (either may be left out; both take the suffixes k, m, g and
 * t). Plan 9 named sub-partitions ({@code file:name}) are not supported.
 *
 * <p>A partition opened for writing is locked {@link LockMode#EXCLUSIVE} against every other
 * process; one opened only for reading takes the {@link LockMode} its caller asks for (see
 * {@link PartLocks}). The lock lasts until {@link #close}, or the end of the process.
 *
 * <p>I/O is positional on one {@link FileChannel}, so it is thread-safe and concurrent.
 * Interrupting a thread in the middle of channel I/O closes the channel for every thread;
 * since request threads do get interrupted when their connection goes away, a part that
 * finds its channel closed that way reopens it and lets the other threads retry, while the
 * interrupted thread gets its exception.
 */
public final class FilePart implements Part {

    private static final Logger log = LoggerFactory.getLogger(FilePart.class);

    private final String name;
    private final Path file;
    private final boolean readOnly;
    private final long start;
    private final long size;
    private final Object fileKey;
    private final PartLocks.Claim claim;
    private final String lockedBy;
    private final ReentrantLock reopenLock = new ReentrantLock();
    private volatile FileChannel channel;
    private volatile boolean closed;

    private FilePart(String name, Path file, boolean readOnly, PartLocks.Opened opened, long start, long size) {
        this.name = name;
        this.file = file;
        this.readOnly = readOnly;
        this.channel = opened.channel();
        this.fileKey = opened.key();
        this.claim = opened.claim();
        this.lockedBy = opened.lockedBy();
        this.start = start;
        this.size = size;
    }

    /**
     * Opens the partition named {@code spec} (see the class comment), relative to the working
     * directory, for a tool: locked when writable; when read-only, unlocked, with a warning
     * if a writer has it.
     */
    public static FilePart open(String spec, boolean readOnly) throws IOException {
        FilePart p = open(spec, Path.of(""), readOnly);
        warnIfInUse(List.of(p));
        return p;
    }

    /** Opens the partition named {@code spec}, resolving a relative file name against {@code dir}; locked when writable. */
    public static FilePart open(String spec, Path dir, boolean readOnly) throws IOException {
        return open(spec, dir, readOnly, readOnly ? LockMode.NONE : LockMode.EXCLUSIVE);
    }

    /**
     * Opens the partition named {@code spec}, resolving a relative file name against
     * {@code dir}, and locks it as {@code mode} says (a writable partition is always locked
     * exclusively).
     *
     * @throws StoreInUseException when another process or another open store holds it
     */
    public static FilePart open(String spec, Path dir, boolean readOnly, LockMode mode) throws IOException {
        Range r = Range.parse(spec);
        Path file = dir.resolve(r.file());
        PartLocks.Opened opened;
        try {
            opened = PartLocks.open(file, spec, r.lo(), r.hi() == 0 ? Long.MAX_VALUE - r.lo() : r.hi() - r.lo(),
                    readOnly ? mode : LockMode.EXCLUSIVE, f -> openChannel(f, readOnly));
        } catch (java.nio.file.NoSuchFileException e) {
            // a relative name is the usual surprise: say where it was looked for
            throw new IOException("can't open partition '" + r.file() + "': no such file"
                    + (Path.of(r.file()).isAbsolute() ? "" : " in " + dir.toAbsolutePath().normalize()), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("can't open partition '" + r.file() + "': permission denied"
                    + (readOnly ? "" : " (opening for reading and writing)"), e);
        }
        FileChannel ch = opened.channel();
        try {
            long length = ch.size();
            if (length == 0) {
                throw new IOException("can't determine size of partition " + r.file() + " (it is empty)");
            }
            long hi = r.hi() == 0 ? length : r.hi();
            if (hi > length || r.lo() > hi) {
                throw new IOException("partition '" + spec + "': bounds out of range (max " + length + ")");
            }
            return new FilePart(spec, file, readOnly, opened, r.lo(), hi - r.lo());
        } catch (IOException | RuntimeException e) {
            ch.close();
            PartLocks.closed(opened.key(), opened.claim());
            throw e;
        }
    }

    /** Logs one warning when a writer holds any of {@code parts}: what a read-only tool shows may be a moment old. */
    public static void warnIfInUse(List<? extends Part> parts) {
        for (Part p : parts) {
            if (p.lockedBy() != null) {
                log.warn("store in use: {} is locked by {}; what this shows may be a moment old", p.name(), p.lockedBy());
                return;
            }
        }
    }

    @Override
    public String lockedBy() {
        return lockedBy;
    }

    /**
     * Creates {@code file} as a new sparse file of {@code size} bytes and opens it for
     * reading and writing, named by its file name.
     */
    public static FilePart create(Path file, long size) throws IOException {
        if (size <= 0) {
            throw new IOException("partition '" + file + "': size must be positive");
        }
        try {
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE).close();
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException("partition '" + file + "' exists", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("can't create partition '" + file + "': no such directory " + file.toAbsolutePath().getParent(), e);
        }
        String name = file.getFileName().toString();
        PartLocks.Opened opened = PartLocks.open(file, name, 0, Long.MAX_VALUE, LockMode.EXCLUSIVE, f -> openChannel(f, false));
        try {
            opened.channel().write(ByteBuffer.allocate(1), size - 1);
            return new FilePart(name, file, false, opened, 0, size);
        } catch (IOException | RuntimeException e) {
            opened.channel().close();
            PartLocks.closed(opened.key(), opened.claim());
            throw e;
        }
    }

    private static FileChannel openChannel(Path file, boolean readOnly) throws IOException {
        return readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Part.checkRange(this, "read", offset, dst.remaining());
        long pos = start + offset;
        while (dst.hasRemaining()) {
            FileChannel ch = channel;
            int n;
            try {
                n = ch.read(dst, pos);
            } catch (ClosedChannelException e) {
                recover(ch, e);
                continue;
            }
            if (n < 0) {
                throw new EOFException(String.format("short read of %s at offset 0x%x: the file ends at 0x%x, %d bytes early",
                        name, offset, pos - start, dst.remaining()));
            }
            pos += n;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) {
            throw new IOException("partition " + name + " is open for reading only");
        }
        Part.checkRange(this, "write", offset, src.remaining());
        long pos = start + offset;
        while (src.hasRemaining()) {
            FileChannel ch = channel;
            try {
                pos += ch.write(src, pos);
            } catch (ClosedChannelException e) {
                recover(ch, e);
            }
        }
    }

    @Override
    public void force() throws IOException {
        while (true) {
            FileChannel ch = channel;
            try {
                ch.force(true);
                return;
            } catch (ClosedChannelException e) {
                recover(ch, e);
            }
        }
    }

    /**
     * After {@code failed} was found closed: rethrow when we were closed on purpose or this
     * thread was the one interrupted; otherwise make sure a fresh channel is in place so the
     * caller can retry.
     */
    private void recover(FileChannel failed, ClosedChannelException e) throws IOException {
        if (closed || e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            reopenAfterInterrupt(failed);
            throw e;
        }
        reopenAfterInterrupt(failed);
    }

    private void reopenAfterInterrupt(FileChannel failed) throws IOException {
        reopenLock.lock();
        try {
            if (!closed && channel == failed && !failed.isOpen()) {
                channel = openChannel(file, readOnly);
                PartLocks.reopened(fileKey, claim, channel);
            }
        } finally {
            reopenLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        reopenLock.lock();
        try {
            closed = true;
            channel.close();
            PartLocks.closed(fileKey, claim);
        } finally {
            reopenLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FilePart[" + name + ", " + size + " bytes" + (readOnly ? ", read-only" : "") + "]";
    }

    /** A partition name split into file and byte range; hi 0 means "to the end". */
    record Range(String file, long lo, long hi) {

        static Range parse(String spec) throws IOException {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                return new Range(spec, 0, 0);
            }
            String file = spec.substring(0, colon);
            String range = spec.substring(colon + 1);
            if (!range.isEmpty() && Character.isLetter(range.charAt(0))) {
                throw new IOException("cannot parse name " + spec + ": Plan 9 sub-partitions (file:name) are not supported");
            }
            int dash = range.indexOf('-');
            try {
                if (dash < 0) {
                    return new Range(file, suffixed(range), 0);
                }
                return new Range(file, suffixed(range.substring(0, dash)), suffixed(range.substring(dash + 1)));
            } catch (IllegalArgumentException e) {
                throw new IOException("cannot parse name " + spec + ": want file:lo-hi with byte offsets", e);
            }
        }

        private static long suffixed(String s) {
            return s.isEmpty() ? 0 : Units.parse(s);
        }
    }
}
