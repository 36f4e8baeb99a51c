package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    private final Partitions partitions;
    private final Index index;
    private final Bloom bloom;

    private Store(Partitions partitions, Index index, Bloom bloom) {
        this.partitions = partitions;
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
     * @throws IOException    when a partition cannot be opened or read
     * @throws StoreException when the configuration or the disk structures are wrong, with
     *                        a message naming the partition
     */
    public static Store open(VentiConfig config, Path dir, Mode mode) throws IOException {
        Partitions p = Partitions.open(config, dir, mode.readOnly);
        try {
            Index index = Index.open(config.index(), p.sections, p.arenas);
            Bloom bloom = null;
            if (p.bloomPart != null) {
                bloom = Bloom.open(p.bloomPart);
                if (mode.loadBloom) {
                    bloom.load();
                }
            }
            return new Store(p, index, bloom);
        } catch (IOException | RuntimeException e) {
            try {
                p.close();
            } catch (IOException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
    }

    public VentiConfig config() {
        return partitions.config;
    }

    public List<ArenaPartition> arenaPartitions() {
        return partitions.arenaPartitions;
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
        String context = "arena " + arena.name() + " offset " + place.offset();
        try {
            Clump c = arena.readClump(place.offset(), e.blocks());
            checkAgainstIndex(c.header().info(), e, score, arena.location(place.offset()));
            return c.verify(arena.location(place.offset())).data();
        } catch (CorruptException x) {
            throw x.within(context);
        }
    }

    private static void checkAgainstIndex(ClumpInfo info, IndexEntry e, Score score, Location where) {
        if (info.uncompressedSize() != e.size()) {
            throw inconsistent(where, "index and clump size mismatch: index says " + e.size()
                    + " bytes, clump has " + info.uncompressedSize());
        }
        if (info.type() != e.type()) {
            throw inconsistent(where, "index and clump type mismatch: index says " + e.type().value()
                    + ", clump has " + info.type().value());
        }
        if (!info.score().equals(score)) {
            throw inconsistent(where, "clump has score " + info.score() + ", index entry was for " + score);
        }
    }

    private static CorruptException inconsistent(Location where, String message) {
        return new CorruptException(Severity.INCONSISTENT, where, message, null);
    }

    @Override
    public void close() throws IOException {
        partitions.close();
    }
}
