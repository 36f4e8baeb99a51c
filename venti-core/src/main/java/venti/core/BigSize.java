package venti.core;

/**
 * The 16-bit floating encoding libventi uses for block sizes of 64 KiB and more, in
 * directory entries ({@code _VtEntryBig}) and root blocks ({@code _VtRootVersionBig}).
 *
 * <p>A code {@code c} stands for {@code (c >>> 5) << (c & 31)}: an 11-bit mantissa and a
 * 5-bit shift. Only sizes whose low bits below the mantissa are zero have a code; the
 * encoder uses the smallest shift, as libventi does, so equal sizes give equal bytes.
 * Stateless.
 */
final class BigSize {

    private static final int SHIFT_BITS = 5;
    private static final int MANTISSA_BITS = 16 - SHIFT_BITS;
    private static final int SHIFT_MASK = (1 << SHIFT_BITS) - 1;

    /** Sizes below this are written as plain 16-bit numbers when every size in the record is. */
    static final long SMALL_LIMIT = 1 << 16;

    /** The largest size with a code: 2047 << 31. */
    static final long MAX = ((1L << MANTISSA_BITS) - 1) << SHIFT_MASK;

    private BigSize() {
    }

    /** True when {@code n} has an exact code. */
    static boolean fits(long n) {
        return n >= 0 && n <= MAX && Long.numberOfTrailingZeros(n) >= shiftFor(n);
    }

    /** The code of {@code n}; the caller has checked {@link #fits}. */
    static int encode(long n) {
        int shift = shiftFor(n);
        return (int) (n >>> shift) << SHIFT_BITS | shift;
    }

    /** The size a 16-bit code stands for. */
    static long decode(int code) {
        return (long) (code >>> SHIFT_BITS) << (code & SHIFT_MASK);
    }

    /** A human description of the sizes with a code, for error messages. */
    static String rule() {
        return "sizes of 65536 or more must be m<<s with m < 2048 and s < 32";
    }

    private static int shiftFor(long n) {
        return Math.max(0, Long.SIZE - Long.numberOfLeadingZeros(n) - MANTISSA_BITS);
    }
}
