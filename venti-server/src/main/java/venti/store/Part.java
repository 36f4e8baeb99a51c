package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import venti.store.disk.Layout;


/**
 * A partition: a file, a block device or a byte range of one, read and written at absolute
 * offsets (the C server's {@code Part}).
 *
 * <p>All disk access in the store goes through this interface, so a test can wrap a part to
 * fail the Nth write or stop accepting writes past a limit, as a full disk would, and then
 * check what the store does.
 *
 * <p>Implementations are thread-safe: reads and writes carry their own offset and share no
 * position. A read fills the whole buffer or fails: a partition never holds fewer bytes
 * than {@link #size()} says, so a short read is an error, not an end of file.
 *
 * <p>A partition lives in a file ({@link FilePart}: {@code file} or {@code file:lo-hi}) or
 * on a Ceph cluster ({@link RadosPart}: {@code rados:POOL/NAME}); {@link #open} tells them
 * apart by name, so venti.conf and every tool take either.
 */
public interface Part extends Closeable {

    /**
     * Opens the partition named {@code name}, resolving a file name relative to {@code dir}.
     *
     * @throws IOException when the partition does not exist or cannot be opened
     */
    static Part open(String name, Path dir, boolean readOnly) throws IOException {
        return open(name, dir, readOnly, readOnly ? LockMode.NONE : LockMode.EXCLUSIVE);
    }

    /**
     * Opens the partition named {@code name} as {@link #open(String, Path, boolean)}, locked as
     * {@code lock} says (writable ones always exclusively; see {@link FilePart} and {@link RadosPart}).
     */
    static Part open(String name, Path dir, boolean readOnly, LockMode lock) throws IOException {
        return RadosPart.isRadosName(name) ? RadosPart.open(name, readOnly, lock) : FilePart.open(name, dir, readOnly, lock);
    }

    /**
     * Opens the partition named {@code name} for a tool, resolving a file name relative to the
     * working directory: locked when writable; read-only, with a warning when a writer has it.
     */
    static Part open(String name, boolean readOnly) throws IOException {
        Part p = open(name, Path.of(""), readOnly);
        FilePart.warnIfInUse(List.of(p));
        return p;
    }

    /**
     * Makes a new partition of {@code size} bytes that reads as zeros (a sparse file, or a
     * size record on RADOS) and opens it for reading and writing; a file name is resolved
     * relative to {@code dir}.
     *
     * @throws IOException when the partition exists
     */
    static Part create(String name, Path dir, long size) throws IOException {
        return RadosPart.isRadosName(name) ? RadosPart.create(name, size) : FilePart.create(dir.resolve(name), size);
    }

    /** Makes a new partition as {@link #create(String, Path, long)}, a file relative to the working directory. */
    static Part create(String name, long size) throws IOException {
        return create(name, Path.of(""), size);
    }

    /** The name the partition was opened by, as written in venti.conf; used in messages. */
    String name();

    /** Bytes addressable in this partition. */
    long size();

    /** True when writes are refused. */
    boolean isReadOnly();

    /**
     * For a partition opened with {@link LockMode#NONE}: who had it locked against writers when
     * it was opened ("another venti (pid 1234)"), or null when nobody did; null when it is locked.
     */
    default String lockedBy() {
        return null;
    }

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset} into {@code dst}, advancing its
     * position to its limit.
     *
     * @throws IOException when the range is outside the partition or the read fails
     */
    void read(long offset, ByteBuffer dst) throws IOException;

    /**
     * Writes {@code src.remaining()} bytes at {@code offset}, advancing its position to its limit.
     *
     * @throws IOException when the range is outside the partition, the partition is
     *                     read-only, or the write fails
     */
    void write(long offset, ByteBuffer src) throws IOException;

    /** Forces every write so far to stable storage. */
    void force() throws IOException;

    /** Reads {@code length} bytes at {@code offset} into a new buffer, positioned at 0. */
    default ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        read(offset, b);
        return b.flip();
    }

    /** The partition size rounded down to whole blocks, as the C server uses it. */
    default long size(int blockSize) {
        return Layout.roundDown(size(), blockSize);
    }

    /**
     * Throws unless {@code [offset, offset+count)} lies inside {@code part}, in the words of the
     * C server's error.
     */
    static void checkRange(Part part, String op, long offset, long count) throws IOException {
        if (offset < 0 || count < 0 || offset > part.size() || count > part.size() - offset) {
            throw new IOException(String.format("out of bounds %s offset 0x%x count %d to partition %s size 0x%x",
                    op, offset, count, part.name(), part.size()));
        }
    }
}
