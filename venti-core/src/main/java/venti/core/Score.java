package venti.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Venti score: the 20-byte SHA-1 of a block's contents, which is also the block's name.
 *
 * <p>Two scores are special. {@link #EMPTY} is the SHA-1 of the zero-length block, which
 * libventi clients answer themselves (its {@code vtzeroscore}). {@link #ZERO} is twenty zero
 * bytes, which the C server treats as the empty block when asked to read it.
 *
 * <p>Immutable and thread-safe. Ordering is unsigned lexicographic, the order of index buckets.
 */
public final class Score implements Comparable<Score> {

    /** Bytes in a score. */
    public static final int SIZE = 20;

    private static final HexFormat HEX = HexFormat.of();

    /** Twenty zero bytes: the C server reads this as the empty block. */
    public static final Score ZERO = new Score(new byte[SIZE]);

    /** SHA-1 of the zero-length block (da39a3ee...): libventi's {@code vtzeroscore}. */
    public static final Score EMPTY = Sha1.hash(new byte[0], 0, 0);

    private final byte[] bytes;

    private Score(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A score from {@link #SIZE} bytes of {@code src} starting at {@code offset}. */
    public static Score fromBytes(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < SIZE) {
            throw new IllegalArgumentException(
                    "score needs " + SIZE + " bytes at offset " + offset + ", have " + Math.max(0, src.length - offset));
        }
        return new Score(Arrays.copyOfRange(src, offset, offset + SIZE));
    }

    /** A score from exactly {@link #SIZE} bytes. */
    public static Score fromBytes(byte[] src) {
        if (src.length != SIZE) {
            throw new IllegalArgumentException("score must be " + SIZE + " bytes, got " + src.length);
        }
        return new Score(src.clone());
    }

    /** Reads {@link #SIZE} bytes at the buffer's absolute {@code index}, leaving its position alone. */
    public static Score read(ByteBuffer buf, int index) {
        byte[] b = new byte[SIZE];
        buf.get(index, b);
        return new Score(b);
    }

    /** Reads {@link #SIZE} bytes at the buffer's position and advances it. */
    public static Score read(ByteBuffer buf) {
        byte[] b = new byte[SIZE];
        buf.get(b);
        return new Score(b);
    }

    /** Wraps a digest the caller hands over and will not touch again. */
    static Score adopt(byte[] digest) {
        return new Score(digest);
    }

    /**
     * Parses 40 hex digits (either case), with an optional {@code label:} prefix as in
     * {@code vac:...}, which is ignored.
     *
     * @throws IllegalArgumentException naming the text when it is not a score
     */
    public static Score parse(String text) {
        return parseLabeled(text).score();
    }

    /** Parses like {@link #parse} and keeps the label, or null when there is none. */
    public static Labeled parseLabeled(String text) {
        int colon = text.indexOf(':');
        String hex = colon >= 0 ? text.substring(colon + 1) : text;
        if (hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("bad score '" + text + "': need " + 2 * SIZE + " hex digits, got " + hex.length());
        }
        byte[] b;
        try {
            b = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad score '" + text + "': not hexadecimal", e);
        }
        return new Labeled(colon >= 0 ? text.substring(0, colon) : null, new Score(b));
    }

    /** A parsed score and its label ({@code vac} in {@code vac:<hex>}), or null. */
    public record Labeled(String label, Score score) {
    }

    /** Byte {@code i} of the score. */
    public byte get(int i) {
        return bytes[i];
    }

    /** Bytes {@code i..i+3} as a big-endian int; {@code getInt(0)} picks the index bucket. */
    public int getInt(int i) {
        return top(bytes, i);
    }

    /**
     * The big-endian int at {@code offset} of {@code src}: {@link #getInt getInt(0)} of a score
     * packed there, without the object.
     */
    public static int top(byte[] src, int offset) {
        return (src[offset] & 0xff) << 24 | (src[offset + 1] & 0xff) << 16 | (src[offset + 2] & 0xff) << 8
                | (src[offset + 3] & 0xff);
    }

    /** A copy of the 20 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, SIZE);
    }

    /** Puts the 20 bytes at the buffer's position and advances it. */
    public void writeTo(ByteBuffer buf) {
        buf.put(bytes);
    }

    /** Puts the 20 bytes at the buffer's absolute {@code index}. */
    public void writeTo(ByteBuffer buf, int index) {
        buf.put(index, bytes);
    }

    /** True when these are the 20 bytes at {@code offset} of {@code other}. */
    public boolean matches(byte[] other, int offset) {
        return Arrays.equals(bytes, 0, SIZE, other, offset, offset + SIZE);
    }

    /**
     * Compares this score with the 20 bytes at the buffer's absolute {@code index}, unsigned,
     * without copying them: how index buckets are searched in place.
     */
    public int compareTo(ByteBuffer buf, int index) {
        for (int i = 0; i < SIZE; i++) {
            int c = Integer.compare(bytes[i] & 0xff, buf.get(index + i) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Score s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return getInt(0);
    }

    @Override
    public int compareTo(Score o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** 40 lowercase hex digits, as venti prints scores. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
