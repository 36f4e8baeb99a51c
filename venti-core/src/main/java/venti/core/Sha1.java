package venti.core;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 scores of blocks, with the JDK's (hardware-assisted) digest, or with an
 * {@link Engine} installed in its place.
 *
 * <p>The JDK's digest is fast only once the C2 compiler has compiled it, with the CPU's SHA
 * instructions; the short-lived archive commands run on C1 alone, where it hashes five times
 * slower, so the command line installs a native one for them ({@link #use}).
 *
 * <p>Digests are pooled rather than thread-local: requests run on short-lived virtual
 * threads, where a thread-local would build a new digest for nearly every block.
 * Thread-safe.
 */
public final class Sha1 {

    /** Another implementation of SHA-1; must be thread-safe. */
    public interface Engine {
        /** Writes the SHA-1 of the first {@code len} bytes of {@code data} into the 20 bytes of {@code md}. */
        void hash(byte[] data, int len, byte[] md);
    }

    private static final Pool<MessageDigest> POOL = new Pool<>(Sha1::newDigest);
    private static volatile Engine engine;

    private Sha1() {
    }

    /**
     * Hashes with {@code e} from now on, where a block starts at offset 0 of its array (as
     * clients' blocks do); {@code null} goes back to the JDK's digest.
     */
    public static void use(Engine e) {
        engine = e;
    }

    /** The score of {@code len} bytes of {@code data} from {@code off}. */
    public static Score hash(byte[] data, int off, int len) {
        Engine e = engine;
        if (e != null && off == 0) {
            byte[] md = new byte[Score.SIZE];
            e.hash(data, len, md);
            return Score.adopt(md);
        }
        MessageDigest md = POOL.take();
        try {
            md.update(data, off, len);
            return Score.adopt(md.digest());
        } finally {
            POOL.give(md);
        }
    }

    /** The score of a whole array. */
    public static Score hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The score of the buffer's remaining bytes; consumes them. */
    public static Score hash(ByteBuffer data) {
        MessageDigest md = POOL.take();
        try {
            md.update(data);
            return Score.adopt(md.digest());
        } finally {
            POOL.give(md);
        }
    }

    /** A fresh digest for callers that hash a long stream piece by piece (sealed arenas). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1", e);
        }
    }
}
