package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Counters;
import venti.store.disk.Bucket;
import venti.store.disk.IndexEntry;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * Writes dirty index entries to their buckets in the background (the C {@code icachewrite}).
 *
 * <p>Design. A round first syncs the data log, so the index never points at a clump that
 * is not on disk, then takes every dirty entry below the synced end, sorts them by bucket
 * and sweeps each section once from low buckets to high: a run of buckets up to
 * {@link #SWEEP} bytes long is read whole, the entries are put into it in place, and the
 * buckets that changed are written back, so the disk sees large sequential reads and
 * writes instead of one random access per entry. The bloom filter learns the scores here
 * too, not on the write path: until an entry leaves the index cache, which lookups consult
 * first, the filter is not asked about it. Its changed chunks are written next.
 * Only when everything landed are the entries marked clean and the arenas' disk stats
 * moved forward ({@link DataLog#markIndexed}); a round that fails leaves both as they were,
 * so the next round, or recovery at the next start, writes the entries again.
 *
 * <p>An entry whose bucket is full stays in the cache, readable, and the disk stats stop
 * just before the first such entry, so a restart indexes it again ({@link IndexCache#stuck}).
 *
 * <p>The store starts the thread only after recovery, which writes entries back itself
 * ({@link #writeBack}) while the thread is not yet running. Closing finishes the round under
 * way, if any, and waits for it.
 *
 * <p>Lock order: a round holds no lock of its own while it syncs the log or writes buckets;
 * {@link #lock} guards only the round bookkeeping and is never held while taking another lock.
 *
 * <p>Rounds run when the index cache fills past half its dirty bound, on {@link #flush}, when
 * writes pause for {@link #IDLE_CHECK} with dirty entries waiting, and at the latest
 * {@link #MAX_WAIT} after the last round. Each round touches most of the buckets holding
 * entries, so rounds are made rare and large: many entries per bucket read and written, and
 * none while blocks stream in unless the cache fills. A sealed arena is scored after the round
 * that catches up with it.
 * Thread-safe; one background thread does the writing.
 */
final class IndexWriter extends Worker {

    private static final Logger log = LoggerFactory.getLogger(IndexWriter.class);
    /** Longest run of buckets read and written as one piece. */
    static final int SWEEP = 8 * 1024 * 1024;
    /** How often the writer looks whether writes have paused. */
    static final long IDLE_CHECK = TimeUnit.SECONDS.toNanos(5);
    /** The longest dirty entries wait for a round while writes never pause, which bounds recovery. */
    static final long MAX_WAIT = TimeUnit.MINUTES.toNanos(10);
    /** How often a run of failed rounds is reported again. */
    static final Duration REPEAT_REPORT = Duration.ofMinutes(1);

    private final Index index;
    private final DataLog dataLog;
    private final IndexCache cache;
    private final Bloom bloom;
    private final Counters<StoreCounter> stats;
    private final Condition done = lock.newCondition();
    private long requested;
    private long completed;
    private long failedRound = -1;
    private Exception failure;
    private boolean kicked;
    private long lastAppended = -1;
    private long lastLook = System.nanoTime();
    private long lastRound = System.nanoTime();
    /** Failed rounds since the last that worked, and when that was last logged: the writer thread's own. */
    private long failedRounds;
    private long lastReport;

    IndexWriter(Index index, DataLog dataLog, IndexCache cache, Bloom bloom, Counters<StoreCounter> stats) {
        super("venti index writer", 0);
        this.index = index;
        this.dataLog = dataLog;
        this.cache = cache;
        this.bloom = bloom != null && bloom.isLoaded() ? bloom : null;
        this.stats = stats;
    }

    /** Asks for a round soon; returns at once. */
    void kick() {
        lock.lock();
        try {
            if (!kicked) {
                kicked = true;
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a round that starts after this call and waits for it: on return, every block
     * written before the call is in the index on disk (the C {@code flushicache}).
     */
    void flush() throws IOException {
        lock.lock();
        try {
            long target = ++requested;
            wake.signal();
            while (completed < target) {
                if (closing && !isAlive()) {
                    throw new IOException("index writer stopped before flushing");
                }
                done.await(100, TimeUnit.MILLISECONDS);
            }
            if (failedRound >= target) {
                throw new IOException("index write-back failed: " + failure.getMessage(), failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the index writer");
        } finally {
            lock.unlock();
        }
    }

    @Override
    void run() {
        while (true) {
            long round;
            lock.lock();
            try {
                while (!kicked && requested == completed && !closing && !due()) {
                    wake.awaitNanos(IDLE_CHECK);
                }
                if (closing && requested == completed) {
                    return;
                }
                kicked = false;
                round = requested;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            Exception failed = null;
            try {
                round();
            } catch (IOException | RuntimeException e) {
                failed = e;
            }
            report(failed);
            lock.lock();
            try {
                if (failed != null) {
                    failedRound = round;
                    failure = failed;
                }
                completed = round;
                done.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Logs a failed round: the first of a run of failures with its stack trace, the rest at
     * most once every {@link #REPEAT_REPORT} in one line, and the first round that works again.
     * A disk or cluster that stays down would otherwise print a stack trace every round.
     */
    private void report(Exception failed) {
        if (failed == null) {
            if (failedRounds > 0) {
                log.info("index write-back works again after {} failed rounds", failedRounds);
                failedRounds = 0;
            }
            return;
        }
        long now = System.nanoTime();
        if (failedRounds++ == 0) {
            log.error("index write-back failed: {}; the entries stay in memory and the next round tries again: "
                    + "check the disks of the arenas and index sections", failed.getMessage(), failed);
            lastReport = now;
        } else if (now - lastReport >= REPEAT_REPORT.toNanos()) {
            log.error("index write-back still failing after {} rounds: {}", failedRounds, failed.getMessage());
            lastReport = now;
        }
    }

    /**
     * True when dirty entries wait and writes have paused since the last look, or they have
     * waited {@link #MAX_WAIT}: a round while blocks stream in would compete with them for
     * the disk, and the entries of a longer burst make a cheaper round later.
     */
    private boolean due() {
        long appended = dataLog.appended();
        long now = System.nanoTime();
        boolean paused = appended == lastAppended && now - lastLook >= IDLE_CHECK;
        if (appended != lastAppended || now - lastLook >= IDLE_CHECK) {
            lastAppended = appended;
            lastLook = now;
        }
        return cache.dirtyCount() > 0 && (paused || now - lastRound >= MAX_WAIT);
    }

    private void round() throws IOException {
        lastRound = System.nanoTime();
        long started = System.nanoTime();
        DataLog.Position end = dataLog.sync();
        List<IndexEntry> entries = cache.dirtyBelow(end.end());
        writeBack(entries);
        stats.increment(StoreCounter.INDEX_ROUNDS);
        stats.add(StoreCounter.INDEX_ROUND_NANOS, System.nanoTime() - started);
        long stuck = cache.lowestStuck();
        dataLog.markIndexed(stuck < end.end() ? dataLog.positionAt(stuck) : end);
        log.debug("index write-back: {} entries, log indexed to {}", entries.size(), Math.min(stuck, end.end()));
    }

    /**
     * Writes {@code entries}, dirty entries of clumps already on disk, to their buckets and
     * the bloom filter, and marks them clean; an entry whose bucket is full stays in the
     * cache, readable, as stuck ({@link IndexCache#stuck}). Moves no disk stats: the caller
     * does, up to the first stuck entry. Called by the writer's own rounds and, before the
     * writer starts, by recovery ({@link DataLog#recover}).
     */
    void writeBack(List<IndexEntry> entries) throws IOException {
        // Score order is bucket order (a bucket is a score's first four bytes divided by a constant),
        // without a division in every comparison.
        entries.sort(Bucket.ORDER);
        List<IndexEntry> written = new ArrayList<>(entries.size());
        List<IndexEntry> overflowed = new ArrayList<>();
        for (int from = 0; from < entries.size(); ) {
            IndexSection s = index.sectionOf(index.bucketOf(entries.get(from).score()));
            int to = from;
            while (to < entries.size() && index.bucketOf(entries.get(to).score()) < s.header().stop()) {
                to++;
            }
            writeSection(s, entries.subList(from, to), written, overflowed);
            s.part().force();
            from = to;
        }
        if (bloom != null) {
            written.forEach(e -> bloom.mark(e.score()));
            bloom.write();
        }
        cache.cleaned(written);
        for (IndexEntry e : overflowed) {
            long b = index.bucketOf(e.score());
            if (cache.stuck(e, b)) {
                IndexSection s = index.sectionOf(b);
                log.error("index bucket {} in section {} ({}) is full: its new entries stay in memory and writes of blocks "
                        + "that belong in it are refused; the index is too small for this data: format a larger "
                        + "index section with fmtisect, then fmtindex and buildindex", b, s.name(), s.part().name());
            }
        }
        stats.add(StoreCounter.INDEX_ENTRIES_WRITTEN, written.size());
    }

    /** Writes the entries of one section (sorted by bucket), adding each to {@code written} or {@code overflowed}. */
    private void writeSection(IndexSection s, List<IndexEntry> entries, List<IndexEntry> written,
                              List<IndexEntry> overflowed) throws IOException {
        int bs = s.header().blockSize();
        int magic = s.header().bucketMagic();
        for (int from = 0; from < entries.size(); ) {
            long first = index.bucketOf(entries.get(from).score());
            int to = from;
            long last = first;
            while (to < entries.size()) {
                long b = index.bucketOf(entries.get(to).score());
                if ((b - first + 1) * bs > SWEEP) {
                    break;
                }
                last = b;
                to++;
            }
            int buckets = (int) (last - first + 1);
            ByteBuffer run = s.part().read(s.bucketOffset(first), buckets * bs);
            boolean[] changed = new boolean[buckets];
            for (IndexEntry e : entries.subList(from, to)) {
                long b = index.bucketOf(e.score());
                int at = (int) (b - first) * bs;
                if (Bucket.insert(run, at, bs, magic, e, s.bucketLocation(b))) {
                    changed[at / bs] = true;
                    written.add(e);
                } else {
                    overflowed.add(e);
                }
            }
            for (int i = 0; i < buckets; ) {
                if (!changed[i]) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < buckets && changed[j]) {
                    j++;
                }
                s.part().write(s.bucketOffset(first + i), run.duplicate().limit(j * bs).position(i * bs));
                i = j;
            }
            from = to;
        }
    }
}
