package venti.store.disk;

/**
 * One line of an address map (the C server's {@code AMap}): a name and the half-open range
 * {@code [start, stop)} it covers. In an arena partition's table the range is partition
 * offsets of an arena; in the index configuration it is index addresses of an arena, or
 * buckets of an index section.
 */
public record AMap(String name, long start, long stop) {

    public AMap {
        Layout.checkName(name, "name");
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("invalid range [" + start + "," + stop + ") for " + name);
        }
    }

    public long length() {
        return stop - start;
    }

    public boolean contains(long v) {
        return v >= start && v < stop;
    }
}
