package venti.store;

/**
 * Sizes written the C tools' way ({@code unittoull}): a number in C notation (decimal,
 * {@code 0x} hex or leading-zero octal) with an optional suffix k, m, g or t, in either case,
 * for powers of 1024.
 */
public final class Sizes {

    private Sizes() {
    }

    /**
     * Parses {@code s}.
     *
     * @throws IllegalArgumentException naming {@code s} when it is not a size
     */
    public static long parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("missing size");
        }
        int shift = switch (s.charAt(s.length() - 1)) {
            case 'k', 'K' -> 10;
            case 'm', 'M' -> 20;
            case 'g', 'G' -> 30;
            case 't', 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        long v;
        try {
            v = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseUnsignedLong(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                    : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + s + "': want a number with an optional k, m, g or t", e);
        }
        if (v < 0 || digits.startsWith("+") || v > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("bad size '" + s + "': out of range");
        }
        return v << shift;
    }
}
