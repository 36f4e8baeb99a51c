package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.CorruptException;
import venti.store.disk.Layout;
import venti.store.disk.Location;

/**
 * A partition holding arenas (the C server's {@code ArenaPart}).
 *
 * <pre>
 * 0                  untouched ({@link Layout#PART_BLANK})
 * 256K               {@link ArenaPartHeader}, in a 512-byte block
 * table base         arena map table ({@link AMapTable}): name, start, stop of each arena
 * arena base         the arenas, one after another, each a whole number of blocks
 * </pre>
 *
 * <p>The partition's usable size is its size rounded down to the block size. Immutable once
 * opened and thread-safe; the arenas it holds carry their own state.
 */
public final class ArenaPartition {

    private final Part part;
    private final ArenaPartHeader header;
    private final AMapTable map;
    private final List<Arena> arenas;

    private ArenaPartition(Part part, ArenaPartHeader header, AMapTable map, List<Arena> arenas) {
        this.part = part;
        this.header = header;
        this.map = map;
        this.arenas = List.copyOf(arenas);
    }

    /**
     * Opens the arena partition on {@code part}: header, map, and every arena in the map
     * (the C {@code initarenapart}).
     *
     * @throws CorruptException naming the partition and offset of what is wrong
     */
    public static ArenaPartition open(Part part) throws IOException {
        ArenaPartHeader h = readHeader(part);
        long usable = part.size(h.blockSize());
        if (h.arenaBase() > usable) {
            throw new Location(part.name(), Layout.PART_BLANK).corrupt("arena base " + h.arenaBase()
                    + " is past the end of the partition (" + part.size() + " bytes)");
        }
        Location tableAt = new Location(part.name(), h.tableBase());
        AMapTable map = AMapTable.unpack(part.read(h.tableBase(), h.tableSize()), tableAt, "arena table");
        tableAt.build("arena table", () -> {
            map.check(h.arenaBase(), usable, "arena table");
            return map;
        });
        List<Arena> arenas = new ArrayList<>();
        for (AMap m : map.entries()) {
            Arena a;
            try {
                a = Arena.open(part, m.start(), m.length(), h.blockSize());
            } catch (CorruptException e) {
                throw e.within("arena " + m.name());
            }
            if (!a.name().equals(m.name())) {
                throw new Location(part.name(), m.start()).corrupt("arena name mismatches with expected name: "
                        + m.name() + " in the table vs. " + a.name() + " in the arena");
            }
            arenas.add(a);
        }
        return new ArenaPartition(part, h, map, arenas);
    }

    /** Reads and checks the header at {@link Layout#PART_BLANK}. */
    public static ArenaPartHeader readHeader(Part part) throws IOException {
        if (part.size() < Layout.PART_BLANK + Layout.HEAD_SIZE) {
            throw new IOException(part.name() + " is too small to be an arena partition: " + part.size() + " bytes");
        }
        return ArenaPartHeader.unpack(part.read(Layout.PART_BLANK, Layout.HEAD_SIZE), 0,
                new Location(part.name(), Layout.PART_BLANK));
    }

    /**
     * Writes the header and arena map of a partition (the C {@code wbarenapart}); the
     * arenas themselves must already be formatted.
     */
    public static ArenaPartition format(Part part, ArenaPartHeader header, AMapTable map, List<Arena> arenas)
            throws IOException {
        map.check(header.arenaBase(), part.size(header.blockSize()), "arena table");
        ByteBuffer h = ByteBuffer.allocate(Layout.HEAD_SIZE);
        header.pack(h, 0);
        part.write(Layout.PART_BLANK, h);
        part.force();
        ByteBuffer t = ByteBuffer.allocate(header.tableSize());
        map.pack(t, 0, header.tableSize(), "arena");
        part.write(header.tableBase(), t);
        part.force();
        return new ArenaPartition(part, header, map, arenas);
    }

    public Part part() {
        return part;
    }

    public ArenaPartHeader header() {
        return header;
    }

    public AMapTable map() {
        return map;
    }

    /** The arenas in map order. */
    public List<Arena> arenas() {
        return arenas;
    }

    /** Bytes usable for arenas and tables: the partition size rounded down to whole blocks. */
    public long usableSize() {
        return part.size(header.blockSize());
    }
}
