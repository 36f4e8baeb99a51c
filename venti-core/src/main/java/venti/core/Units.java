package venti.core;

import java.util.Locale;

/**
 * Sizes as people write them to venti's tools and in {@code venti.conf} ({@code mem 4M},
 * {@code fmtarenas -a 1g}), and numbers as the tools print them ({@code 7,593,984 bytes}).
 *
 * <p>A size is a number in C's {@code strtoul(s, 0)} bases (decimal, {@code 0x} hexadecimal,
 * or octal with a leading {@code 0}) and an optional suffix {@code k}, {@code m}, {@code g}
 * or {@code t}, in either case, multiplying by 1024, 1024<sup>2</sup>, 1024<sup>3</sup> or
 * 1024<sup>4</sup>. The original's {@code unittoull} answered all ones for anything it could
 * not read, and for every {@code t} suffix; here {@code t} works, and bad text, signs,
 * spaces and values beyond {@link Long#MAX_VALUE} are errors that say so. Stateless.
 */
public final class Units {

    private static final String SUFFIXES = "kmgt";
    private static final int BITS_PER_SUFFIX = 10;

    private Units() {
    }

    /**
     * Parses a size such as {@code 4M}, {@code 0x2000} or {@code 1t}.
     *
     * @throws IllegalArgumentException naming the text when it is not a size or is too large
     */
    public static long parse(String text) {
        String s = text;
        int shift = 0;
        int unit = s.isEmpty() ? -1 : SUFFIXES.indexOf(Character.toLowerCase(s.charAt(s.length() - 1)));
        if (unit >= 0) {
            shift = (unit + 1) * BITS_PER_SUFFIX;
            s = s.substring(0, s.length() - 1);
        }
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw notASize(text);
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i), radix);
            if (d < 0) {
                throw notASize(text);
            }
            if (n > (Long.MAX_VALUE - d) / radix) {
                throw tooLarge(text);
            }
            n = n * radix + d;
        }
        if (n > Long.MAX_VALUE >>> shift) {
            throw tooLarge(text);
        }
        return n << shift;
    }

    /** {@code n} with a comma between each group of three digits, as the tools' {@code %,d}. */
    public static String commas(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code n} bytes to three figures in the largest binary unit under it: {@code 512 bytes}, {@code 48.0 KiB}, {@code 1.50 GiB}. */
    public static String binary(long n) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (Math.abs(n) < 1024) {
            return n + " bytes";
        }
        double v = n;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f %s" : Math.abs(v) < 100 ? "%.1f %s" : "%.0f %s", v,
                units[u]);
    }

    /**
     * {@code n} in the shortest form {@link #parse} reads back: {@code 0}, else with the
     * largest of the suffixes {@code G}, {@code M} or {@code K} that divides it exactly, else
     * plain decimal ({@code 8K}, {@code 1536M}, {@code 1000}), as the original's fixarenas
     * prints sizes.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public static String format(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("size " + n + " is negative");
        }
        if (n != 0) {
            for (int unit = 2; unit >= 0; unit--) {
                int shift = (unit + 1) * BITS_PER_SUFFIX;
                if (n % (1L << shift) == 0) {
                    return (n >> shift) + String.valueOf(Character.toUpperCase(SUFFIXES.charAt(unit)));
                }
            }
        }
        return Long.toString(n);
    }

    private static int digit(char c, int radix) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        return d < radix ? d : -1;
    }

    private static IllegalArgumentException notASize(String text) {
        return new IllegalArgumentException("bad size '" + text
                + "': want a decimal, 0x hex or 0 octal number with an optional k, m, g or t suffix");
    }

    private static IllegalArgumentException tooLarge(String text) {
        return new IllegalArgumentException("size '" + text + "' is too large: the most is " + Long.MAX_VALUE + " bytes");
    }
}
