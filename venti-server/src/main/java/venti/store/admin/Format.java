package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Bloom;
import venti.store.FilePart;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.Part;
import venti.store.Partitions;
import venti.store.VentiConfig;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.BloomHeader;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * The formatting tools of venti-fmt(8): fmtarenas, fmtisect, fmtbloom and fmtindex. Each
 * writes the same bytes as the C tool given the same sizes and parameters (apart from the
 * random clump and bucket magics), and prints the same summary line to {@code err}, where
 * the C tools print it.
 */
public final class Format {

    /** Bytes zeroed per write when clearing a partition. */
    private static final int ZERO_CHUNK = 64 * 1024;

    private Format() {
    }

    /**
     * fmtarenas: formats {@code part} as an arena partition of arenas named {@code name0},
     * {@code name1}, ... of {@code arenaSize} bytes each; the last takes the rest of the
     * partition when that is less than {@link Layout#MIN_ARENA_SIZE} more.
     *
     * @param zero   clear the partition first (the C default for version 4 arenas)
     * @param random source of the version 5 clump magics
     */
    public static ArenaPartition arenas(Part part, String name, long arenaSize, int blockSize, int version,
                                        boolean zero, RandomGenerator random, PrintWriter err) throws IOException {
        Layout.checkName(name, "arena name template");
        Layout.checkBlockSize(blockSize, "block size");
        ArenaHead.checkVersion(version, "arena");
        if (arenaSize < Layout.MIN_ARENA_SIZE) {
            throw new IllegalArgumentException("arena size " + arenaSize + " is below the minimum of " + Layout.MIN_ARENA_SIZE);
        }
        long tableBase = Layout.tableBase(blockSize);
        ArenaPartHeader header = new ArenaPartHeader(ArenaPartHeader.VERSION, blockSize,
                Layout.roundUp(tableBase + Layout.TABLE_SIZE, blockSize));
        long size = part.size(blockSize);
        if (size < header.arenaBase() + Layout.MIN_ARENA_SIZE) {
            throw new IOException(part.name() + " is too small for an arena partition: " + part.size()
                    + " bytes, need at least " + (header.arenaBase() + Layout.MIN_ARENA_SIZE));
        }
        if (zero) {
            zero(part, blockSize, err);
        }
        long storage = size - header.arenaBase();
        long n = storage / arenaSize;
        if (storage - n * arenaSize >= Layout.MIN_ARENA_SIZE) {
            n++;
        }
        if (n > Layout.MAX_AMAP) {
            throw new IllegalArgumentException(n + " arenas are too many for one partition (at most " + Layout.MAX_AMAP
                    + "): use larger arenas");
        }
        Layout.checkName(name + (n - 1), "arena name");
        err.printf(Locale.ROOT, "fmtarenas %s: %,d arenas, %,d bytes storage, %,d bytes for index map\n",
                part.name(), n, storage, header.tableSize());
        List<AMap> map = new ArrayList<>();
        List<Arena> arenas = new ArrayList<>();
        long addr = header.arenaBase();
        for (int i = 0; i < n; i++) {
            long limit = addr + arenaSize;
            if (limit >= size || size - limit < Layout.MIN_ARENA_SIZE) {
                limit = size;
            }
            String arenaName = name + i;
            int magic = ArenaHead.newClumpMagic(version, random);
            arenas.add(Arena.format(part, version, arenaName, addr, limit - addr, blockSize, magic));
            map.add(new AMap(arenaName, addr, limit));
            addr = limit;
        }
        return ArenaPartition.format(part, header, new AMapTable(map), arenas);
    }

    /**
     * fmtisect: formats {@code part} as index section {@code name}, with buckets of
     * {@code blockSize} bytes after a {@link Layout#TABLE_SIZE} table.
     *
     * @param zero clear the partition first (the C default for version 1 sections, whose
     *             buckets have no magic to tell unwritten ones apart)
     */
    public static IndexSection isect(Part part, String name, int blockSize, int version, boolean zero,
                                     RandomGenerator random, PrintWriter err) throws IOException {
        Layout.checkName(name, "index section name");
        Layout.checkBlockSize(blockSize, "block size");
        if (zero) {
            zero(part, blockSize, err);
        }
        int magic;
        do {
            magic = random.nextInt();
        } while (magic == 0);
        IndexSection s = IndexSection.format(part, version, name, blockSize, Layout.TABLE_SIZE, magic);
        err.printf(Locale.ROOT, "fmtisect %s: %,d buckets of %,d entries, %,d bytes for index map\n",
                part.name(), s.header().blocks(), s.header().bucketCapacity(), Layout.TABLE_SIZE);
        return s;
    }

    /**
     * fmtbloom: formats {@code part} as a bloom filter. {@code size} 0 means the whole
     * partition; it is rounded down to a power of two. Given {@code nblocks}, the expected
     * number of blocks, the size shrinks to at most 64 bits a block and nhash is chosen to
     * suit; given neither, nhash is 32.
     */
    public static Bloom bloom(Part part, long size, long nblocks, int nhash, PrintWriter err) throws IOException {
        if (nhash < 0 || nhash > BloomHeader.MAX_HASH) {
            throw new IllegalArgumentException("maximum possible is -N " + BloomHeader.MAX_HASH);
        }
        if (nblocks > 0 && nhash > 0) {
            throw new IllegalArgumentException("give the number of blocks or of hashes, not both");
        }
        if (size == 0) {
            size = part.size();
        }
        if (size < 1024 * 1024) {
            throw new IllegalArgumentException("bloom filter too small: " + size + " bytes, need at least 1MB");
        }
        if (size > BloomHeader.MAX_SIZE) {
            err.printf(Locale.ROOT, "warning: not using entire %,d bytes; using only %,d bytes\n", size, BloomHeader.MAX_SIZE);
            size = BloomHeader.MAX_SIZE;
        }
        if (!Layout.isPowerOfTwo(size)) {
            size = Long.highestOneBit(size);
            err.printf(Locale.ROOT, "warning: size not a power of 2; only using %dMB\n", size >> 20);
        }
        if (nblocks > 0) {
            long s = size;
            while (s * 8 >= nblocks * 64) {
                s >>= 1;
            }
            if (s != size) {
                size = s;
                err.printf(Locale.ROOT, "warning: using only %dMB - not enough blocks to warrant more\n", size >> 20);
            }
            nhash = (int) Math.min(BloomHeader.MAX_HASH, 8 * size / nblocks * 7 / 10);
        }
        if (nhash == 0) {
            nhash = BloomHeader.MAX_HASH;
        }
        long best = 8 * size / (nhash * 10 / 7);
        err.printf(Locale.ROOT, "fmtbloom: using %dMB, %d hashes/score, best up to %,d blocks\n", size >> 20, nhash, best);
        return Bloom.format(part, size, nhash);
    }

    /**
     * fmtindex: ties the sections and arenas of {@code config} into an index. A new index
     * spreads its buckets over the sections; {@code add} keeps an existing index's mapping
     * and appends arenas listed after its last one.
     */
    public static IndexConfig index(VentiConfig config, Path dir, boolean add, PrintWriter err) throws IOException {
        try (Partitions p = Partitions.open(config, dir, false)) {
            IndexConfig old = add ? Index.open(config.index(), p.sections(), p.arenas()).config() : null;
            AMapTable sections = add ? old.sections() : newSections(config.index(), p.sections());
            List<AMap> amap = new ArrayList<>();
            long addr = Layout.INDEX_BASE;
            int n = 0;
            for (Arena a : p.arenas().values()) {
                if (old != null && n < old.arenas().size()) {
                    AMap m = old.arenas().get(n);
                    if (!m.name().equals(a.name())) {
                        throw new StoreException(Severity.ADMIN, "mismatched arenas " + a.name() + " and " + m.name()
                                + " at slot " + n + ": list new arena partitions after the old ones");
                    }
                    if (m.start() != addr) {
                        throw new StoreException(Severity.ADMIN, "mis-located arena " + a.name() + " in index " + config.index());
                    }
                    amap.add(m);
                } else {
                    amap.add(new AMap(a.name(), addr, addr + a.dataSize()));
                }
                addr = amap.getLast().stop();
                n++;
            }
            IndexConfig ic = new IndexConfig(IndexConfig.VERSION, config.index(),
                    p.sections().getFirst().header().blockSize(), sections, new AMapTable(amap));
            err.printf(Locale.ROOT, "fmtindex: %,d arenas, %,d index buckets, %,d bytes storage\n",
                    n, ic.buckets(), addr - Layout.INDEX_BASE);
            for (IndexSection s : p.sections()) {
                s.writeConfig(ic);
            }
            for (int i = 0; i < p.sections().size(); i++) {
                AMap m = sections.get(i);
                p.sections().get(i).withHeader(p.sections().get(i).header().assign(config.index(), m.start(), m.stop()));
            }
            return ic;
        }
    }

    /** The sizes of a store {@link #store} makes. */
    public record Sizes(long arenaPartition, long arenaSize, long indexSection, long bloom) {
    }

    /**
     * Makes a whole store in {@code dir}, as an operator would with fmtarenas, fmtisect,
     * fmtbloom and fmtindex: {@code arenas.part}, {@code isect0.part}, {@code bloom.part}
     * (when its size is not 0) as sparse files, and a {@code venti.conf} naming them by
     * relative path. Returns the configuration's path.
     */
    public static Path store(Path dir, Sizes sizes, PrintWriter err) throws IOException {
        return store(dir, "", sizes, err);
    }

    /**
     * Makes a whole store as {@link #store(Path, Sizes, PrintWriter)} with partitions named
     * {@code location} followed by {@code arenas.part} and so on: a directory relative to
     * {@code dir} ("" for {@code dir} itself), or a place on RADOS ({@code rados:venti/store1/}).
     * The {@code venti.conf} goes in {@code dir}.
     */
    public static Path store(Path dir, String location, Sizes sizes, PrintWriter err) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        RandomGenerator random = new java.security.SecureRandom();
        String arenas = location + "arenas.part";
        String isect = location + "isect0.part";
        String bloom = location + "bloom.part";
        StringBuilder conf = new StringBuilder("index main\narenas " + arenas + "\nisect " + isect + "\n");
        try (Part p = Part.create(arenas, dir, sizes.arenaPartition())) {
            arenas(p, "arenas0.", sizes.arenaSize(), 8192, ArenaHead.VERSION5, false, random, err);
        }
        try (Part p = Part.create(isect, dir, sizes.indexSection())) {
            isect(p, "isect0.", 8192, IndexSectionHeader.VERSION2, false, random, err);
        }
        if (sizes.bloom() > 0) {
            try (Part p = Part.create(bloom, dir, sizes.bloom())) {
                bloom(p, 0, 0, 0, err);
            }
            conf.append("bloom ").append(bloom).append("\n");
        }
        Path confFile = dir.resolve("venti.conf");
        java.nio.file.Files.writeString(confFile, conf);
        index(VentiConfig.read(confFile), dir, false, err);
        return confFile;
    }

    /** The C {@code newindex}: how many buckets the index uses and which section holds which. */
    private static AMapTable newSections(String name, List<IndexSection> sections) {
        IndexSectionHeader first = sections.getFirst().header();
        long nb = 0;
        Set<String> names = new HashSet<>();
        for (IndexSection s : sections) {
            IndexSectionHeader h = s.header();
            if (!h.indexName().isEmpty() && !h.indexName().equals(name)) {
                throw new StoreException(Severity.ADMIN, "creating new index using non-empty section " + h.name()
                        + " of index " + h.indexName());
            }
            if (h.blockSize() != first.blockSize()) {
                throw new StoreException(Severity.ADMIN, sections.getFirst().part().name() + " has block size "
                        + first.blockSize() + ", but " + s.part().name() + " has " + h.blockSize());
            }
            if (h.tableSize() != first.tableSize()) {
                throw new StoreException(Severity.ADMIN, sections.getFirst().part().name() + " has table size "
                        + first.tableSize() + ", but " + s.part().name() + " has " + h.tableSize());
            }
            if (!names.add(h.name())) {
                throw new StoreException(Severity.ADMIN, "two sections have the name " + h.name());
            }
            nb += h.blocks();
        }
        nb = Math.min(nb, (1L << 32) - 1);
        long div = Index.divisor(nb);
        if (div < 100) {
            div = 100;
            nb = ((1L << 32) - 1) / (100 - 1);
        }
        long used = ((1L << 32) - 1) / div + 1;
        long extra = nb - used;
        List<AMap> map = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < sections.size(); i++) {
            IndexSectionHeader h = sections.get(i).header();
            long stop = i == sections.size() - 1 ? used : start + h.blocks() - extra / sections.size();
            if ((h.start() != 0 || h.stop() != 0) && (h.start() != start || h.stop() != stop)) {
                throw new StoreException(Severity.ADMIN, "creating new index using non-empty section " + h.name()
                        + ": it holds buckets [" + h.start() + "," + h.stop() + "), not [" + start + "," + stop + ")");
            }
            map.add(new AMap(h.name(), start, stop));
            start = stop;
        }
        return new AMapTable(map);
    }

    /** Zeroes {@code part} from {@link Layout#PART_BLANK} to its last whole block (the C {@code zeropart}). */
    public static void zero(Part part, int blockSize, PrintWriter err) throws IOException {
        err.print("clearing " + part.name() + "\n");
        ByteBuffer z = ByteBuffer.allocate(ZERO_CHUNK);
        long addr = Layout.PART_BLANK;
        for (; addr + ZERO_CHUNK <= part.size(); addr += ZERO_CHUNK) {
            part.write(addr, z.clear());
        }
        for (; addr + blockSize <= part.size(); addr += blockSize) {
            part.write(addr, z.clear().limit(blockSize));
        }
        part.force();
    }
}
