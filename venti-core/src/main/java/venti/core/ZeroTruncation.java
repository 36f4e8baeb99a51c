package venti.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Zero truncation: the canonical form in which clients store fixed-size blocks, so that the
 * same contents padded differently are one block, and a stream of zeros of any length is
 * the empty block at every level of its tree.
 *
 * <ul>
 *   <li>Data and directory blocks (depth 0) drop their trailing zero bytes.</li>
 *   <li>Pointer blocks drop their trailing {@link Score#EMPTY} scores: the score of the
 *       empty block, which a pointer to an all-zero child holds. Twenty zero bytes are not a
 *       zero score here. A partial score at the end of a pointer block is dropped whatever
 *       its bytes.</li>
 *   <li>Root blocks are cut to {@link Root#SIZE} bytes.</li>
 * </ul>
 *
 * <p>Extension is the inverse, growing a block back to its fixed size: zero bytes for data,
 * directory and root blocks; for pointer blocks {@link Score#EMPTY} in every whole score
 * slot, starting at the slot that holds byte {@code len} (so a partial score at the end is
 * overwritten), then zero bytes for a slack shorter than a score. For a block whose length
 * is a whole number of scores, {@code extend(truncate(b))} gives back {@code b}.
 *
 * <p>Both work in place on a range of a caller's array and allocate nothing. Stateless.
 */
public final class ZeroTruncation {

    private ZeroTruncation() {
    }

    /**
     * The length of {@code buf[off, off+len)} once truncated: the block is its first that many
     * bytes.
     */
    public static int truncate(BlockType type, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (type == BlockType.ROOT) {
            return Math.min(len, Root.SIZE);
        }
        if (pointerBlock(type)) {
            int end = off + len / Score.SIZE * Score.SIZE;
            while (end > off && Score.EMPTY.matches(buf, end - Score.SIZE)) {
                end -= Score.SIZE;
            }
            return end - off;
        }
        int end = off + len;
        while (end > off && buf[end - 1] == 0) {
            end--;
        }
        return end - off;
    }

    /** Grows the block {@code buf[off, off+len)} in place to {@code newLen} bytes. */
    public static void extend(BlockType type, byte[] buf, int off, int len, int newLen) {
        Objects.checkFromIndexSize(off, newLen, buf.length);
        if (len < 0 || len > newLen) {
            throw new IllegalArgumentException("cannot extend a block of " + len + " bytes to " + newLen);
        }
        int p = off + len;
        if (pointerBlock(type)) {
            p = off + len / Score.SIZE * Score.SIZE;
            for (int slots = off + newLen / Score.SIZE * Score.SIZE; p < slots; p += Score.SIZE) {
                Score.EMPTY.copyTo(buf, p);
            }
        }
        Arrays.fill(buf, p, off + newLen, (byte) 0);
    }

    private static boolean pointerBlock(BlockType type) {
        if (type == BlockType.CORRUPT) {
            throw new IllegalArgumentException("cannot zero-truncate or extend a block of type CORRUPT");
        }
        return type.isPointer();
    }
}
