package venti.whack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The whack decompressor: turns a compressed clump payload back into its block, accepting
 * exactly the streams plan9port's {@code unwhack} accepts with the clump's declared length.
 *
 * <p>Design. Each code (a literal, or a match length followed by its distance) is at most 49
 * bits long, so the decoder reads one big-endian 64-bit window at the code's first bit and
 * takes every field of the code from it; only the last few codes of a stream are read through
 * a slower window that pads with zero bits. The stream ends when fewer than 8 bits remain (the
 * encoder pads its last byte with zeros); a code that reaches into that padding is an error.
 *
 * <p>Two limits come from the C decoder, so that both accept the same streams: the long
 * match-length code may only be as long as the bits the C decoder would have buffered at
 * that point (between 25 and 32 bits, depending on the code's alignment in its byte), and a
 * stream must decode to exactly the declared length. Malformed input never makes the decoder
 * read outside {@code src[off, off+len)} or write outside {@code dst[dstOff, dstOff+outLen)},
 * and it allocates nothing; on failure the window of {@code dst} may be partly written.
 *
 * <p>Stateless and thread-safe.
 */
public final class Unwhack {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The stream ends when fewer bits than this remain. */
    private static final int MIN_CODE_BITS = 8;

    /** How many leading bits of a code tell a literal, a short match length, or a longer one. */
    private static final int PREFIX_BITS = 5;
    /** By prefix: 0 for a literal, a match length below GROUPED_FIRST, or GROUPED. */
    private static final int[] LENGTH_BY_PREFIX = new int[1 << PREFIX_BITS];
    /** By prefix, for a length below GROUPED_FIRST: the bits its code takes. */
    private static final int[] LENGTH_BITS_BY_PREFIX = new int[1 << PREFIX_BITS];
    private static final int GROUPED = -1;
    /**
     * Lengths from 7 up, read a bit at a time: the 6-bit code of length 7 starts the first
     * group, of one length; groups then double in size every second bit.
     */
    private static final int GROUPED_FIRST = 7;
    private static final int GROUPED_CODE = 0x3c;
    private static final int GROUPED_BITS = 6;

    /** By the 4-bit distance class: the class's first distance - 1, and its bits after the class. */
    private static final int[] OFFSET_BASE = new int[16];
    private static final int[] OFFSET_BITS = new int[16];

    static {
        Arrays.fill(LENGTH_BY_PREFIX, 1 << (PREFIX_BITS - 1), 1 << PREFIX_BITS, GROUPED);
        for (int len = Whack.MIN_MATCH; len < GROUPED_FIRST; len++) {
            int width = Whack.fastLengthBits(len);
            int first = Whack.fastLengthCode(len) << (PREFIX_BITS - width);
            int last = first + (1 << (PREFIX_BITS - width));
            Arrays.fill(LENGTH_BY_PREFIX, first, last, len);
            Arrays.fill(LENGTH_BITS_BY_PREFIX, first, last, width);
        }
        int shortClasses = 2 * (Whack.LONG_OFFSET_BITS - Whack.MIN_OFFSET_BITS);
        for (int cls = 0; cls < 16; cls++) {
            boolean shortClass = cls < shortClasses;
            int magnitude = Whack.MIN_OFFSET_BITS + (shortClass ? cls >> 1 : cls - shortClasses + 7);
            int sent = magnitude == Whack.MIN_OFFSET_BITS ? magnitude : magnitude - 1;
            int after = shortClass ? sent - 1 : sent;
            OFFSET_BITS[cls] = after;
            OFFSET_BASE[cls] = (magnitude == Whack.MIN_OFFSET_BITS ? 0 : 1 << (magnitude - 1))
                    | (shortClass ? (cls & 1) << after : 0);
        }
    }

    private Unwhack() {
    }

    /**
     * Decompresses exactly {@code outLen} bytes from {@code src[off, off+len)} into
     * {@code dst[dstOff, dstOff+outLen)}.
     *
     * @throws WhackException if the input is truncated, refers back before the start of the
     *         output, or decodes to more or fewer than {@code outLen} bytes
     * @throws IndexOutOfBoundsException if either window lies outside its array
     */
    public static void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int outLen) {
        Objects.checkFromIndexSize(off, len, src.length);
        Objects.checkFromIndexSize(dstOff, outLen, dst.length);
        long totalBits = (long) len << 3;
        long pos = 0;
        int out = dstOff;
        int outEnd = dstOff + outLen;
        int history = -1;
        while (totalBits - pos >= MIN_CODE_BITS) {
            int at = (int) (pos >>> 3);
            long w = at <= len - Long.BYTES
                    ? (long) LONG_BE.get(src, off + at) << (pos & 7)
                    : tailWindow(src, off + at, len - at) << (pos & 7);
            int prefix = (int) (w >>> (64 - PREFIX_BITS));
            int mlen = LENGTH_BY_PREFIX[prefix];

            if (mlen == 0) {
                int lit;
                int used;
                if ((history & Whack.LITERAL_HISTORY) != 0) {
                    lit = field(w, 1, 8);
                    used = 9;
                } else {
                    lit = field(w, 1, 7);
                    used = 8;
                    if (lit < 32) {
                        int more = lit < 24 ? 2 : 3;
                        lit = ((lit << more | field(w, 8, more)) - 64) & 0xff;
                        used += more;
                    }
                }
                if (out == outEnd) {
                    throw new WhackException("output longer than the expected " + outLen + " bytes", at);
                }
                dst[out++] = (byte) lit;
                history = history << 1 | (lit < 32 || lit > 127 ? 1 : 0);
                pos += used;
                continue;
            }

            int used;
            if (mlen != GROUPED) {
                used = LENGTH_BITS_BY_PREFIX[prefix];
            } else {
                // the C decoder holds 25 to 32 bits here, up to a byte boundary, and fails beyond them
                int buffered = (int) (((pos + 32) & ~7L) - pos);
                int code = field(w, 0, GROUPED_BITS) - GROUPED_CODE;
                used = GROUPED_BITS;
                mlen = GROUPED_FIRST;
                int group = 1;
                int grow = 1;
                while (code >= group) {
                    if (used == buffered) {
                        throw new WhackException("match length code longer than " + (buffered - GROUPED_BITS)
                                + " extension bits", at);
                    }
                    mlen += group;
                    code = (code - group) << 1 | field(w, used++, 1);
                    group <<= grow;
                    grow ^= 1;
                }
                mlen += code;
            }

            int cls = field(w, used, 4);
            int bits = OFFSET_BITS[cls];
            int dist = (OFFSET_BASE[cls] | field(w, used + 4, bits)) + 1;
            pos += used + 4 + bits;
            if (dist > out - dstOff) {
                throw new WhackException("match distance " + dist + " reaches before the start of the output ("
                        + (out - dstOff) + " bytes decoded)", at);
            }
            if (mlen > outEnd - out) {
                throw new WhackException("output longer than the expected " + outLen + " bytes (a match of "
                        + mlen + " after " + (out - dstOff) + ")", at);
            }
            copyMatch(dst, out, dist, mlen);
            out += mlen;
        }
        if (pos > totalBits) {
            throw new WhackException("compressed data ends inside a code, " + (pos - totalBits) + " bits short", len);
        }
        if (out != outEnd) {
            throw new WhackException("output shorter than the expected " + outLen + " bytes: decoded "
                    + (out - dstOff), len);
        }
    }

    /** The {@code n} bits of the left-aligned window {@code w} that start {@code at} bits in. */
    private static int field(long w, int at, int n) {
        return (int) ((w << at) >>> (64 - n));
    }

    /** The last bytes of the input, left-aligned in a window and padded with zero bits. */
    private static long tailWindow(byte[] src, int from, int available) {
        long w = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            w = w << 8 | (i < available ? src[from + i] & 0xff : 0);
        }
        return w;
    }

    /** Copies {@code mlen} bytes from {@code dist} back, byte by byte in effect where the two overlap. */
    private static void copyMatch(byte[] dst, int out, int dist, int mlen) {
        int from = out - dist;
        if (dist >= mlen) {
            System.arraycopy(dst, from, dst, out, mlen);
        } else if (dist == 1) {
            Arrays.fill(dst, out, out + mlen, dst[from]);
        } else {
            for (int i = 0; i < mlen; i++) {
                dst[out + i] = dst[from + i];
            }
        }
    }
}
