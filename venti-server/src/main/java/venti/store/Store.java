package venti.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Counters;
import venti.core.Pool;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.whack.Whack;

/**
 * A Venti store opened from its venti.conf: the arena partitions, the index and the bloom
 * filter, with the caches in front of them and the write path, sync and recovery.
 *
 * <p>A read goes: the zero score or the empty block's score gives the empty block; the lump
 * cache; the index cache; the bloom filter, which rules out most missing scores; the index
 * bucket on disk; the arena map gives arena and offset; the clump is read, checked against
 * the index entry, decompressed, and its SHA-1 checked. A read never returns bytes whose
 * SHA-1 is not the score asked for.
 *
 * <p>A write hashes the block, and if neither the caches nor the index know it, compresses
 * it with whack when that saves space and appends it to the {@link DataLog}; hashing and
 * compression run in the caller's thread, only the append itself is serialised. A block
 * already stored is acknowledged without storing it again. Unlike the C server, a new block
 * is not put in the lump cache: copying each into a cache that an archive's writes soon cycle
 * through, and collecting the copies, cost a quarter of unique-write throughput, for reads
 * that mostly come much later (a block read back is cached then). {@link #sync} makes every
 * block written before it durable. The index on disk is kept up to date in the background by the
 * {@link IndexWriter}; {@link #flush} and {@link #close} bring it fully up to date, so the
 * C checkers find a closed store clean.
 *
 * <p>Opening a writable store recovers from a crash: clumps past each trailer are found
 * again, and clumps the index lacks are indexed ({@link DataLog#recover}).
 *
 * <p>Thread-safety: every method is safe from any number of threads at once, and reads never
 * wait for writes of other blocks.
 */
public final class Store implements BlockStore, Closeable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    /** Buffers a new block is compressed into and appended from, one per writer at a time. */
    private static final Pool<byte[]> CLUMP_BUFFERS =
            new Pool<>(() -> new byte[ClumpHeader.SIZE + BlockStore.MAX_BLOCK + ClumpHeader.END_MARK]);

    /** How to open a store. */
    public enum Mode {
        /** Read and write; recovers, loads the bloom filter, runs the background writers. */
        READ_WRITE(false, true, true, LockMode.EXCLUSIVE),
        /**
         * Read only; recovers in memory: the bloom filter is loaded, unindexed clumps are indexed
         * in memory. Writers are locked out, other readers are not.
         */
        READ_ONLY(true, true, true, LockMode.SHARED),
        /**
         * Read only, for the inspection tools: no recovery, the bloom bitmap is not loaded, no
         * lock taken; a warning when a writer has the store.
         */
        INSPECT(true, false, false, LockMode.NONE),
        /**
         * Writable partitions for the repair tools, which write the structures themselves:
         * no recovery, no background writers, no blocks written through the store.
         */
        REPAIR(false, false, false, LockMode.EXCLUSIVE);

        final boolean readOnly;
        final boolean loadBloom;
        final boolean live;
        final LockMode lock;

        Mode(boolean readOnly, boolean loadBloom, boolean live, LockMode lock) {
            this.readOnly = readOnly;
            this.loadBloom = loadBloom;
            this.live = live;
            this.lock = lock;
        }
    }

    /**
     * Memory for the caches: sizes asked for, and the budget the store splits for those not
     * asked for when it opens ({@link CacheMemory#split}).
     *
     * @param lumpCache  bytes of recently used blocks (venti.conf {@code mem}, server {@code -C}), or 0
     * @param indexCache bytes of index entries (venti.conf {@code icmem}, server {@code -I}), or 0
     * @param budget     bytes for the caches and the bloom filter together
     */
    public record Options(long lumpCache, long indexCache, long budget) {

        /** The share of the JVM's heap the caches get by default; the rest is for requests and the index writer. */
        static final double HEAP_SHARE = 0.6;

        /** The configuration's sizes, with {@link #HEAP_SHARE} of this JVM's heap for the rest. */
        public static Options of(VentiConfig config) {
            return new Options(config.mem(), config.icmem(), heapBudget());
        }

        /** {@link #HEAP_SHARE} of the most heap this JVM will use. */
        public static long heapBudget() {
            return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
        }

        /** These options with any non-zero argument taking the place of the field. */
        public Options override(long lumpCache, long indexCache) {
            return new Options(lumpCache > 0 ? lumpCache : this.lumpCache, indexCache > 0 ? indexCache : this.indexCache,
                    budget);
        }

        /** These options with {@code budget} bytes for the caches. */
        public Options withBudget(long budget) {
            return new Options(lumpCache, indexCache, budget);
        }
    }

    private final Partitions partitions;
    private final Index index;
    private final Bloom bloom;
    private final Mode mode;
    private final LumpCache lumps;
    private final IndexCache cache;
    private final DataLog dataLog;
    private final IndexWriter indexWriter;
    private final ArenaScorer scorer;
    private final CacheMemory memory;
    private final Counters<StoreCounter> stats;
    private final StoreSettings settings = new StoreSettings();
    private final List<SyncListener> syncListeners = new CopyOnWriteArrayList<>();
    private volatile Healer healer;

    /** Told of every completed {@link #sync}: how a mirror follows the log and holds a sync for its replica. */
    @FunctionalInterface
    public interface SyncListener {
        /**
         * Called in the syncing thread once the log is durable up to {@code end}; an exception
         * fails the sync (after the local part of it succeeded).
         */
        void synced(LogPosition end) throws IOException;
    }

    /** Where a read turns when a clump cannot be read or is not the block: a mirror, or another source. */
    @FunctionalInterface
    public interface Healer {
        /**
         * The block with {@code score} and {@code type} from elsewhere, or null when no
         * source has it; {@code damage} says what went wrong locally (an I/O error, or a
         * {@link CorruptException} naming the arena and offset).
         */
        byte[] heal(Score score, BlockType type, Exception damage);
    }

    private Store(Partitions partitions, Index index, Bloom bloom, Mode mode, Options options,
                  Counters<StoreCounter> stats) {
        this.stats = stats;
        this.partitions = partitions;
        this.index = index;
        this.bloom = bloom;
        this.mode = mode;
        this.memory = CacheMemory.split(options, bloom != null && mode.loadBloom ? bloom.header().size() : 0,
                index.buckets() * Bucket.capacity(index.config().blockSize()),
                index.arenas().stream().mapToLong(Arena::dataSize).sum());
        this.lumps = new LumpCache(memory.lumpCache());
        this.cache = new IndexCache(memory.indexCache(), stats);
        this.dataLog = new DataLog(index, cache, mode != Mode.READ_WRITE, stats);
        if (mode != Mode.READ_WRITE) {
            this.indexWriter = null;
            this.scorer = null;
        } else {
            this.indexWriter = new IndexWriter(index, dataLog, cache, bloom, stats);
            this.scorer = new ArenaScorer(dataLog, stats);
            cache.onFull(indexWriter::kick);
            dataLog.onSealed(scorer::queue);
        }
    }

    /** Opens the store described by the venti.conf at {@code configFile}, with partition names relative to the working directory. */
    public static Store open(Path configFile, Mode mode) throws IOException {
        return open(VentiConfig.read(configFile), Path.of(""), mode);
    }

    /** Opens a store with the cache sizes its configuration asks for. */
    public static Store open(VentiConfig config, Path dir, Mode mode) throws IOException {
        return open(config, dir, mode, Options.of(config));
    }

    /** Opens a store, logging what recovery finds. */
    public static Store open(VentiConfig config, Path dir, Mode mode, Options options) throws IOException {
        return open(config, dir, mode, options, line -> log.info("{}", line));
    }

    /**
     * Opens the store {@code config} describes, resolving relative partition names against
     * {@code dir} (the C server resolves them against its working directory), and recovers
     * unless only inspecting or repairing; {@code report} receives one line for each thing
     * recovery finds or does.
     *
     * @throws IOException    when a partition cannot be opened or read
     * @throws StoreException when the configuration or the disk structures are wrong, with
     *                        a message naming the partition
     */
    public static Store open(VentiConfig config, Path dir, Mode mode, Options options, Consumer<String> report)
            throws IOException {
        return open(config, dir, mode, options, report, UnaryOperator.identity());
    }

    /**
     * What a server does after the store's partitions are locked and before recovery starts:
     * bind its listening addresses, so that a busy port stops it before anything on disk changes.
     */
    @FunctionalInterface
    public interface BeforeRecovery {
        void run() throws IOException;
    }

    /**
     * Opens a store as {@link #open(VentiConfig, Path, Mode, Options, Consumer)}, running
     * {@code beforeRecovery} once every partition is locked and before recovery; when it
     * throws, the store is closed again unchanged and the exception passes on.
     */
    public static Store open(VentiConfig config, Path dir, Mode mode, Options options, Consumer<String> report,
                             BeforeRecovery beforeRecovery) throws IOException {
        return open(config, dir, mode, options, report, beforeRecovery, UnaryOperator.identity());
    }

    /** Opens a store whose partitions are wrapped by {@code wrap}: how tests make disks fail. */
    static Store open(VentiConfig config, Path dir, Mode mode, Options options, Consumer<String> report,
                      UnaryOperator<Part> wrap) throws IOException {
        return open(config, dir, mode, options, report, () -> {
        }, wrap);
    }

    /**
     * The order matters: lock every partition (refusing at once when another process has
     * the store), then {@code beforeRecovery}, then recovery, and only after it the index
     * writer, so recovery can write index entries itself without waiting on the writer.
     */
    private static Store open(VentiConfig config, Path dir, Mode mode, Options options, Consumer<String> report,
                              BeforeRecovery beforeRecovery, UnaryOperator<Part> wrap) throws IOException {
        Counters<StoreCounter> stats = new Counters<>(StoreCounter.class);
        Partitions p = Partitions.open(config, dir, mode.readOnly, mode.lock, wrap, stats);
        Store s = null;
        try {
            beforeRecovery.run();
            Index index = Index.open(config.index(), p.sections(), p.arenas());
            Bloom bloom = null;
            if (p.bloomPart() != null) {
                bloom = Bloom.open(p.bloomPart());
                if (mode.loadBloom) {
                    bloom.load();
                }
            }
            s = new Store(p, index, bloom, mode, options, stats);
            if (mode.live) {
                s.dataLog.recover(report, s.indexWriter == null ? null : s.indexWriter::writeBack);
                if (s.indexWriter != null) {
                    s.indexWriter.start();
                    s.indexWriter.kick();
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            try {
                if (s != null) {
                    s.stopBackground();
                }
                p.close();
            } catch (IOException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
    }

    public VentiConfig config() {
        return partitions.config();
    }

    public List<ArenaPartition> arenaPartitions() {
        return partitions.arenaPartitions();
    }

    public Index index() {
        return index;
    }

    /** The bloom filter, if the configuration has one. */
    public Optional<Bloom> bloom() {
        return Optional.ofNullable(bloom);
    }

    public boolean isReadOnly() {
        return mode.readOnly;
    }

    /** How the store's memory is split between its caches. */
    public CacheMemory memory() {
        return memory;
    }

    /** What the store has done since it was opened. */
    public Counters<StoreCounter> stats() {
        return stats;
    }

    /** The switches that may be turned while the store runs. */
    public StoreSettings settings() {
        return settings;
    }

    /** The index entry of {@code score} stored as {@code type}, if the store has the block. */
    public Optional<IndexEntry> lookup(Score score, BlockType type) throws IOException {
        return Optional.ofNullable(lookup(BlockKey.of(score, type)));
    }

    private IndexEntry lookup(BlockKey key) throws IOException {
        IndexEntry e = cache.get(key);
        if (e != null) {
            stats.increment(StoreCounter.INDEX_CACHE_HITS);
            return e;
        }
        stats.increment(StoreCounter.INDEX_CACHE_MISSES);
        boolean filtered = bloom != null && bloom.isLoaded() && !settings.ignoreBloom();
        if (filtered && !bloom.mayContain(key.score())) {
            stats.increment(StoreCounter.BLOOM_ABSENT);
            return null;
        }
        if (filtered) {
            stats.increment(StoreCounter.BLOOM_MAYBE);
        }
        stats.increment(StoreCounter.INDEX_READS);
        long started = System.nanoTime();
        Optional<IndexEntry> found = index.lookup(key.score(), BlockType.fromDisk(key.diskType()));
        stats.add(StoreCounter.INDEX_READ_NANOS, System.nanoTime() - started);
        if (found.isPresent()) {
            cache.putClean(found.get());
            stats.increment(StoreCounter.INDEX_CACHE_FILLS);
        }
        if (filtered && found.isEmpty()) {
            stats.increment(StoreCounter.BLOOM_FALSE_POSITIVES);
        }
        return found.orElse(null);
    }

    /** Reads a block of any size (up to the largest the store holds). */
    public byte[] read(Score score, BlockType type) throws IOException {
        return read(score, type, BlockStore.MAX_BLOCK);
    }

    /**
     * Reads the block with {@code score} and {@code type}.
     *
     * @param maxSize the most bytes the caller will take
     * @throws BlockNotFoundException when the store does not have it
     * @throws StoreException       "read too small: ..." when the block is larger than {@code maxSize}
     * @throws CorruptException     naming the arena, or bucket, and offset when what is on
     *                              disk is not the block; never returns wrong bytes
     */
    @Override
    public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
        if (score.isZero() || score.equals(Score.EMPTY)) {
            return new byte[0];
        }
        BlockKey key = BlockKey.of(score, type);
        long started = System.nanoTime();
        byte[] cached = cachedLump(key, started);
        if (cached != null) {
            checkFits(cached.length, maxSize);
            byte[] copy = cached.clone();
            stats.increment(StoreCounter.READS_CACHED);
            stats.add(StoreCounter.READ_CACHED_NANOS, System.nanoTime() - started);
            return copy;
        }
        IndexEntry e = lookup(key);
        if (e == null) {
            throw new BlockNotFoundException(score, type);
        }
        checkFits(e.size(), maxSize);
        byte[] data;
        try {
            data = readClump(score, e);
        } catch (IOException | CorruptException damage) {
            data = heal(key, damage);
            if (data == null) {
                throw damage;
            }
        }
        putLump(key, data);
        byte[] copy = data.clone();
        stats.increment(StoreCounter.READS_UNCACHED);
        stats.add(StoreCounter.READ_UNCACHED_NANOS, System.nanoTime() - started);
        return copy;
    }

    /** The lump cache's copy of {@code key}'s block, or null; counts the lookup, which began at {@code started}. */
    private byte[] cachedLump(BlockKey key, long started) {
        byte[] cached = lumps.get(key);
        stats.add(StoreCounter.LUMP_CACHE_NANOS, System.nanoTime() - started);
        stats.increment(cached != null ? StoreCounter.LUMP_CACHE_HITS : StoreCounter.LUMP_CACHE_MISSES);
        return cached;
    }

    private void putLump(BlockKey key, byte[] data) {
        lumps.put(key, data);
        stats.increment(StoreCounter.LUMP_CACHE_WRITES);
    }

    /**
     * The block from the healer, checked, and with {@link StoreSettings#repair} on stored
     * again as a fresh clump; null when there is no healer or it has no right bytes.
     */
    private byte[] heal(BlockKey key, Exception damage) throws IOException {
        Healer h = healer;
        byte[] data = h == null ? null : h.heal(key.score(), BlockType.fromDisk(key.diskType()), damage);
        if (data == null || !Sha1.hash(data).equals(key.score())) {
            return null;
        }
        stats.increment(StoreCounter.BLOCKS_HEALED);
        if (settings.repair() && mode == Mode.READ_WRITE) {
            byte[] buf = new byte[ClumpHeader.SIZE + data.length + ClumpHeader.END_MARK];
            System.arraycopy(data, 0, buf, ClumpHeader.SIZE, data.length);
            IndexEntry e = dataLog.appendCopy(buf, new ClumpInfo(BlockType.fromDisk(key.diskType()), data.length,
                    data.length, key.score()), ClumpEncoding.NONE);
            stats.increment(StoreCounter.BLOCKS_REPAIRED);
            log.warn("{}: stored a fresh copy at index address {}; the damaged clump stays", key.score(), e.address());
        }
        return data;
    }

    private static void checkFits(int size, int maxSize) {
        if (size > maxSize) {
            throw new StoreException(Severity.OK, "read too small: asked for " + maxSize + " need at least " + size);
        }
    }

    private byte[] readClump(Score score, IndexEntry e) throws IOException {
        Index.Place place = index.locate(e.address());
        Arena arena = place.arena();
        Location where = arena.location(place.offset());
        try {
            Clump c = arena.readClump(place.offset(), e.blocks());
            stats.increment(StoreCounter.CLUMP_READS);
            stats.add(StoreCounter.CLUMP_READ_BYTES, c.header().info().size());
            checkAgainstIndex(c.header().info(), e, score, where);
            return c.verify(where).data();
        } catch (CorruptException x) {
            throw x.within("arena " + arena.name() + " offset " + place.offset());
        } catch (IOException x) {
            throw new IOException("arena " + arena.name() + " offset " + place.offset() + ": " + x.getMessage(), x);
        }
    }

    private static void checkAgainstIndex(ClumpInfo info, IndexEntry e, Score score, Location where) {
        if (info.uncompressedSize() != e.size()) {
            throw inconsistent(where, "index and clump size mismatch: index says " + e.size()
                    + " bytes, clump has " + info.uncompressedSize());
        }
        if (info.type().diskType() != e.type().diskType()) {
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

    /**
     * Stores {@code len} bytes of {@code data} from {@code off} as a block of {@code type} and
     * returns its score. A zero-length block is not stored; its score is returned. A block
     * already stored is not stored again.
     *
     * @throws StoreException "lump too large" over 57,344 bytes, "score collision" when a
     *                        cached block with the same score has other bytes, "no space
     *                        left in arenas" when every arena is full, "index bucket N is
     *                        full" when the block's index bucket has no room
     */
    @Override
    public Score write(BlockType type, byte[] data, int off, int len) throws IOException {
        if (len > BlockStore.MAX_BLOCK) {
            throw new StoreException(Severity.STRANGE, "lump too large");
        }
        if (type == BlockType.CORRUPT) {
            throw new StoreException(Severity.STRANGE, "invalid lump type");
        }
        Score score = Sha1.hash(data, off, len);
        if (len == 0) {
            return score;
        }
        if (mode != Mode.READ_WRITE) {
            throw new StoreException(Severity.OK, "read-only store: writes are refused");
        }
        BlockType stored = BlockType.fromDisk(type.diskType());
        BlockKey key = new BlockKey(score, stored.diskType());
        long started = System.nanoTime();
        byte[] cached = cachedLump(key, started);
        if (cached != null) {
            if (!Arrays.equals(cached, 0, cached.length, data, off, off + len)) {
                throw new StoreException(Severity.STRANGE, "score collision " + score);
            }
            return duplicate(score, started);
        }
        if (lookup(key) != null) {
            return duplicate(score, started);
        }
        refuseFullBucket(score);
        cache.awaitRoom();
        byte[] buf = CLUMP_BUFFERS.take();
        try {
            int n = settings.compress() ? Whack.compressBlockIfWorthwhile(data, off, len, buf, ClumpHeader.SIZE) : 0;
            ClumpEncoding encoding = ClumpEncoding.WHACK;
            if (n <= 0 || n >= len) {
                System.arraycopy(data, off, buf, ClumpHeader.SIZE, len);
                encoding = ClumpEncoding.NONE;
                n = len;
            }
            dataLog.append(buf, new ClumpInfo(stored, n, len, score), encoding);
        } finally {
            CLUMP_BUFFERS.give(buf);
        }
        if (settings.syncWrites()) {
            sync();
        }
        // a block another writer appended first is counted a duplicate by the log, but timed here
        stats.add(StoreCounter.WRITE_NEW_NANOS, System.nanoTime() - started);
        return score;
    }

    private Score duplicate(Score score, long started) {
        stats.increment(StoreCounter.BLOCKS_DUPLICATE);
        stats.add(StoreCounter.WRITE_OLD_NANOS, System.nanoTime() - started);
        return score;
    }

    /** Refuses a new block whose index bucket is full: its entry could never reach the disk. */
    private void refuseFullBucket(Score score) {
        if (cache.fullBucketCount() > 0) {
            long b = index.bucketOf(score);
            if (cache.isFull(b)) {
                throw new StoreException(Severity.ADMIN, "index bucket " + b + " is full: the index is too small for "
                        + "this data; format a larger index and run buildindex");
            }
        }
    }

    /** Returns once every block written before the call is on stable storage. */
    @Override
    public void sync() throws IOException {
        if (mode == Mode.READ_WRITE) {
            LogPosition end = dataLog.sync().log();
            for (SyncListener l : syncListeners) {
                l.synced(end);
            }
        }
    }

    /** Adds a listener told of every completed sync, in the syncing thread. */
    public void addSyncListener(SyncListener l) {
        syncListeners.add(l);
    }

    public void removeSyncListener(SyncListener l) {
        syncListeners.remove(l);
    }

    /** Sets where reads of damaged clumps turn; null for nowhere (the read fails). */
    public void healer(Healer h) {
        healer = h;
    }

    /** Where the log was last made durable: every clump before it survives a crash. */
    public LogPosition durableEnd() {
        return dataLog.durableEnd();
    }

    /**
     * Syncs, then writes every dirty index entry and the bloom filter to disk (the C
     * {@code flushicache}): after it the index on disk is complete.
     */
    public void flush() throws IOException {
        if (indexWriter != null) {
            indexWriter.flush();
        }
    }

    /** Drops the lump cache and the clean index entries (the C {@code emptylumpcache}, {@code emptyicache}). */
    public void emptyCaches() {
        lumps.clear();
        cache.dropClean();
    }

    /** Drops the lump cache (the C {@code emptylumpcache}). */
    public void emptyLumpCache() {
        lumps.clear();
    }

    /** Drops the clean index entries; dirty ones stay until written (the C {@code emptyicache}). */
    public void emptyIndexCache() {
        cache.dropClean();
    }

    /** Asks the index writer for a round soon and returns at once (the C {@code kickicache}). */
    public void kickIndexWriter() {
        if (indexWriter != null) {
            indexWriter.kick();
        }
    }

    /** Index entries waiting to be written to disk. */
    public int dirtyIndexEntries() {
        return cache.dirtyCount();
    }

    /**
     * How full the caches are.
     *
     * @param lumps        blocks in the lump cache
     * @param lumpBytes    bytes the lump cache charges for them
     * @param cleanEntries index entries cached as read from disk
     * @param dirtyEntries index entries waiting to be written to disk
     * @param maxDirty     dirty entries at which writers wait for the index writer
     * @param maxEntries   index entries the index cache holds when full
     * @param stuckEntries index entries kept in memory because their bucket on disk is full
     * @param fullBuckets  index buckets found full; new blocks that belong in them are refused
     */
    public record CacheUse(long lumps, long lumpBytes, long cleanEntries, long dirtyEntries, long maxDirty,
                           long maxEntries, long stuckEntries, long fullBuckets) {
    }

    /** How full the caches are now. */
    public CacheUse cacheUse() {
        return new CacheUse(lumps.size(), lumps.bytes(), cache.cleanCount(), cache.dirtyCount(), cache.maxDirty(),
                cache.maxEntries(), cache.stuckCount(), cache.fullBucketCount());
    }

    /** The arena being filled, or none when every arena is full or the store is read-only. */
    public Optional<Arena> currentArena() {
        return Optional.ofNullable(dataLog.current());
    }

    /**
     * Waits until every sealed arena's score is computed: for tests and tools that check
     * sealed arenas right after filling them.
     */
    public void awaitArenaScores() throws InterruptedException {
        while (scorer != null && !scorer.idle()) {
            Thread.sleep(20);
        }
    }

    /** Flushes the index and the bloom filter, stops the background writers and closes the partitions. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        try {
            flush();
        } catch (IOException e) {
            failed = e;
        }
        stopBackground();
        try {
            partitions.close();
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private void stopBackground() {
        if (indexWriter != null) {
            indexWriter.close();
        }
        if (scorer != null) {
            scorer.close();
        }
    }
}
