package venti.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockType;
import venti.core.Counters;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.IndexEntry;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * The data log: the arenas of the index, in index order, as one append-only log of clumps,
 * and the store's only writer of arenas.
 *
 * <p>Design. Appends are serialised by one lock, held only for the append itself: the
 * caller has already hashed and compressed the block. Each append goes to the arena being
 * filled; when it does not fit, that arena is sealed and the next one takes over (the C
 * {@code writeiclump}). The clump's index entry enters the {@link IndexCache} as dirty under
 * the same lock, so every clump below the log's end always has its entry in the cache or on
 * disk.
 *
 * <p>Durability is group commit: {@link #sync} writes the directory block being filled,
 * forces the arena partitions, then writes the trailers of the arenas that changed and
 * forces again, so a trailer never counts a clump that is not on disk. Concurrent syncs wait
 * for one another, and one that finds its appends already forced by another returns at once.
 *
 * <p>The index lags behind the log. Each trailer records in its disk stats how far the index
 * on disk has caught up ({@link #markIndexed}); on open, the clumps past that point are put
 * back into the index cache as dirty ({@link #recover}), and the clumps past the trailer's
 * memory stats are found again by {@link SyncArena}.
 *
 * <p>Thread-safe. Lock order: {@code syncLock} before {@code lock}, never the other way;
 * {@code lock} is held only for short in-memory work and the writes of one append or one
 * directory block, never while waiting for another thread. In particular nothing waits for
 * the {@link IndexWriter} under either lock: its rounds begin with {@link #sync}, which
 * takes both. {@link IndexCache#putDirty} may run under {@code lock}, since it never waits;
 * {@link IndexCache#awaitRoom} must not.
 */
final class DataLog {

    private static final Logger log = LoggerFactory.getLogger(DataLog.class);

    /** Where the log ends: the arena being filled (or the last one) and its stats. */
    record Position(int arena, TailStats stats, long end) {

        LogPosition log() {
            return new LogPosition(arena, stats.clumps(), stats.used());
        }
    }

    private final Index index;
    private final List<Arena> arenas;
    private final IndexCache cache;
    private final boolean readOnly;
    private final Counters<StoreCounter> stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Set<Arena> unsynced = new LinkedHashSet<>();
    private volatile Consumer<Arena> onSealed = a -> {
    };
    private int current;
    private ArenaWriter writer;
    private volatile long appended;
    private long synced = -1;
    private volatile Position lastSync;

    DataLog(Index index, IndexCache cache, boolean readOnly, Counters<StoreCounter> stats) {
        this.index = index;
        this.arenas = index.arenas();
        this.cache = cache;
        this.readOnly = readOnly;
        this.stats = stats;
    }

    /** Called, without locks held, for each arena whose index has caught up with it once sealed. */
    void onSealed(Consumer<Arena> f) {
        this.onSealed = f;
    }

    /** Writes index entries to disk before the index writer runs: {@link IndexWriter#writeBack}. */
    @FunctionalInterface
    interface WriteBack {
        void write(List<IndexEntry> entries) throws IOException;
    }

    /**
     * Recovers after whatever ended the last run: finds clumps past each unsealed arena's
     * trailer, puts every clump the index on disk lacks into the index cache, and picks the
     * arena to fill (the C {@code syncindex}). Read-only stores repair nothing on disk but
     * still index the unindexed clumps in memory, so every block reads.
     *
     * <p>Runs before the store is in use and before the index writer starts. The log's end is
     * settled under the lock; the unindexed clumps are then indexed without it, in batches:
     * whenever the dirty entries reach the cache's bound, {@code writeBack} (null for a
     * read-only store, which keeps them all in memory) puts them in their buckets at once. So
     * recovery finishes for any backlog and any cache size. No disk stats move here: the
     * index writer's first round moves them once every entry below the log's end is on disk
     * or in the cache, and a crash during recovery only means indexing the same clumps again.
     */
    void recover(Consumer<String> report, WriteBack writeBack) throws IOException {
        lock.lock();
        try {
            for (Arena a : arenas) {
                if (a.trailer().memStats().sealed()) {
                    continue;
                }
                SyncArena.Result r = SyncArena.sync(a, Long.MAX_VALUE, true, !readOnly, report);
                if (!r.serious().isEmpty()) {
                    report.accept("arena " + a.name() + ": " + r.serious());
                }
                if (r.changed() && !readOnly) {
                    a.storeTrailer(a.trailer());
                    a.part().force();
                }
            }
            sealBeforeLastWritten(report);
            current = 0;
            while (current < arenas.size() && arenas.get(current).trailer().memStats().sealed()) {
                current++;
            }
            writer = readOnly || current == arenas.size() ? null : new ArenaWriter(arenas.get(current));
            if (!arenas.isEmpty()) {
                lastSync = positionLocked();
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < arenas.size(); i++) {
            indexUnindexed(i, report, writeBack);
        }
        for (Arena a : arenas) {
            ArenaTrailer t = a.trailer();
            if (!readOnly && t.diskStats().sealed() && !t.isScored()) {
                onSealed.accept(a);
            }
        }
    }

    /**
     * Seals every open arena before the last one holding clumps. The log only moves to the
     * next arena after sealing the full one, so such an arena was sealed in memory and the
     * process died before a sync wrote its trailer; left open, it would split the log in
     * two and the index would never catch up with the later arena.
     */
    private void sealBeforeLastWritten(Consumer<String> report) throws IOException {
        int last = arenas.size() - 1;
        while (last >= 0 && arenas.get(last).trailer().memStats().clumps() == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            Arena a = arenas.get(i);
            ArenaTrailer t = a.trailer();
            if (t.memStats().sealed()) {
                continue;
            }
            report.accept("arena " + a.name() + ": sealed; a later arena holds clumps");
            a.setTrailer(t.repaired(t.memStats().seal(), t.ctime(), t.wtime()));
            if (!readOnly) {
                a.storeTrailer(a.trailer());
                a.part().force();
            }
        }
    }

    private void indexUnindexed(int i, Consumer<String> report, WriteBack writeBack) throws IOException {
        Arena a = arenas.get(i);
        TailStats disk = a.trailer().diskStats();
        TailStats mem = a.trailer().memStats();
        if (disk.clumps() >= mem.clumps()) {
            return;
        }
        report.accept(a.name() + ": indexing " + (mem.clumps() - disk.clumps()) + " clumps...");
        long address = mapStart(i) + disk.used();
        final int batch = 1024;
        for (long c = disk.clumps(); c < mem.clumps(); c += batch) {
            for (ClumpInfo ci : a.readClumpInfos(c, (int) Math.min(batch, mem.clumps() - c))) {
                if (ci.type() != BlockType.CORRUPT) {
                    cache.putDirty(new IndexEntry(ci.score(), address, ci.uncompressedSize(), ci.type(),
                            IndexEntry.blocksFor(ci.size())));
                }
                address += ClumpHeader.SIZE + ci.size();
            }
            if (writeBack != null && cache.dirtyCount() >= cache.maxDirty()) {
                writeBack.write(cache.dirtyBelow(Long.MAX_VALUE));
            }
        }
    }

    /**
     * The log position just before the clump at index address {@code address}, which lies in
     * the synced log at or past its arena's disk stats: where the disk stats may move to when
     * that clump's entry could not be written.
     */
    Position positionAt(long address) throws IOException {
        int i = 0;
        while (i < arenas.size() - 1 && mapStart(i + 1) <= address) {
            i++;
        }
        Arena a = arenas.get(i);
        TailStats d = a.trailer().diskStats();
        TailStats s = new TailStats(d.clumps(), d.compressedClumps(), d.used(), d.uncompressedSize(), false);
        long clumps = a.trailer().memStats().clumps();
        while (mapStart(i) + s.used() < address && s.clumps() < clumps) {
            for (ClumpInfo ci : a.readClumpInfos(s.clumps(), (int) Math.min(1024, clumps - s.clumps()))) {
                if (mapStart(i) + s.used() >= address) {
                    break;
                }
                s = s.plus(ci.size(), ci.uncompressedSize());
            }
        }
        return new Position(i, s, mapStart(i) + s.used());
    }

    private long mapStart(int i) {
        return index.config().arenas().get(i).start();
    }

    /**
     * Appends a clump and returns its index entry, or the entry of the same block if another
     * writer stored it first. {@code buf} holds the payload at {@link ClumpHeader#SIZE} and has
     * room for the header before it and {@link ClumpHeader#END_MARK} bytes after it.
     *
     * @throws StoreException "no space left in arenas" when every arena is full
     */
    IndexEntry append(byte[] buf, ClumpInfo info, ClumpEncoding encoding) throws IOException {
        return append(buf, info, encoding, true);
    }

    /**
     * Appends a clump even when the block is stored already, and points its index entry at
     * the new clump: a fresh copy of a block whose clump is damaged. The damaged clump stays
     * where it is; the log is write-once.
     */
    IndexEntry appendCopy(byte[] buf, ClumpInfo info, ClumpEncoding encoding) throws IOException {
        return append(buf, info, encoding, false);
    }

    private IndexEntry append(byte[] buf, ClumpInfo info, ClumpEncoding encoding, boolean dedup) throws IOException {
        if (readOnly) {
            throw new StoreException(Severity.OK, "read-only store: writes are refused");
        }
        BlockKey key = new BlockKey(info.score(), info.type().diskType());
        lock.lock();
        try {
            IndexEntry had = dedup ? cache.get(key) : null;
            if (had != null) {
                stats.increment(StoreCounter.BLOCKS_DUPLICATE);
                return had;
            }
            ArenaWriter w = writerFor(info.size());
            long aa = w.append(buf, new ClumpHeader(info, encoding, 0, Clock.now()));
            unsynced.add(w.arena());
            IndexEntry e = new IndexEntry(info.score(), mapStart(current) + aa, info.uncompressedSize(), info.type(),
                    IndexEntry.blocksFor(info.size()));
            cache.putDirty(e);
            appended++;
            stats.increment(StoreCounter.BLOCKS_NEW);
            stats.add(StoreCounter.NEW_BYTES, info.uncompressedSize());
            stats.add(StoreCounter.STORED_BYTES, info.size());
            if (encoding != ClumpEncoding.NONE) {
                stats.increment(StoreCounter.COMPRESSED_CLUMPS);
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    private ArenaWriter writerFor(int payload) throws IOException {
        while (writer != null && !writer.fits(payload)) {
            Arena full = writer.arena();
            log.info("arena {} is full: sealing it, and writing on in the next", full.name());
            writer.seal();
            unsynced.add(full);
            do {
                current++;
            } while (current < arenas.size() && arenas.get(current).trailer().memStats().sealed());
            writer = current < arenas.size() ? new ArenaWriter(arenas.get(current)) : null;
            if (writer == null) {
                log.error("no space left in arenas: the last arena, {}, is full and every new block is refused; "
                        + "add arenas: fmtarenas a new partition, name it in venti.conf, run fmtindex -a and restart",
                        full.name());
            }
        }
        if (writer == null) {
            throw new StoreException(Severity.ADMIN, "no space left in arenas");
        }
        return writer;
    }

    /** Where the log was last made durable (after recovery, where it ended). */
    LogPosition durableEnd() {
        Position p = lastSync;
        return p == null ? LogPosition.START : p.log();
    }

    /** Clumps appended since the log was opened: a clock for noticing that writes have paused. */
    long appended() {
        return appended;
    }

    /**
     * Makes every clump appended before this call durable, with the trailers that count
     * them, and returns where the durable log ends.
     */
    Position sync() throws IOException {
        return sync(appended, false);
    }

    private Position sync(long target, boolean always) throws IOException {
        syncLock.lock();
        try {
            if (!always && synced >= target && lastSync != null) {
                return lastSync;
            }
            long started = System.nanoTime();
            List<Arena> changed;
            List<ArenaTrailer> trailers;
            long count;
            Position end;
            lock.lock();
            try {
                if (writer != null) {
                    writer.writeDirectory();
                }
                count = appended;
                end = positionLocked();
                changed = List.copyOf(unsynced);
                unsynced.clear();
                trailers = changed.stream().map(Arena::trailer).toList();
            } finally {
                lock.unlock();
            }
            try {
                Set<Part> parts = new LinkedHashSet<>();
                changed.forEach(a -> parts.add(a.part()));
                if (writer != null) {
                    parts.add(writer.arena().part());
                }
                for (Part p : parts) {
                    p.force();
                }
                for (int i = 0; i < changed.size(); i++) {
                    changed.get(i).storeTrailer(trailers.get(i));
                }
                for (Part p : parts) {
                    p.force();
                }
            } catch (IOException | RuntimeException e) {
                lock.lock();
                try {
                    unsynced.addAll(changed);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
            synced = count;
            lastSync = end;
            stats.increment(StoreCounter.SYNCS);
            stats.add(StoreCounter.SYNC_NANOS, System.nanoTime() - started);
            return end;
        } finally {
            syncLock.unlock();
        }
    }

    private Position positionLocked() {
        int i = Math.min(current, arenas.size() - 1);
        TailStats s = arenas.get(i).trailer().memStats();
        return new Position(i, s, mapStart(i) + s.used());
    }

    /**
     * Records that the index on disk now holds every clump before {@code p}, a position an
     * earlier {@link #sync} returned: the disk stats of the arenas up to it move forward
     * (the C {@code setatailstate}), and arenas now sealed and fully indexed get their score.
     */
    void markIndexed(Position p) throws IOException {
        List<Arena> sealedNow = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i <= p.arena(); i++) {
                Arena a = arenas.get(i);
                ArenaTrailer t = a.trailer();
                TailStats disk = i < p.arena() ? t.memStats() : p.stats();
                if (disk.equals(t.diskStats())) {
                    continue;
                }
                a.setTrailer(t.indexed(disk));
                unsynced.add(a);
                if (disk.sealed() && !t.isScored()) {
                    sealedNow.add(a);
                }
            }
        } finally {
            lock.unlock();
        }
        sync(appended, true);
        sealedNow.forEach(onSealed);
    }

    /** Stores a sealed arena's score in its trailer. */
    void storeScore(Arena a, venti.core.Score score) throws IOException {
        syncLock.lock();
        try {
            ArenaTrailer t;
            lock.lock();
            try {
                t = a.trailer().scored(score);
                a.setTrailer(t);
            } finally {
                lock.unlock();
            }
            a.storeTrailer(t);
            a.part().force();
        } finally {
            syncLock.unlock();
        }
    }

    /** The arena being filled, or null when every arena is full or the store is read-only. */
    Arena current() {
        lock.lock();
        try {
            return writer == null ? null : writer.arena();
        } finally {
            lock.unlock();
        }
    }
}
