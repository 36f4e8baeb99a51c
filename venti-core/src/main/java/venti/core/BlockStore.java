package venti.core;

import java.io.IOException;

/**
 * What a Venti server serves and a client talks to: blocks named by their score.
 *
 * <p>Implemented by the storage engine, by {@code VentiClient} (a remote store) and by the
 * in-memory and proxy stores the tools use. The protocol server ({@code venti.server}) answers
 * three requests itself, exactly as the C server does, so a store behind it never sees them:
 * a read of {@link Score#ZERO} (an empty block), a write of zero bytes ({@link Score#EMPTY},
 * nothing stored) and a write larger than {@link #MAX_BLOCK} ("lump too large"). A store used
 * directly must still refuse blocks larger than {@link #MAX_BLOCK}.
 *
 * <p>Failures a store can name are {@link BlockStoreException}s carrying the C server's
 * words, so that a server passes them on unchanged in {@code Rerror}: a missing block is a
 * {@link BlockNotFoundException}. A remote store reports whatever its server refused with as
 * an {@link IOException} holding the server's text, since a client cannot tell the kinds of
 * refusal apart. {@link IOException} is otherwise a failure of the disk or the connection.
 *
 * <p>Implementations are thread-safe: a server calls them from many threads at once.
 */
public interface BlockStore {

    /** The largest block a store holds: 56 KiB (libventi's VtMaxLumpSize). */
    int MAX_BLOCK = 57344;

    /**
     * The block with this score and type, at most {@code maxSize} bytes long.
     *
     * @throws BlockNotFoundException when there is no block with this score and type
     * @throws BlockStoreException    when the block is longer than {@code maxSize} ("read too small")
     *                                or the store cannot serve it
     */
    byte[] read(Score score, BlockType type, int maxSize) throws IOException;

    /**
     * Stores {@code len} bytes of {@code data} from {@code off} as a block of this type and
     * returns its score, the SHA-1 of those bytes. Storing a block that is already there
     * stores nothing new. The caller may reuse the array once this returns.
     *
     * @throws BlockStoreException when the block is too large, the store is full, or a block
     *                             with the same score and other contents is there
     */
    Score write(BlockType type, byte[] data, int off, int len) throws IOException;

    /** Returns once every block whose write has returned is on stable storage. */
    void sync() throws IOException;
}
