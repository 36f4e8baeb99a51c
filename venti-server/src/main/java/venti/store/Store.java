package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import venti.core.BlockType;
import venti.core.Score;

/**
 * A Venti store opened from its venti.conf: the arena partitions, the index and the bloom
 * filter, and the read path that ties them together.
 *
 * <p>A read goes: the zero score or the empty block's score gives the empty block; the
 * bloom filter, when there is one, rules out most missing scores; the index bucket gives
 * the clump's index address and length; the arena map gives arena and offset; the clump is
 * read, checked against the index entry, decompressed, and its SHA-1 checked. A read never
 * returns bytes whose SHA-1 is not the score asked for.
 *
 * <p>Thread-safety: every read path is safe from any number of threads at once.
 */
public final class Store implements Closeable {

    /** How to open a store. */
    public enum Mode {
        /** Read and write; the bloom filter is loaded. */
        READ_WRITE(false, true),
        /** Read only; the bloom filter is loaded. */
        READ_ONLY(true, true),
        /** Read only, for the inspection tools: the bloom filter's bitmap is not loaded. */
        INSPECT(true, false);

        final boolean readOnly;
        final boolean loadBloom;

        Mode(boolean readOnly, boolean loadBloom) {
            this.readOnly = readOnly;
            this.loadBloom = loadBloom;
        }
    }

    private final VentiConfig config;
    private final List<Part> parts;
    private final List<ArenaPartition> arenaPartitions;
    private final Index index;
    private final Bloom bloom;

    private Store(VentiConfig config, List<Part> parts, List<ArenaPartition> arenaPartitions, Index index, Bloom bloom) {
        this.config = config;
        this.parts = List.copyOf(parts);
        this.arenaPartitions = List.copyOf(arenaPartitions);
        this.index = index;
        this.bloom = bloom;
    }

    /** Opens the store described by the venti.conf at {@code configFile}, with partition names relative to the working directory. */
    public static Store open(Path configFile, Mode mode) throws IOException {
        return open(VentiConfig.read(configFile), Path.of(""), mode);
    }

    /**
     * Opens the store {@code config} describes, resolving relative partition names against
     * {@code dir} (the C server resolves them against its working directory).
     *
     * @throws IOException      when a partition cannot be opened or read
     * @throws StoreException   when the configuration or the disk structures are wrong,
     *                          with a message naming the partition
     */
    public static Store open(VentiConfig config, Path dir, Mode mode) throws IOException {
        if (config.index() == null) {
            throw new StoreException(Severity.ADMIN, "no index specified in the configuration (add an 'index name' line)");
        }
        if (config.arenas().isEmpty() || config.isects().isEmpty()) {
            throw new StoreException(Severity.ADMIN, "the configuration needs at least one 'arenas' and one 'isect' line");
        }
        checkDuplicates(config, dir);
        List<Part> parts = new ArrayList<>();
        try {
            List<ArenaPartition> aps = new ArrayList<>();
            Map<String, Arena> byName = new HashMap<>();
            for (String name : config.arenas()) {
                ArenaPartition ap = ArenaPartition.open(openPart(name, dir, mode, parts));
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
                sections.add(IndexSection.open(openPart(name, dir, mode, parts)));
            }
            Index index = Index.open(config.index(), sections, byName);
            Bloom bloom = null;
            if (config.bloom() != null) {
                bloom = Bloom.open(openPart(config.bloom(), dir, mode, parts));
                if (mode.loadBloom) {
                    bloom.load();
                }
            }
            return new Store(config, parts, aps, index, bloom);
        } catch (IOException | RuntimeException e) {
            closeAll(parts, e);
            throw e;
        }
    }

    private static Part openPart(String name, Path dir, Mode mode, List<Part> opened) throws IOException {
        Part p = FilePart.open(name, dir, mode.readOnly);
        opened.add(p);
        return p;
    }

    /** Fails when venti.conf names one partition twice, which would corrupt it once written. */
    private static void checkDuplicates(VentiConfig config, Path dir) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(config.arenas());
        all.addAll(config.isects());
        if (config.bloom() != null) {
            all.add(config.bloom());
        }
        for (String name : all) {
            FilePart.Range r = FilePart.Range.parse(name);
            Path file = dir.resolve(r.file());
            String key = (java.nio.file.Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize())
                    + ":" + r.lo() + "-" + r.hi();
            String old = seen.putIfAbsent(key, name);
            if (old != null) {
                throw new StoreException(Severity.ADMIN, "partition " + name + " is listed twice in the configuration"
                        + (old.equals(name) ? "" : " (also as " + old + ")"));
            }
        }
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

    public VentiConfig config() {
        return config;
    }

    public List<ArenaPartition> arenaPartitions() {
        return arenaPartitions;
    }

    public Index index() {
        return index;
    }

    /** The bloom filter, if the configuration has one. */
    public Optional<Bloom> bloom() {
        return Optional.ofNullable(bloom);
    }

    /** The index entry of {@code score} stored as {@code type}, if the store has the block. */
    public Optional<IndexEntry> lookup(Score score, BlockType type) throws IOException {
        if (bloom != null && !bloom.mayContain(score)) {
            return Optional.empty();
        }
        return index.lookup(score, type);
    }

    /**
     * Reads the block with {@code score} and {@code type}.
     *
     * @throws NoSuchBlockException when the store does not have it
     * @throws CorruptException     naming the arena, or bucket, and offset when what is on
     *                              disk is not the block; never returns wrong bytes
     */
    public byte[] read(Score score, BlockType type) throws IOException {
        if (score.isZero() || score.equals(Score.EMPTY)) {
            return new byte[0];
        }
        IndexEntry e = lookup(score, type).orElseThrow(() -> new NoSuchBlockException(score, type));
        Index.Place place = index.locate(e.address());
        Arena arena = place.arena();
        Location where = arena.location(place.offset());
        Clump c = arena.readClump(place.offset(), e.blocks());
        ClumpInfo info = c.header().info();
        String inArena = "arena " + arena.name() + " offset " + place.offset() + ": ";
        if (info.uncompressedSize() != e.size()) {
            throw inconsistent(where, inArena + "index and clump size mismatch: index says " + e.size()
                    + " bytes, clump has " + info.uncompressedSize());
        }
        if (info.type() != e.type()) {
            throw inconsistent(where, inArena + "index and clump type mismatch: index says " + e.type().value()
                    + ", clump has " + info.type().value());
        }
        if (!info.score().equals(score)) {
            throw inconsistent(where, inArena + "clump has score " + info.score() + ", index entry was for " + score);
        }
        try {
            return c.verify(where).data();
        } catch (CorruptException x) {
            throw x.within("arena " + arena.name() + " offset " + place.offset());
        }
    }

    private static CorruptException inconsistent(Location where, String message) {
        return new CorruptException(Severity.INCONSISTENT, where, message, null);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Part p : parts) {
            try {
                p.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
