package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import venti.core.Counters;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;


/**
 * The partitions a venti.conf names, opened and checked one by one but not yet tied into an
 * index (the C {@code runconfig}): what {@link Store} builds on, and what fmtindex needs
 * before there is an index to open.
 */
public final class Partitions implements Closeable {

    private final VentiConfig config;
    private final List<ArenaPartition> arenaPartitions;
    private final Map<String, Arena> arenas;
    private final List<IndexSection> sections;
    private final Part bloomPart;
    private final List<Part> parts;

    private Partitions(VentiConfig config, List<Part> parts, List<ArenaPartition> arenaPartitions,
                       Map<String, Arena> arenas, List<IndexSection> sections, Part bloomPart) {
        this.config = config;
        this.parts = parts;
        this.arenaPartitions = List.copyOf(arenaPartitions);
        this.arenas = arenas;
        this.sections = List.copyOf(sections);
        this.bloomPart = bloomPart;
    }

    /**
     * Opens every partition {@code config} names, resolving relative names against
     * {@code dir}: writable ones locked, read-only ones with a warning when a writer has them.
     *
     * @throws StoreException when the configuration lacks an index, arenas or sections,
     *                        names a partition twice, or two arenas share a name
     * @throws StoreInUseException when another process holds one of the partitions
     */
    public static Partitions open(VentiConfig config, Path dir, boolean readOnly) throws IOException {
        return open(config, dir, readOnly, readOnly ? LockMode.NONE : LockMode.EXCLUSIVE, UnaryOperator.identity(), null);
    }

    /**
     * Opens the partitions as {@link #open(VentiConfig, Path, boolean)}, each locked
     * as {@code lock} says (writable ones always exclusively) and wrapped by {@code wrap}
     * (fault injection in tests). Every partition is locked before any is read. Unlocked
     * read-only partitions that a writer holds give one warning. When {@code stats} is not
     * null the transfers of the arena partitions and index sections are counted in it
     * ({@link CountedPart}).
     */
    static Partitions open(VentiConfig config, Path dir, boolean readOnly, LockMode lock, UnaryOperator<Part> wrap,
                           Counters<StoreCounter> stats) throws IOException {
        if (config.index() == null) {
            throw new StoreException(Severity.ADMIN, "no index specified in the configuration (add an 'index name' line)");
        }
        if (config.arenas().isEmpty() || config.isects().isEmpty()) {
            throw new StoreException(Severity.ADMIN, "the configuration needs at least one 'arenas' and one 'isect' line");
        }
        checkDuplicates(config, dir);
        List<Part> parts = new ArrayList<>();
        try {
            Map<String, Part> byPartition = new HashMap<>();
            for (String name : all(config)) {
                Part p = Part.open(name, dir, readOnly, lock);
                parts.add(p);
                byPartition.put(name, wrap.apply(p));
            }
            FilePart.warnIfInUse(parts);
            List<ArenaPartition> aps = new ArrayList<>();
            Map<String, Arena> byName = new LinkedHashMap<>();
            for (String name : config.arenas()) {
                ArenaPartition ap = ArenaPartition.open(counted(byPartition.get(name), CountedPart.Kind.ARENAS, stats));
                for (Arena a : ap.arenas()) {
                    Arena old = byName.putIfAbsent(a.name(), a);
                    if (old != null) {
                        throw new StoreException(Severity.ADMIN, "duplicate arena name " + a.name() + " in "
                                + old.part().name() + " and " + a.part().name());
                    }
                }
                aps.add(ap);
            }
            List<IndexSection> sections = new ArrayList<>();
            for (String name : config.isects()) {
                sections.add(IndexSection.open(counted(byPartition.get(name), CountedPart.Kind.SECTIONS, stats)));
            }
            Part bloom = config.bloom() == null ? null : byPartition.get(config.bloom());
            return new Partitions(config, parts, aps, byName, sections, bloom);
        } catch (IOException | RuntimeException e) {
            closeAll(parts, e);
            throw e;
        }
    }

    VentiConfig config() {
        return config;
    }

    List<ArenaPartition> arenaPartitions() {
        return arenaPartitions;
    }

    /** Every arena of every arena partition by name, in venti.conf order. */
    public Map<String, Arena> arenas() {
        return arenas;
    }

    /** The index sections, in venti.conf order. */
    public List<IndexSection> sections() {
        return sections;
    }

    /** The bloom filter's partition, or null. */
    Part bloomPart() {
        return bloomPart;
    }

    private static Part counted(Part p, CountedPart.Kind kind, Counters<StoreCounter> stats) {
        return stats == null ? p : new CountedPart(p, kind, stats);
    }

    /** Fails when venti.conf names one partition twice, which would corrupt it once written. */
    private static void checkDuplicates(VentiConfig config, Path dir) throws IOException {
        Map<String, String> seen = new HashMap<>();
        for (String name : all(config)) {
            String old = seen.putIfAbsent(identity(name, dir), name);
            if (old != null) {
                throw new StoreException(Severity.ADMIN, "partition " + name + " is listed twice in the configuration"
                        + (old.equals(name) ? "" : " (also as " + old + ")"));
            }
        }
    }

    /** Every partition the configuration names: arenas, index sections, bloom filter. */
    private static List<String> all(VentiConfig config) {
        List<String> all = new ArrayList<>(config.arenas());
        all.addAll(config.isects());
        if (config.bloom() != null) {
            all.add(config.bloom());
        }
        return all;
    }

    /** What names the same bytes whatever the spelling: the real file and range, or the RADOS name. */
    private static String identity(String name, Path dir) throws IOException {
        if (RadosPart.isRadosName(name)) {
            return name;
        }
        FilePart.Range r = FilePart.Range.parse(name);
        Path file = dir.resolve(r.file());
        Path real = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        return real + ":" + r.lo() + "-" + r.hi();
    }

    private static void closeAll(List<Part> parts, Exception cause) {
        for (Part p : parts) {
            try {
                p.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failed = new IOException("closing partitions failed");
        closeAll(parts, failed);
        if (failed.getSuppressed().length > 0) {
            throw failed;
        }
    }
}
