package venti.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * The index: a disk hash table from score to the clump's index address, spread over one or
 * more index sections, plus the map from index addresses to arenas.
 *
 * <p>Design. The buckets of all sections are numbered in one sequence, each section holding
 * a contiguous range. The top 32 bits of a score, divided by the divisor
 * {@code ceil(2^32 / buckets)}, pick its bucket; since scores are uniformly random, buckets
 * fill evenly, and the index is sized so none overflows. Index addresses put the arenas'
 * clump storage end to end from {@link Layout#INDEX_BASE}, so one 64-bit address names a
 * clump in any arena. The configuration ({@link IndexConfig}) is stored in every section.
 *
 * <p>Immutable and thread-safe.
 */
public final class Index {

    private final IndexConfig config;
    private final List<IndexSection> sections;
    private final List<Arena> arenas;
    private final long divisor;

    private Index(IndexConfig config, List<IndexSection> sections, List<Arena> arenas, long divisor) {
        this.config = config;
        this.sections = List.copyOf(sections);
        this.arenas = List.copyOf(arenas);
        this.divisor = divisor;
    }

    /**
     * Opens the index {@code name} from its sections, in venti.conf order, and finds every
     * arena its map names among {@code arenasByName} (the C {@code initindex}).
     *
     * @throws CorruptException when the sections disagree with each other or with the
     *                          configuration they store, or an arena is missing
     */
    public static Index open(String name, List<IndexSection> sections, Map<String, Arena> arenasByName)
            throws IOException {
        if (sections.isEmpty()) {
            throw new StoreException(Severity.ADMIN, "no index sections to initialize index " + name);
        }
        IndexSection first = sections.getFirst();
        Location tableAt = new Location(first.part().name(), first.header().tableBase());
        IndexConfig config = first.readConfig();
        if (!config.name().equals(name)) {
            throw tableAt.corrupt("mismatched index name: found " + config.name() + " expected " + name);
        }
        if (config.sections().size() != sections.size()) {
            throw tableAt.corrupt("mismatched number of index sections: venti.conf lists " + sections.size()
                    + ", the index has " + config.sections().size());
        }
        for (int i = 0; i < sections.size(); i++) {
            checkSection(sections.get(i), config, config.sections().get(i), first.header().tableSize());
        }
        long buckets = config.buckets();
        long divisor = divisor(buckets);
        if (buckets == 0 || (0xffff_ffffL / divisor) + 1 != buckets) {
            throw tableAt.corrupt("inconsistent math for divisor and buckets in " + name + ": " + buckets + " buckets");
        }
        List<Arena> arenas = new ArrayList<>();
        for (AMap m : config.arenas().entries()) {
            Arena a = arenasByName.get(m.name());
            if (a == null) {
                throw new StoreException(Severity.ADMIN, "can't find arena '" + m.name() + "' for index '" + name
                        + "': add its arena partition to venti.conf");
            }
            arenas.add(a);
        }
        return new Index(config, sections, arenas, divisor);
    }

    private static void checkSection(IndexSection s, IndexConfig config, AMap m, int tableSize) {
        IndexSectionHeader h = s.header();
        Location where = new Location(s.part().name(), Layout.PART_BLANK);
        String problem = !h.indexName().equals(config.name()) ? "index name is '" + h.indexName() + "', not " + config.name()
                : h.blockSize() != config.blockSize() ? "blocksize is " + h.blockSize() + ", not " + config.blockSize()
                : h.tableSize() != tableSize ? "tabsize is " + h.tableSize() + ", not " + tableSize
                : !h.name().equals(m.name()) ? "name is " + h.name() + ", not " + m.name()
                        + " (is venti.conf listing the sections in the wrong order?)"
                : h.start() != m.start() || h.stop() != m.stop() ? "range is " + h.start() + "," + h.stop()
                        + ", not " + m.start() + "," + m.stop()
                : null;
        if (problem != null) {
            throw where.corrupt(problem);
        }
    }

    /** The divisor mapping the top 32 bits of a score onto {@code buckets} buckets. */
    public static long divisor(long buckets) {
        return ((1L << 32) + buckets - 1) / buckets;
    }

    public IndexConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** The sections, in bucket order. */
    public List<IndexSection> sections() {
        return sections;
    }

    /** The arenas, in the order of the index's arena map. */
    public List<Arena> arenas() {
        return arenas;
    }

    public long buckets() {
        return config.buckets();
    }

    public long divisor() {
        return divisor;
    }

    /** The bucket responsible for {@code score}. */
    public long bucketOf(Score score) {
        return bucketOfHash(score.getInt(0));
    }

    /** The bucket responsible for a score whose first four bytes are {@code top}. */
    public long bucketOfHash(int top) {
        return Integer.toUnsignedLong(top) / divisor;
    }

    /** The section holding bucket {@code bucket}. */
    public IndexSection sectionOf(long bucket) {
        int lo = 0;
        int hi = sections.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sections.get(mid).header().start() <= bucket) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return sections.get(lo);
    }

    /** The index entry for {@code score} stored as {@code type}, read from disk. */
    public Optional<IndexEntry> lookup(Score score, BlockType type) throws IOException {
        long bucket = bucketOf(score);
        return sectionOf(bucket).lookup(bucket, score, type.diskType());
    }

    /** Where index address {@code address} is: an arena and an arena address in it. */
    public record Place(Arena arena, long offset) {
    }

    /**
     * The arena holding index address {@code address} (the C {@code amapitoa}).
     *
     * @throws CorruptException when no arena's range holds it
     */
    public Place locate(long address) {
        AMapTable map = config.arenas();
        int lo = 0;
        int hi = map.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (map.get(mid).start() <= address) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (map.size() == 0 || !map.get(lo).contains(address)) {
            IndexSection s = sections.getFirst();
            throw new CorruptException(Severity.INDEX_CORRUPT, new Location(s.part().name(), s.header().tableBase()),
                    "index address " + address + " is in no arena of index " + name(), null);
        }
        return new Place(arenas.get(lo), address - map.get(lo).start());
    }
}
