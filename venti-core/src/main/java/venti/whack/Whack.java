package venti.whack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import venti.core.Pool;

/**
 * The whack compressor: Venti's LZ77 codec, producing exactly the bytes plan9port's
 * {@code whackblock} produces at the level the server uses, so that clumps we write are the
 * clumps the C venti would have written. The stream format is in {@code docs/format.md}.
 *
 * <p>Design. Every input position with three bytes ahead of it goes into a hash table keyed
 * by those three bytes; each entry heads a chain through earlier positions with the same
 * hash. At each position the compressor walks at most {@link #MAX_CHECK} links of that chain,
 * keeps the longest match (the nearest among equals), and stops early once a match is longer
 * than {@code MAX_CHECK}. A match of three or more bytes is sent as a length and a distance,
 * anything else as a literal byte. Byte-exactness depends on reproducing the C encoder's
 * bookkeeping, quirks included:
 * <ul>
 * <li>Positions are stamped with a 16-bit clock that starts at {@code 2 * WINDOW} and wraps.
 *     Distances are clock differences modulo 2<sup>16</sup>, and a chain walk stops at the
 *     first distance that is not larger than the one before or is beyond the window.</li>
 * <li>An empty head reads as clock 0, which is the stamp of input position 32768, so on an
 *     input longer than that an empty head can still lead to a real match there.</li>
 * <li>At the first literal past the middle of the input the compressor gives up if more than
 *     four fifths of the bytes so far were literals.</li>
 * <li>It gives up when the output would grow past the input's length.</li>
 * </ul>
 * Only the result matters, not the order of the work: a candidate is examined in full only
 * if it could beat the best match so far, the chains are built ahead of the parse, and output
 * bytes are written as they complete, so "gives up" happens at the same moment as in C or
 * later with the same outcome.
 *
 * <p>Chains. C links every position into its chain as the parse passes it, inside matches
 * too, so the chains do not depend on the parse: a tight first pass links the positions, up
 * to a window ahead of the parse, and the head C reads at a position is that position's own
 * link. A link is kept in the slot of its position's clock (C's slot is the clock modulo the
 * window, reused by the position a window later, which is never linked while a walk can still
 * reach the first). The heads are cleared for each block (32 KiB), as in C; the links are
 * not, since a walk reads a position's link only once the position is within the window,
 * linked earlier in the same block, and its slot is not reused for 2<sup>16</sup> positions,
 * far more than the pass runs ahead. An empty head's clock 0 is within the window only after
 * input position 32768, which it stamps.
 *
 * <p>Not thread-safe: use one instance per thread, or {@link #compressBlock}, which draws
 * instances from a small shared pool.
 */
public final class Whack {

    /** The farthest back a match may reach, in bytes. */
    public static final int WINDOW = 16 * 1024;
    /** The shortest match worth encoding. */
    public static final int MIN_MATCH = 3;
    /** The longest match the length code can express. */
    public static final int MAX_MATCH = 2051;
    /** The level venti's clump writer compresses at. */
    static final int LEVEL = 6;
    /** Chain links examined per position; a match longer than this ends the search. */
    static final int MAX_CHECK = (1 << LEVEL) - ((1 << LEVEL) >> 2);

    /** The four literals before this one: any outside 32..127 makes this one a 9-bit code. */
    static final int LITERAL_HISTORY = 0xf;

    /** Codes for match lengths MIN_MATCH .. MIN_MATCH + 8. */
    private static final int[] FAST_LENGTH_CODE = {0x2, 0x6, 0x1c, 0x1d, 0x3c, 0x7a, 0x7b, 0xf8, 0xf9};
    private static final int[] FAST_LENGTH_BITS = {2, 3, 5, 5, 6, 7, 7, 8, 8};
    /** Longer lengths: the first long code, its width, and how many lengths the first width holds. */
    private static final int LONG_LENGTH_CODE = 0x1f4;
    private static final int LONG_LENGTH_BITS = 9;
    private static final int LONG_LENGTH_GROUP = 4;

    /** Distances - 1 below 2^MIN_OFFSET_BITS form the first class; from LONG_OFFSET_BITS on, the prefix is 4 bits. */
    static final int MIN_OFFSET_BITS = 6;
    static final int LONG_OFFSET_BITS = MIN_OFFSET_BITS + 7;

    /** A code as a long: its bits above CODE_WIDTH_BITS, their number below. */
    static final int CODE_WIDTH_BITS = 6;
    private static final int CODE_WIDTH_MASK = (1 << CODE_WIDTH_BITS) - 1;

    private static final int HASH_BITS = 14;
    private static final int HASH_MULTIPLIER = 0x6b43a9b5;
    private static final int CLOCK_MASK = 0xffff;
    private static final int FIRST_CLOCK = 2 * WINDOW;

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Idle compressors for {@link #compressBlock}. */
    private static final Pool<Whack> POOL = new Pool<>(Whack::new);

    /** log2 of the slots of {@link #seen} a block uses per byte of its own (capped by {@link #SEEN_MAX_BITS}). */
    private static final int SEEN_SLOTS_PER_BYTE_BITS = 4;
    private static final int SEEN_MAX_BITS = 19;
    private static final int TRIGRAM_MASK = 0xffffff;
    /** The sample {@link #likelyGivesUp} takes of a large block: windows, bytes each, log2 of its table slots. */
    static final int SAMPLE_WINDOWS = 4;
    static final int SAMPLE_WINDOW = 256;
    private static final int SAMPLE_BITS = 14;

    /** Per hash of three bytes: the clock of the latest position linked so far starting with them. */
    private final char[] head = new char[1 << HASH_BITS];
    /** Per clock: the clock of the position before it on the same chain (0 for none). */
    private final char[] link = new char[CLOCK_MASK + 1];
    /**
     * The hashes of the three-byte sequences of the block being scanned by
     * {@link #surelyGivesUp}: a slot holding the block's stamp has been seen; other stamps
     * are free, so the table is never cleared.
     */
    private final byte[] seen = new byte[1 << SEEN_MAX_BITS];
    private byte stamp;

    public Whack() {
    }

    /**
     * Compresses {@code src[off, off+len)} into {@code dst} from {@code dstOff}; {@code dst}
     * needs room for {@code len} bytes there. Returns the compressed length, or -1 where C
     * venti's {@code whackblock} gives up: fewer than {@link #MIN_MATCH} input bytes, output
     * that would exceed {@code len} bytes, or too many literals by the middle of the input.
     * Like the C encoder it can return exactly {@code len}; venti stores a clump compressed
     * only when the result is positive and smaller than {@code len}.
     */
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(off, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        if (len < MIN_MATCH || surelyGivesUp(src, off, len)) {
            return -1;
        }
        return encode(src, off, len, dst, dstOff);
    }

    /** {@link #compress} without the shortcut for blocks that surely give up (for tests of that shortcut). */
    int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        char[] head = this.head;
        char[] link = this.link;
        Arrays.fill(head, (char) 0);

        int end = off + len;
        int lastHashed = end - MIN_MATCH;
        int linked = off;
        int half = off + (len >> 1);
        int out = dstOff;
        int outEnd = dstOff + len;
        long bits = 0;
        int nbits = 0;
        int literals = 0;
        int history = -1;

        for (int s = off; s < end; ) {
            int clock = FIRST_CLOCK + s - off;
            int match = 0;
            if (s <= lastHashed) {
                if (s >= linked) {
                    int to = s + Math.min(WINDOW, lastHashed + 1 - s);
                    chain(src, linked, to, FIRST_CLOCK + linked - off, head, link);
                    linked = to;
                }
                match = longestMatch(src, s, Math.min(end, s + MAX_MATCH), clock, link);
            }
            out = flush(dst, out, outEnd, bits, nbits);
            if (out < 0) {
                return -1;
            }
            nbits &= 7;

            long code;
            if (match == 0) {
                int c = src[s] & 0xff;
                history = history << 1 | (c < 32 || c > 127 ? 1 : 0);
                code = literalCode(c, history);
                literals++;
                if (s > half) {
                    if (4L * (s - off) < 5L * literals) {
                        return -1;
                    }
                    half = end;
                }
                s++;
            } else {
                code = matchCode(match >>> 16, match & 0xffff);
                s += match >>> 16;
            }
            int width = (int) code & CODE_WIDTH_MASK;
            bits = bits << width | code >>> CODE_WIDTH_BITS;
            nbits += width;
        }

        int pad = -nbits & 7;
        out = flush(dst, out, outEnd, bits << pad, nbits + pad);
        return out < 0 ? -1 : out - dstOff;
    }

    /**
     * True when {@link #compress} would certainly give up by its literal rule, found with one
     * cheap pass over part of the block instead of compressing half of it: incompressible
     * blocks are the common case this saves most of the work for. Exact, never a guess:
     * <p>A match can only start at a position whose three bytes occurred earlier in the block
     * (a <em>repeat</em>), and all but the last two positions a match covers are repeats too.
     * The rule is checked at the first literal at a position {@code x > len/2}, with
     * {@code x+1} bytes seen; with {@code R} repeats before it at most {@code 3R} of those
     * bytes are not literals, and it gives up when {@code 4x < 5(x+1-3R)}, which holds
     * whenever {@code 15R <= len/2 + 5}. Such an {@code R} also leaves a literal among any
     * {@code 3R+3} positions past the middle, so counting the repeats up to there is enough.
     * Repeats are counted by hash, without keeping the bytes: a hash seen before counts as a
     * repeat even when another sequence made it, and so do repeats from beyond the window and
     * stale stamps. All of these only make {@code R} larger, so the answer errs, if at all,
     * towards running the compressor. (With sixteen slots per byte of block, collisions add
     * about a third of the repeats allowed; up to two thirds for the largest blocks, whose
     * table is capped.) Giving up because the output grew too long gives the same answer.
     */
    boolean surelyGivesUp(byte[] src, int off, int len) {
        int maxRepeats = ((len >> 1) + 5) / 15;
        int scan = Math.min(len - 2, (len >> 1) + 1 + 3 * maxRepeats + 3);
        byte tag = stamp = (byte) (stamp == -1 ? 1 : stamp + 1);
        byte[] seen = this.seen;
        int bits = Math.min(SEEN_MAX_BITS, 32 - Integer.numberOfLeadingZeros(len) + SEEN_SLOTS_PER_BYTE_BITS);
        int repeats = 0;
        int t = (src[off] & 0xff) << 8 | src[off + 1] & 0xff;
        for (int p = off + 2, end = off + 2 + scan; p < end; p++) {
            t = (t << 8 | src[p] & 0xff) & TRIGRAM_MASK;
            int h = (t * HASH_MULTIPLIER) >>> (32 - bits);
            if (seen[h] == tag) {
                if (++repeats > maxRepeats) {
                    return false;
                }
            } else {
                seen[h] = tag;
            }
        }
        return true;
    }

    /**
     * True when a sample of the block suggests {@link #compress} would give up: a guess, for
     * a writer that may store any block raw, not part of the codec. Blocks up to
     * {@code 2 * SAMPLE_WINDOWS * SAMPLE_WINDOW} bytes get the exact {@link #surelyGivesUp}, which
     * costs no more there. Larger ones are judged by {@link #SAMPLE_WINDOWS} windows of
     * {@link #SAMPLE_WINDOW} bytes spread evenly over the block, counting the three-byte
     * sequences seen before in the sample, as {@link #surelyGivesUp} counts them in the
     * block; fewer than one in fifteen is the rate at which the literal rule gives up. The
     * exact scan reads half the block or more when it gives up, this about a sixth of an
     * 8 KiB block, in a table that stays in the first-level cache. A block whose windows
     * miss what repeats between them is stored raw: it is still a valid clump.
     */
    boolean likelyGivesUp(byte[] src, int off, int len) {
        if (len <= 2 * SAMPLE_WINDOWS * SAMPLE_WINDOW) {
            return len < MIN_MATCH || surelyGivesUp(src, off, len);
        }
        byte tag = stamp = (byte) (stamp == -1 ? 1 : stamp + 1);
        byte[] seen = this.seen;
        int repeats = 0;
        int step = (len - SAMPLE_WINDOW) / (SAMPLE_WINDOWS - 1);
        for (int w = 0; w < SAMPLE_WINDOWS; w++) {
            int start = off + w * step;
            int t = (src[start] & 0xff) << 8 | src[start + 1] & 0xff;
            for (int p = start + 2, end = start + SAMPLE_WINDOW; p < end; p++) {
                t = (t << 8 | src[p] & 0xff) & TRIGRAM_MASK;
                int h = (t * HASH_MULTIPLIER) >>> (32 - SAMPLE_BITS);
                if (seen[h] == tag) {
                    repeats++;
                } else {
                    seen[h] = tag;
                }
            }
        }
        return 15 * repeats <= SAMPLE_WINDOWS * SAMPLE_WINDOW;
    }

    /**
     * The same as {@link #compress}, safe to call from any thread: borrows a compressor from a
     * small shared pool (not a thread-local, since request threads are short-lived virtual
     * threads). Allocates only when more threads compress at once than ever before.
     */
    public static int compressBlock(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Whack w = POOL.take();
        try {
            return w.compress(src, off, len, dst, dstOff);
        } finally {
            POOL.give(w);
        }
    }

    /**
     * {@link #compressBlock} for a writer that stores the block raw when this returns -1:
     * first guesses from a sample whether compressing pays ({@link #likelyGivesUp}) and
     * returns -1 without compressing when it likely does not. When it compresses, the bytes
     * are exactly {@link #compressBlock}'s.
     */
    public static int compressBlockIfWorthwhile(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(off, len, src.length);
        Whack w = POOL.take();
        try {
            return w.likelyGivesUp(src, off, len) ? -1 : w.compress(src, off, len, dst, dstOff);
        } finally {
            POOL.give(w);
        }
    }

    /**
     * Links each position in {@code [from, to)}, the first stamped {@code clock}, to the
     * latest before it whose three bytes have the same hash, and makes it that hash's head.
     */
    private static void chain(byte[] src, int from, int to, int clock, char[] head, char[] link) {
        int next3 = (src[from] & 0xff) << 8 | src[from + 1] & 0xff;
        for (int p = from; p < to; p++, clock++) {
            next3 = (next3 << 8 | src[p + 2] & 0xff) & TRIGRAM_MASK;
            int h = hash(next3);
            link[clock & CLOCK_MASK] = head[h];
            head[h] = (char) clock;
        }
    }

    /**
     * The longest earlier match for the bytes at {@code s}, stamped {@code clock}, found by
     * walking its chain as the C encoder does, as {@code length << 16 | distance}; 0 for
     * none. Once there is a best match, a candidate is measured only if its first three bytes
     * and the four bytes up to the best length's end agree, since it cannot be longer otherwise.
     */
    private static int longestMatch(byte[] src, int s, int limit, int clock, char[] link) {
        int next3 = (src[s] & 0xff) << 16 | (src[s + 1] & 0xff) << 8 | src[s + 2] & 0xff;
        int bestLen = 0;
        int bestDist = 0;
        int bestTail = 0;
        int last = 0;
        int then = link[clock & CLOCK_MASK];
        for (int check = MAX_CHECK; check > 0; check--) {
            int dist = (clock - then) & CLOCK_MASK;
            if (dist <= last || dist > WINDOW) {
                break;
            }
            int t = s - dist;
            if ((bestLen == 0 || (int) INT_BE.get(src, t + bestLen - 3) == bestTail)
                    && (int) INT_BE.get(src, t) >>> 8 == next3) {
                int n = matchLength(src, s, t, limit);
                if (n > bestLen) {
                    bestLen = n;
                    bestDist = dist;
                    if (n > MAX_CHECK || n == limit - s) {
                        break;
                    }
                    bestTail = (int) INT_BE.get(src, s + bestLen - 3);
                }
            }
            last = dist;
            then = link[then];
        }
        return bestLen << 16 | bestDist;
    }

    /** How far the bytes at {@code s} repeat those at {@code t < s}, given the first three do, up to {@code limit}. */
    private static int matchLength(byte[] src, int s, int t, int limit) {
        int n = MIN_MATCH;
        while (limit - s - n >= Long.BYTES) {
            long diff = (long) LONG_LE.get(src, s + n) ^ (long) LONG_LE.get(src, t + n);
            if (diff != 0) {
                return n + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            n += Long.BYTES;
        }
        while (s + n < limit && src[s + n] == src[t + n]) {
            n++;
        }
        return n;
    }

    /** The code for literal {@code c}, given the literal history including {@code c} in its low bit. */
    static long literalCode(int c, int history) {
        if ((history & LITERAL_HISTORY << 1) != 0) {
            return code(c, 9);
        }
        if ((history & 1) == 0) {
            return code(c, 8);
        }
        int v = (c + 64) & 0xff;
        return code(v, v < 96 ? 10 : 11);
    }

    /** The code for a match: its length code followed by its distance code. */
    static long matchCode(int len, int dist) {
        long lengthCode = lengthCode(len);
        long distanceCode = distanceCode(dist);
        int distanceWidth = (int) distanceCode & CODE_WIDTH_MASK;
        return code(lengthCode >>> CODE_WIDTH_BITS << distanceWidth | distanceCode >>> CODE_WIDTH_BITS,
                (int) (lengthCode & CODE_WIDTH_MASK) + distanceWidth);
    }

    /**
     * The code for a match length: a fixed code up to MIN_MATCH + 8; beyond that, codes grow
     * one bit at a time, and the number of lengths per width doubles every second width.
     */
    static long lengthCode(int len) {
        int i = len - MIN_MATCH;
        if (i < FAST_LENGTH_CODE.length) {
            return code(FAST_LENGTH_CODE[i], FAST_LENGTH_BITS[i]);
        }
        int code = LONG_LENGTH_CODE;
        int width = LONG_LENGTH_BITS;
        int group = LONG_LENGTH_GROUP;
        int rest = i - FAST_LENGTH_CODE.length;
        while (rest >= group) {
            rest -= group;
            code = (code + group) << 1;
            group <<= (width & 1) ^ 1;
            width++;
        }
        return code(code + rest, width);
    }

    /**
     * The code for a match distance: with {@code m} the bit length of {@code dist - 1} (at
     * least MIN_OFFSET_BITS), a class prefix of 3 bits ({@code m - 6}) or, for the two longest
     * classes, 4 bits ({@code 111x}), then {@code dist - 1} without its leading 1 bit (all six
     * bits in the first class).
     */
    static long distanceCode(int dist) {
        int d = dist - 1;
        int m = Math.max(MIN_OFFSET_BITS, 32 - Integer.numberOfLeadingZeros(d));
        int explicit = m == MIN_OFFSET_BITS ? m : m - 1;
        int low = d & ((1 << explicit) - 1);
        if (m < LONG_OFFSET_BITS) {
            return code((m - MIN_OFFSET_BITS) << explicit | low, 3 + explicit);
        }
        return code((0xe | (m - LONG_OFFSET_BITS)) << explicit | low, 4 + explicit);
    }

    private static long code(long value, int width) {
        return value << CODE_WIDTH_BITS | width;
    }

    /** Writes the whole bytes among the low {@code nbits} of {@code bits}; returns the new output position, or -1 at {@code outEnd}. */
    private static int flush(byte[] dst, int out, int outEnd, long bits, int nbits) {
        for (; nbits >= 8; nbits -= 8) {
            if (out == outEnd) {
                return -1;
            }
            dst[out++] = (byte) (bits >>> (nbits - 8));
        }
        return out;
    }

    /** The code width of a match length below MIN_MATCH + 9 (for the decoder's tables). */
    static int fastLengthBits(int len) {
        return FAST_LENGTH_BITS[len - MIN_MATCH];
    }

    /** The code of a match length below MIN_MATCH + 9, right-aligned. */
    static int fastLengthCode(int len) {
        return FAST_LENGTH_CODE[len - MIN_MATCH];
    }

    private static int hash(int next3) {
        return (next3 * HASH_MULTIPLIER) >>> (32 - HASH_BITS);
    }
}
