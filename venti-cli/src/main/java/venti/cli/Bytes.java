package venti.cli;

import java.util.Locale;

/** Byte counts for people: 0 bytes, 512 bytes, 1.5 KiB, 19.4 GiB. */
final class Bytes {

    private Bytes() {
    }

    static String human(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        int unit = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", n / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
