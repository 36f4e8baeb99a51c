package venti.whack;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whack compressor: Venti's LZ77 codec, producing exactly the bytes plan9port's
 * {@code whackblock} produces at the level the server uses, so that clumps we write are the
 * clumps the C venti would have written. The stream format is in {@code docs/format.md}.
 *
 * <p>Design. Every input position that has three bytes ahead of it is entered into a hash
 * table keyed by those three bytes; each entry heads a chain through earlier positions with
 * the same hash. At each position the compressor walks at most {@link #MAX_CHECK} links of
 * that chain, keeps the longest match (ties go to the nearest), and stops early once a match
 * is longer than {@code MAX_CHECK}. A match of three or more bytes is sent as a length and a
 * distance, anything else as a literal byte. Byte-exactness depends on reproducing the C
 * encoder's bookkeeping, including its quirks:
 * <ul>
 * <li>Positions are stamped with a 16-bit clock that starts at {@code 2 * WINDOW} and wraps.
 *     Distances are clock differences modulo 2<sup>16</sup>, and a chain walk stops at the
 *     first distance that is not larger than the previous one or is beyond the window.</li>
 * <li>An empty table slot reads as clock 0, which is the stamp of input position 32768, so on
 *     inputs longer than that an empty slot can yield a real match with that position.</li>
 * <li>Once past the middle of the input, at the first literal, the compressor gives up if
 *     more than four fifths of the bytes so far were literals.</li>
 * <li>Output that would reach the input's length is abandoned.</li>
 * </ul>
 *
 * <p>Tables are reused between calls without clearing. The C encoder zeroes them for each
 * block; here the hash heads carry an epoch in their upper half, and a head from an earlier
 * call reads as the zero it would have been. The chain links need no clearing: a link is only
 * followed from a position stamped in the current call, and stamping a position writes its
 * link first.
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
    public static final int LEVEL = 6;
    /** Chain links examined per position; a match longer than this ends the search. */
    static final int MAX_CHECK = (1 << LEVEL) - ((1 << LEVEL) >> 2);

    /** Literals take 9 bits while any of the four before was outside 32..127. */
    static final int LITERAL_HISTORY = 0xf;

    /** Codes for match lengths MIN_MATCH .. MIN_MATCH + FAST_LENGTH_CODE.length - 1. */
    private static final int[] FAST_LENGTH_CODE = {0x2, 0x6, 0x1c, 0x1d, 0x3c, 0x7a, 0x7b, 0xf8, 0xf9};
    private static final int[] FAST_LENGTH_BITS = {2, 3, 5, 5, 6, 7, 7, 8, 8};
    /** Longer lengths start from this 9-bit code and a group of four values per code width. */
    private static final int LONG_LENGTH_CODE = 0x1f4;
    private static final int LONG_LENGTH_BITS = 9;
    private static final int LONG_LENGTH_GROUP = 4;

    /** Distances below 2^MIN_OFFSET_BITS share one class; classes at or above LONG_OFFSET_BITS get a 4-bit prefix. */
    static final int MIN_OFFSET_BITS = 6;
    static final int LONG_OFFSET_BITS = MIN_OFFSET_BITS + 7;

    private static final int HASH_BITS = 14;
    private static final int HASH_MULTIPLIER = 0x6b43a9b5;
    private static final int CLOCK_MASK = 0xffff;
    private static final int FIRST_CLOCK = 2 * WINDOW;
    private static final int LINK_MASK = WINDOW - 1;
    private static final int MAX_EPOCH = 0xffff;

    private static final int POOL_LIMIT = 4 * Runtime.getRuntime().availableProcessors();
    private static final ConcurrentLinkedQueue<Whack> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    /** Per hash: (epoch << 16) | clock of the latest position with that hash. */
    private final int[] head = new int[1 << HASH_BITS];
    /** Per clock modulo WINDOW: the clock of the previous position with the same hash. */
    private final char[] link = new char[WINDOW];
    private int epoch;

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
        if (len < MIN_MATCH) {
            return -1;
        }
        int stamp = nextEpoch() << 16;
        int[] head = this.head;
        char[] link = this.link;

        int end = off + len;
        int half = off + (len >> 1);
        int out = dstOff;
        int outEnd = dstOff + len;
        long bits = 0;
        int nbits = 0;
        int literals = 0;
        int history = -1;
        int clock = FIRST_CLOCK;
        int next3 = (src[off] & 0xff) << 16 | (src[off + 1] & 0xff) << 8 | src[off + 2] & 0xff;

        int s = off;
        while (s < end) {
            int h = hash(next3);
            int headEntry = head[h];
            int first = (headEntry & ~CLOCK_MASK) == stamp ? headEntry & CLOCK_MASK : 0;

            int bestLen = 0;
            int bestDist = 0;
            if (end - s >= MIN_MATCH) {
                int limit = Math.min(end, s + MAX_MATCH);
                int last = 0;
                int then = first;
                for (int check = MAX_CHECK; check > 0; check--) {
                    int dist = (clock - then) & CLOCK_MASK;
                    if (dist <= last || dist > WINDOW) {
                        break;
                    }
                    int t = s - dist;
                    if (src[s] == src[t] && src[s + 1] == src[t + 1] && src[s + 2] == src[t + 2]
                            && (bestLen == 0 || limit - s > bestLen && src[s + bestLen] == src[t + bestLen])) {
                        int n = MIN_MATCH;
                        while (s + n < limit && src[s + n] == src[t + n]) {
                            n++;
                        }
                        if (n > bestLen) {
                            bestLen = n;
                            bestDist = dist;
                            if (n > MAX_CHECK) {
                                break;
                            }
                        }
                    }
                    last = dist;
                    then = link[then & LINK_MASK];
                }
            }

            for (; nbits >= 8; nbits -= 8) {
                if (out >= outEnd) {
                    return -1;
                }
                dst[out++] = (byte) (bits >>> (nbits - 8));
            }

            if (bestLen == 0) {
                int c = src[s] & 0xff;
                history = history << 1 | (c < 32 || c > 127 ? 1 : 0);
                if ((history & LITERAL_HISTORY << 1) != 0) {
                    bits = bits << 9 | c;
                    nbits += 9;
                } else if ((history & 1) != 0) {
                    int v = (c + 64) & 0xff;
                    int width = v < 96 ? 10 : 11;
                    bits = bits << width | v;
                    nbits += width;
                } else {
                    bits = bits << 8 | c;
                    nbits += 8;
                }
                literals++;
                if (s > half) {
                    if (4 * (s - off) < 5 * literals) {
                        return -1;
                    }
                    half = end;
                }
                if (end - s >= MIN_MATCH) {
                    link[clock & LINK_MASK] = (char) first;
                    head[h] = stamp | clock & CLOCK_MASK;
                    if (end - s > MIN_MATCH) {
                        next3 = next3 << 8 | src[s + MIN_MATCH] & 0xff;
                    }
                }
                clock++;
                s++;
                continue;
            }

            int lenIndex = bestLen - MIN_MATCH;
            if (lenIndex < FAST_LENGTH_CODE.length) {
                int width = FAST_LENGTH_BITS[lenIndex];
                bits = bits << width | FAST_LENGTH_CODE[lenIndex];
                nbits += width;
            } else {
                int code = LONG_LENGTH_CODE;
                int width = LONG_LENGTH_BITS;
                int group = LONG_LENGTH_GROUP;
                int rest = lenIndex - FAST_LENGTH_CODE.length;
                while (rest >= group) {
                    rest -= group;
                    code = (code + group) << 1;
                    group <<= (width & 1) ^ 1;
                    width++;
                }
                bits = bits << width | (code + rest);
                nbits += width;
                for (; nbits >= 8; nbits -= 8) {
                    if (out >= outEnd) {
                        return -1;
                    }
                    dst[out++] = (byte) (bits >>> (nbits - 8));
                }
            }

            int d = bestDist - 1;
            int width = Math.max(MIN_OFFSET_BITS, 32 - Integer.numberOfLeadingZeros(d));
            if (width < LONG_OFFSET_BITS) {
                bits = bits << 3 | (width - MIN_OFFSET_BITS);
                nbits += 3;
                if (width != MIN_OFFSET_BITS) {
                    width--;
                }
            } else {
                bits = bits << 4 | 0xe | (width - LONG_OFFSET_BITS);
                nbits += 4;
                width--;
            }
            bits = bits << width | d & ((1 << width) - 1);
            nbits += width;

            for (int stop = s + bestLen; s < stop; s++, clock++) {
                if (end - s >= MIN_MATCH) {
                    int hh = hash(next3);
                    int e = head[hh];
                    link[clock & LINK_MASK] = (char) ((e & ~CLOCK_MASK) == stamp ? e : 0);
                    head[hh] = stamp | clock & CLOCK_MASK;
                    if (end - s > MIN_MATCH) {
                        next3 = next3 << 8 | src[s + MIN_MATCH] & 0xff;
                    }
                }
            }
        }

        if ((nbits & 7) != 0) {
            int pad = 8 - (nbits & 7);
            bits <<= pad;
            nbits += pad;
        }
        for (; nbits >= 8; nbits -= 8) {
            if (out >= outEnd) {
                return -1;
            }
            dst[out++] = (byte) (bits >>> (nbits - 8));
        }
        return out - dstOff;
    }

    /**
     * The same as {@link #compress}, safe to call from any thread: borrows a compressor from a
     * shared pool (not a thread-local, since request threads are short-lived virtual threads).
     */
    public static int compressBlock(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Whack w = POOL.poll();
        if (w == null) {
            w = new Whack();
        } else {
            POOLED.decrementAndGet();
        }
        try {
            return w.compress(src, off, len, dst, dstOff);
        } finally {
            if (POOLED.incrementAndGet() <= POOL_LIMIT) {
                POOL.offer(w);
            } else {
                POOLED.decrementAndGet();
            }
        }
    }

    /** The code of a match length with a short code (below MIN_MATCH + 9), right-aligned. */
    static int fastLengthCode(int len) {
        return FAST_LENGTH_CODE[len - MIN_MATCH];
    }

    /** The width of {@link #fastLengthCode}. */
    static int fastLengthBits(int len) {
        return FAST_LENGTH_BITS[len - MIN_MATCH];
    }

    private static int hash(int next3) {
        return ((next3 & 0xffffff) * HASH_MULTIPLIER) >>> (32 - HASH_BITS);
    }

    private int nextEpoch() {
        if (epoch == MAX_EPOCH) {
            Arrays.fill(head, 0);
            epoch = 0;
        }
        return ++epoch;
    }
}
