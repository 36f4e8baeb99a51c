package venti.http;

/**
 * A JSON text written in order: just what {@code /stats.json} needs (objects, arrays,
 * strings, numbers, null), with commas put in by the writer. Not thread-safe.
 */
final class Json {

    private final StringBuilder b = new StringBuilder();
    /** True when the next value in the current object or array needs a comma before it. */
    private boolean comma;

    Json open(char bracket) {
        separate();
        b.append(bracket);
        comma = false;
        return this;
    }

    Json close(char bracket) {
        b.append(bracket);
        comma = true;
        return this;
    }

    /** The name of the next member of an object. */
    Json name(String name) {
        separate();
        quote(name);
        b.append(':');
        comma = false;
        return this;
    }

    Json value(String s) {
        separate();
        if (s == null) {
            b.append("null");
        } else {
            quote(s);
        }
        comma = true;
        return this;
    }

    Json value(long n) {
        separate();
        b.append(n);
        comma = true;
        return this;
    }

    /** A number, or null when it is not finite. */
    Json value(double d) {
        separate();
        b.append(Double.isFinite(d) ? Double.toString(d) : "null");
        comma = true;
        return this;
    }

    Json member(String name, String s) {
        return name(name).value(s);
    }

    Json member(String name, long n) {
        return name(name).value(n);
    }

    Json member(String name, double d) {
        return name(name).value(d);
    }

    private void separate() {
        if (comma) {
            b.append(',');
        }
        comma = false;
    }

    private void quote(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
