package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 */
public interface Part extends Closeable {

    /** The name the partition was opened by, as written in venti.conf; used in messages. */
    String name();

    /** Bytes addressable in this partition. */
    long size();

    /** True when writes are refused. */
    boolean isReadOnly();

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
