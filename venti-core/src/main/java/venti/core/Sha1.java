package venti.core;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 scores of blocks, with the JDK's (hardware-assisted) digest.
 *
 * <p>Digests are pooled rather than thread-local: requests run on short-lived virtual
 * threads, where a thread-local would build a new digest for nearly every block.
 * Thread-safe.
 */
public final class Sha1 {

    private static final Pool<MessageDigest> POOL = new Pool<>(Sha1::newDigest);

    private Sha1() {
    }

    /** The score of {@code len} bytes of {@code data} from {@code off}. */
    public static Score hash(byte[] data, int off, int len) {
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
