package venti.http;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Axis labels as the C server's graphs write them (graph.c {@code mklabel}): whole numbers up
 * to 9999, then thousands as {@code k} up to 9999k, then millions as {@code M}; here also
 * thousands of millions as {@code G}. Labels only: it does not parse. Not thread-safe, as no
 * {@link NumberFormat} is.
 */
final class CompactFormat extends NumberFormat {

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return format(Math.round(number), to, pos);
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        long a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a < 10_000) {
            return to.append(v);
        }
        if (a < 10_000_000) {
            return to.append(sign).append(a / 1000).append('k');
        }
        if (a < 10_000_000_000L) {
            return to.append(sign).append(a / 1_000_000).append('M');
        }
        return to.append(sign).append(a / 1_000_000_000).append('G');
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("axis labels are not parsed");
    }
}
