package venti.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A root block (libventi's VtRoot, version 2): what a score handed between programs, such
 * as {@code vac:...}, conventionally names. It labels a directory block and links to the
 * previous root of the same archive.
 *
 * <pre>
 * offset size field
 *      0    2 version    2, or 2 | 0x8000 when blocksize uses the big encoding
 *      2  128 name       UTF-8, NUL-padded; at most 127 bytes, so always NUL-terminated
 *    130  128 type       UTF-8, NUL-padded, as name (vac writes "vac")
 *    258   20 score      the directory block
 *    278    2 blocksize  largest block in the tree; {@link BigSize}'s encoding when big
 *    280   20 prev       the previous root, or any 20 bytes when there is none
 * </pre>
 *
 * <p>Reading stops each string at its first NUL and ignores its 128th byte, as libventi
 * does; unlike libventi, it rejects a string that is not UTF-8. Immutable and thread-safe. {@code pack} of any {@code Root} succeeds, and
 * {@code unpack} gives back an equal one.
 *
 * @param name      archive name, at most 127 UTF-8 bytes, no NUL
 * @param type      archive kind, at most 127 UTF-8 bytes, no NUL
 * @param score     score of the directory block
 * @param blocksize largest block size in the tree, at least 256
 * @param prev      score of the previous root block
 */
public record Root(String name, String type, Score score, long blocksize, Score prev) {

    /** The only root version there is. */
    public static final int VERSION = 2;
    /** Version bit saying blocksize is in the big encoding. */
    private static final int VERSION_BIG = 0x8000;
    /** Bytes of a string field, including the NUL that must end it. */
    public static final int STRING_SIZE = 128;
    /** Smallest block size a root may name. */
    public static final int MIN_BLOCK_SIZE = 256;

    private static final int VERSION_OFFSET = 0;
    private static final int NAME_OFFSET = VERSION_OFFSET + Short.BYTES;
    private static final int TYPE_OFFSET = NAME_OFFSET + STRING_SIZE;
    private static final int SCORE_OFFSET = TYPE_OFFSET + STRING_SIZE;
    private static final int BLOCKSIZE_OFFSET = SCORE_OFFSET + Score.SIZE;
    private static final int PREV_OFFSET = BLOCKSIZE_OFFSET + Short.BYTES;

    /** Bytes in a root block: 300. */
    public static final int SIZE = PREV_OFFSET + Score.SIZE;

    public Root {
        checkString("name", name);
        checkString("type", type);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(prev, "prev");
        if (blocksize < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException(String.format(
                    "bad root block size %d (%#x): want at least %d", blocksize, blocksize, MIN_BLOCK_SIZE));
        }
        if (blocksize >= BigSize.SMALL_LIMIT && !BigSize.fits(blocksize)) {
            throw new IllegalArgumentException("root block size " + blocksize + " has no exact encoding: " + BigSize.rule());
        }
    }

    /** The 300 bytes of this root block. */
    public byte[] pack() {
        byte[] b = new byte[SIZE];
        ByteBuffer buf = ByteBuffer.wrap(b);
        boolean big = blocksize >= BigSize.SMALL_LIMIT;
        buf.putShort(VERSION_OFFSET, (short) (big ? VERSION | VERSION_BIG : VERSION));
        buf.put(NAME_OFFSET, name.getBytes(StandardCharsets.UTF_8));
        buf.put(TYPE_OFFSET, type.getBytes(StandardCharsets.UTF_8));
        score.writeTo(buf, SCORE_OFFSET);
        buf.putShort(BLOCKSIZE_OFFSET, (short) (big ? BigSize.encode(blocksize) : blocksize));
        prev.writeTo(buf, PREV_OFFSET);
        return b;
    }

    /** Reads a whole root block. */
    public static Root unpack(byte[] block) {
        return unpack(block, 0, block.length);
    }

    /**
     * Reads the root block of {@code len} bytes at {@code off} of {@code buf}.
     *
     * @throws FormatException when it is not {@link #SIZE} bytes, its version is unknown, its
     *                         block size is under 256 or a string is not UTF-8
     */
    public static Root unpack(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len != SIZE) {
            throw new FormatException("root block is " + len + " bytes: want " + SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(buf);
        int version = Short.toUnsignedInt(b.getShort(off + VERSION_OFFSET));
        if ((version & ~VERSION_BIG) != VERSION) {
            throw new FormatException(String.format("unknown root version %#06x: want %#06x or %#06x",
                    version, VERSION, VERSION | VERSION_BIG));
        }
        int bs = Short.toUnsignedInt(b.getShort(off + BLOCKSIZE_OFFSET));
        long blocksize = (version & VERSION_BIG) != 0 ? BigSize.decode(bs) : bs;
        try {
            return new Root(string("name", buf, off + NAME_OFFSET), string("type", buf, off + TYPE_OFFSET),
                    Score.read(b, off + SCORE_OFFSET), blocksize, Score.read(b, off + PREV_OFFSET));
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage(), e);
        }
    }

    private static String string(String field, byte[] buf, int off) {
        int end = off;
        while (end < off + STRING_SIZE - 1 && buf[end] != 0) {
            end++;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, off, end - off)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("root " + field + " is not UTF-8", e);
        }
    }

    private static void checkString(String field, String s) {
        Objects.requireNonNull(s, field);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("root " + field + " contains a NUL byte");
        }
        int n;
        try {
            n = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("root " + field + " has a lone surrogate: not Unicode text", e);
        }
        if (n >= STRING_SIZE) {
            throw new IllegalArgumentException("root " + field + " is " + n + " UTF-8 bytes: at most "
                    + (STRING_SIZE - 1) + " fit");
        }
    }
}
