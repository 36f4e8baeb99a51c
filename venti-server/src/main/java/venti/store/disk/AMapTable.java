package venti.store.disk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An address map in its text form, as arena partitions and the index configuration store
 * it (the C server's {@code AMapN}):
 *
 * <pre>
 * count '\n'
 * name '\t' start '\t' stop '\n'     (count times)
 * </pre>
 *
 * Numbers are unsigned decimal; fields are separated by exactly one tab.
 */
public record AMapTable(List<AMap> entries) {

    public AMapTable {
        entries = List.copyOf(entries);
        if (entries.size() > Layout.MAX_AMAP) {
            throw new IllegalArgumentException("illegal number of elements " + entries.size() + ": at most " + Layout.MAX_AMAP);
        }
    }

    public int size() {
        return entries.size();
    }

    public AMap get(int i) {
        return entries.get(i);
    }

    /** The text form. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(entries.size()).append('\n');
        for (AMap m : entries) {
            b.append(m.name()).append('\t').append(m.start()).append('\t').append(m.stop()).append('\n');
        }
        return b.toString();
    }

    /**
     * Writes the text form into a zeroed region of {@code tableSize} bytes at {@code index}.
     *
     * @throws IllegalArgumentException when the text does not fit
     */
    public void pack(ByteBuffer buf, int index, int tableSize, String what) {
        byte[] text = format().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > tableSize) {
            throw new IllegalArgumentException(what + " table of " + text.length + " bytes does not fit in " + tableSize);
        }
        buf.put(index, new byte[tableSize]);
        buf.put(index, text);
    }

    /** Reads a table from the text in {@code lines}; names a line's location on error. */
    static AMapTable parse(TextLines lines, String what) {
        long n = lines.nextU32("number of elements in " + what);
        Location countAt = lines.where();
        if (n > Layout.MAX_AMAP) {
            throw countAt.corrupt("illegal number of elements " + n + " in " + what);
        }
        List<AMap> list = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            String line = lines.next();
            if (line == null) {
                throw lines.where().corrupt("early end of " + what + " after " + i + " of " + n + " elements");
            }
            Location at = lines.where();
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw at.corrupt("syntax error in " + what + ": want name, start and stop separated by tabs, found '" + line + "'");
            }
            long start = TextLines.parseDecimal(f[1], Long.MAX_VALUE);
            long stop = TextLines.parseDecimal(f[2], Long.MAX_VALUE);
            if (start < 0) {
                throw at.corrupt("syntax error: bad base address '" + f[1] + "' in " + what);
            }
            if (stop < 0) {
                throw at.corrupt("syntax error: bad end address '" + f[2] + "' in " + what);
            }
            list.add(at.build(what + " entry", () -> new AMap(f[0], start, stop)));
        }
        return new AMapTable(list);
    }

    /** Reads a table stored as text at the start of {@code buf}. */
    public static AMapTable unpack(ByteBuffer buf, Location where, String what) {
        return parse(TextLines.of(buf, where), what);
    }

    /**
     * A stored table read the forgiving way the inspection tools read a damaged one
     * (printarenapart, verifyarena): nothing is rejected here, so one bad line hides no others,
     * and each tool says what a bad line means to it.
     *
     * @param count   the count line's number, -1 when it is missing or not one
     * @param countAt where the count line is
     * @param rows    every line after the count line
     */
    public record Rows(long count, Location countAt, List<Row> rows) {
    }

    /** One line of a stored table, split at blanks. */
    public record Row(String text, List<String> fields) {

        public Row {
            fields = List.copyOf(fields);
        }

        /** Field {@code i} as an unsigned decimal no larger than {@code max}; -1 when it is missing or not one. */
        public long number(int i, long max) {
            return i < fields.size() ? TextLines.parseDecimal(fields.get(i), max) : -1;
        }
    }

    /** Reads the table stored as text at the start of {@code buf} line by line, without judging it. */
    public static Rows rows(ByteBuffer buf, Location where) {
        TextLines lines = TextLines.of(buf, where);
        String first = lines.next();
        Location countAt = lines.where();
        long count = first == null ? -1 : TextLines.parseDecimal(first.strip(), 0xffff_ffffL);
        List<Row> rows = new ArrayList<>();
        for (String line; (line = lines.next()) != null; ) {
            rows.add(new Row(line, List.of(line.trim().split("\\s+"))));
        }
        return new Rows(count, countAt, rows);
    }

    /**
     * Checks the ranges are in order, do not overlap, and lie within {@code [start, stop]}
     * (the C {@code okamap}), and that no name appears twice.
     *
     * @throws IllegalArgumentException saying which entry is wrong
     */
    public void check(long start, long stop, String what) {
        long last = start;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            AMap m = entries.get(i);
            if (m.start() < last) {
                throw new IllegalArgumentException((i == 0 ? "invalid start address " : "overlapping ranges at ")
                        + m.name() + " [" + m.start() + "," + m.stop() + ") in " + what);
            }
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("duplicate name " + m.name() + " in " + what);
            }
            last = m.stop();
        }
        if (last > stop) {
            throw new IllegalArgumentException("invalid ending address " + last + " in " + what + ": beyond " + stop);
        }
    }

    /** The entry named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
