package venti.store.disk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the text tables and configuration files of the C server line by line, the way its
 * {@code ifileline} does: blank lines are skipped, leading blanks and everything from a
 * {@code #} on are dropped. Text stored in a partition ends at the first NUL byte.
 *
 * <p>Not thread-safe; one reader per text.
 */
public final class TextLines {

    private final String text;
    private final Location base;
    private int pos;
    private int lineStart;

    /** Lines of {@code text}, which starts at {@code base}. */
    public TextLines(String text, Location base) {
        this.text = text;
        this.base = base;
    }

    /** The text in {@code buf} from its position up to the first NUL or its limit. */
    public static TextLines of(ByteBuffer buf, Location base) {
        byte[] b = new byte[buf.remaining()];
        buf.get(buf.position(), b);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new TextLines(new String(b, 0, n, StandardCharsets.ISO_8859_1), base);
    }

    /**
     * The next line that is not blank once comments are dropped, without its leading blanks
     * and its newline; null at the end. A last line without a newline counts.
     */
    public String next() {
        while (pos < text.length()) {
            lineStart = pos;
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            pos = nl < 0 ? text.length() : nl + 1;
            int hash = text.indexOf('#', lineStart);
            if (hash >= 0 && hash < end) {
                end = hash;
            }
            int s = lineStart;
            while (s < end && (text.charAt(s) == ' ' || text.charAt(s) == '\t' || text.charAt(s) == '\r')) {
                s++;
            }
            if (s < end) {
                return text.substring(s, end);
            }
        }
        return null;
    }

    /** The number, from 1, of the line last returned by {@link #next}. */
    public int lineNumber() {
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /** The whole text. */
    @Override
    public String toString() {
        return text;
    }

    /** Where the line last returned by {@link #next} starts. */
    public Location where() {
        return base.plus(lineStart);
    }

    /** The next line as a decimal u32, or a corruption error saying {@code what} was expected. */
    public long nextU32(String what) {
        String s = next();
        Location at = where();
        if (s == null) {
            throw at.corrupt("syntax error: expected " + what + ", found the end of the text");
        }
        long v = parseDecimal(s.strip(), 0xffff_ffffL);
        if (v < 0) {
            throw at.corrupt("syntax error: bad " + what + " '" + s + "'");
        }
        return v;
    }

    /** {@code s} as an unsigned decimal no larger than {@code max}, or -1 when it is not one. */
    public static long parseDecimal(String s, long max) {
        if (s.isEmpty() || s.length() > 20) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (v > (max - (c - '0')) / 10) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
