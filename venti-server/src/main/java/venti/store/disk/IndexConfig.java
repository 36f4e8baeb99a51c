package venti.store.disk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The index configuration, stored as text in the table of every index section so that
 * each section knows the whole index:
 *
 * <pre>
 * venti index configuration '\n'
 * version '\n'                      (1)
 * index name '\n'
 * bucket size '\n'
 * section map                       ({@link AMapTable}: section name, first bucket, bucket limit)
 * arena map                         ({@link AMapTable}: arena name, first index address, limit)
 * </pre>
 *
 * Index addresses start at {@link Layout#INDEX_BASE}; each arena's range is as long as its
 * clump storage (the arena minus its head and trailer blocks).
 */
public record IndexConfig(int version, String name, int blockSize, AMapTable sections, AMapTable arenas) {

    public static final String MAGIC = "venti index configuration";
    public static final int VERSION = 1;

    public IndexConfig {
        if (version != VERSION) {
            throw new IllegalArgumentException("bad index version " + version + ", want " + VERSION);
        }
        Layout.checkName(name, "index name");
        Layout.checkBlockSize(blockSize, "index bucket size");
        sections.check(0, 0xffff_ffffL, "index section map");
        long last = 0;
        for (AMap m : sections.entries()) {
            if (m.start() != last) {
                throw new IllegalArgumentException("index section " + m.name() + " starts at bucket " + m.start()
                        + ", but the previous section ended at " + last);
            }
            last = m.stop();
        }
        arenas.check(Layout.INDEX_BASE, Long.MAX_VALUE, "index arena map");
    }

    /** Buckets in the whole index: the end of the last section's range. */
    public long buckets() {
        return sections.size() == 0 ? 0 : sections.get(sections.size() - 1).stop();
    }

    public String format() {
        return MAGIC + "\n" + version + "\n" + name + "\n" + blockSize + "\n" + sections.format() + arenas.format();
    }

    /**
     * Writes the text into a zeroed region of {@code tableSize} bytes at {@code index}.
     *
     * @throws IllegalArgumentException when it does not fit
     */
    public void pack(ByteBuffer buf, int index, int tableSize) {
        byte[] text = format().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > tableSize) {
            throw new IllegalArgumentException("can't make index configuration: table storage too small "
                    + tableSize + " for " + text.length + " bytes");
        }
        buf.put(index, new byte[tableSize]);
        buf.put(index, text);
    }

    /** Parses the text at the start of {@code buf}, up to the first NUL. */
    public static IndexConfig unpack(ByteBuffer buf, Location where) {
        TextLines lines = TextLines.of(buf, where);
        String magic = lines.next();
        if (!MAGIC.equals(magic)) {
            throw lines.where().corrupt("bad index magic: want '" + MAGIC + "', found "
                    + (magic == null ? "nothing" : "'" + magic + "'"));
        }
        long version = lines.nextU32("version number");
        String name = lines.next();
        Location nameAt = lines.where();
        if (name == null) {
            throw nameAt.corrupt("syntax error: bad index name");
        }
        long blockSize = lines.nextU32("block size number");
        AMapTable sections = AMapTable.parse(lines, "index section map");
        AMapTable arenas = AMapTable.parse(lines, "index arena map");
        return where.build("index configuration", () -> new IndexConfig(
                (int) version, name, (int) blockSize, sections, arenas));
    }
}
