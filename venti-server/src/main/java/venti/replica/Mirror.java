package venti.replica;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.DialAddress;
import venti.store.Arena;
import venti.store.LogPosition;
import venti.store.Store;

/**
 * Copies the data log to a replica, a Venti server of any make, over the ordinary protocol.
 *
 * <p>Design. One thread reads the log back from the arenas ({@link ClumpLog}) from where the
 * replica is known to hold it and sends it in rounds of at most
 * {@link ReplicaOptions#roundBytes()}: each clump a Twrite with its block type, many in flight on
 * one pipelined connection. Once a round's writes are answered, the replica is sent Tsync; only
 * when that returns is the round recorded in the {@link MirrorCursor} file (no further than the
 * log is durable locally, so a cursor never points past clumps a crash could take back) and
 * {@link #replicated()} moved past it, which releases the syncs waiting for it. The next round
 * is read and sent while the sync runs, so a catching-up replica confirms progress every few
 * seconds without its disk's syncs stalling the stream. When the replica holds everything, the thread waits for
 * a sync to wake it, or polls. Restarts and crashes need nothing but the cursor: clumps sent
 * again after a crash are duplicates, which a Venti server acknowledges without storing.
 *
 * <p>A synchronous mirror also holds every sync of the store ({@link #synced}) until the
 * replica has synced the log up to where the local sync ended, for at most
 * {@link ReplicaOptions#syncTimeout()}; then the sync fails with "synced locally; replica
 * ... unreachable". An asynchronous one only wakes its thread.
 *
 * <p>When the replica cannot be reached or fails, the mirror logs one WARN line, retries with
 * exponential backoff, and logs the return at INFO; it resumes from {@link #replicated()}.
 *
 * <p>Thread-safe.
 */
public final class Mirror implements Store.SyncListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Mirror.class);

    private final DialAddress address;
    private final String name;
    private final boolean sync;
    private final Store store;
    private final ClumpLog clumpLog;
    private final Path cursorFile;
    private final ReplicaOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final LongAdder sentClumps = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final Thread thread;
    private boolean kicked;
    private volatile boolean closed;
    private volatile MirrorState state = MirrorState.CONNECTING;
    private volatile LogPosition replicated;
    private volatile String lastError;
    private volatile long behindSince;
    private LogPosition recorded;
    /** Every clump before it has been sent in some round; the mirror thread's own. */
    private LogPosition sent;
    /** The last round sent, whose replies and sync may still be on their way; the mirror thread's own. */
    private Round pending;
    private long catchUpStarted;
    private long catchUpSentBytes;
    private VentiClient client;

    private Mirror(DialAddress address, boolean sync, Store store, Path cursorFile, ReplicaOptions options) {
        this.address = address;
        this.name = address.toString();
        this.sync = sync;
        this.store = store;
        this.clumpLog = new ClumpLog(store.index().arenas());
        this.cursorFile = cursorFile;
        this.options = options;
        this.replicated = startingPoint();
        this.recorded = replicated;
        this.sent = replicated;
        this.thread = Thread.ofPlatform().daemon().name("venti-mirror " + name).unstarted(this::run);
    }

    /**
     * Starts mirroring {@code store} to {@code address}, from the cursor in {@code cursorFile}
     * if there is one that fits the store, else from the beginning of the log, and adds the
     * mirror to the store's sync listeners.
     */
    public static Mirror start(DialAddress address, boolean sync, Store store, Path cursorFile, ReplicaOptions options) {
        Mirror m = new Mirror(address, sync, store, cursorFile, options);
        store.addSyncListener(m);
        m.thread.start();
        return m;
    }

    private LogPosition startingPoint() {
        try {
            Optional<MirrorCursor> cursor = MirrorCursor.read(cursorFile);
            if (cursor.isEmpty()) {
                log.info("mirror {}: no cursor in {}; sending the whole log", name, cursorFile);
                return LogPosition.START;
            }
            LogPosition at = cursor.get().at();
            List<Arena> arenas = clumpLog.arenas();
            if (at.arena() >= arenas.size() || !arenas.get(at.arena()).name().equals(cursor.get().arena())
                    || at.compareTo(clumpLog.end()) > 0) {
                log.warn("mirror {}: cursor {} does not fit this store ({}); sending the whole log", name,
                        cursorFile, at);
                return LogPosition.START;
            }
            log.info("mirror {}: resuming from {}", name, at);
            return at;
        } catch (IOException e) {
            log.warn("mirror {}: {}; sending the whole log", name, e.getMessage());
            return LogPosition.START;
        }
    }

    /** The replica's dial string. */
    public String replica() {
        return name;
    }

    /** Whether syncs wait for the replica. */
    public boolean isSync() {
        return sync;
    }

    /** Every clump before this position is on the replica's stable storage. */
    public LogPosition replicated() {
        return replicated;
    }

    /** The mirror now. */
    public MirrorStatus status() {
        LogPosition at = replicated;
        ClumpLog.Lag lag = clumpLog.distance(at, clumpLog.end());
        long since = behindSince;
        double seconds = lag.clumps() == 0 || since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
        return new MirrorStatus(name, sync, state, at, lag.clumps(), lag.bytes(), seconds, sentClumps.sum(),
                sentBytes.sum());
    }

    /**
     * Wakes the mirror; a synchronous one then waits until the replica holds the log up to
     * {@code end}.
     *
     * @throws IOException "synced locally; replica ... unreachable" (or "did not sync") when it
     *                     does not within the sync timeout
     */
    @Override
    public void synced(LogPosition end) throws IOException {
        kick();
        if (!sync) {
            return;
        }
        long deadline = System.nanoTime() + options.syncTimeout().toNanos();
        lock.lock();
        try {
            while (replicated.compareTo(end) < 0) {
                long left = deadline - System.nanoTime();
                if (closed) {
                    throw new IOException("synced locally; mirror to replica " + name + " is closed");
                }
                if (left <= 0) {
                    throw new IOException(state == MirrorState.FOLLOWING || state == MirrorState.CATCHING_UP
                            ? "synced locally; replica " + name + " did not sync within " + options.syncTimeout()
                            : "synced locally; replica " + name + " unreachable"
                            + (lastError != null ? ": " + lastError : ""));
                }
                progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("synced locally; interrupted waiting for replica " + name);
        } finally {
            lock.unlock();
        }
    }

    /** Makes the mirror look at the log now rather than at its next poll. */
    void kick() {
        lock.lock();
        try {
            kicked = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoff = options.retryFirst().toNanos();
        boolean warned = false;
        while (!closed) {
            try {
                LogPosition end = clumpLog.end();
                if (replicated.compareTo(end) < 0 && behindSince == 0) {
                    behindSince = System.nanoTime();
                }
                if (client == null) {
                    client = VentiClient.connect(address, ClientOptions.DEFAULT
                            .withConnectTimeout(options.connectTimeout()).withRequestTimeout(options.requestTimeout()));
                    if (warned) {
                        log.info("mirror {}: replica reachable again; resuming from {}", name, replicated);
                        warned = false;
                    }
                    backoff = options.retryFirst().toNanos();
                    lastError = null;
                }
                if (sent.compareTo(end) >= 0) {
                    settle();
                    if (state == MirrorState.CATCHING_UP) {
                        reportCaughtUp();
                    }
                    state = MirrorState.FOLLOWING;
                    behindSince = 0;
                    record(replicated);
                    awaitWork(options.poll().toNanos());
                    continue;
                }
                round(end);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                lastError = e.getMessage();
                state = MirrorState.UNREACHABLE;
                dropClient();
                pending = null;
                sent = replicated;
                if (!warned) {
                    log.warn("mirror {}: replica unreachable or failing ({}); retrying with backoff from {}", name,
                            e.getMessage(), replicated);
                    warned = true;
                } else {
                    log.debug("mirror {}: still failing: {}", name, e.toString());
                }
                awaitWork(backoff);
                backoff = Math.min(backoff * 2, options.retryMax().toNanos());
            }
        }
        state = MirrorState.CLOSED;
        dropClient();
    }

    /** Logs how fast a catch-up went, from when it started. */
    private void reportCaughtUp() {
        double seconds = (System.nanoTime() - catchUpStarted) / 1e9;
        double mb = (sentBytes.sum() - catchUpSentBytes) / 1e6;
        log.info(String.format(Locale.ROOT, "mirror %s: caught up: %.1f MB of blocks in %.1f s, %.1f MB/s",
                name, mb, seconds, mb / seconds));
    }

    /** A round of clumps sent: the log position after its last, and its replies and the sync after them. */
    private record Round(LogPosition end, CompletableFuture<Void> synced) {
    }

    /**
     * Sends one round of clumps from {@link #sent}, has the replica sync them once they are
     * answered, and meanwhile settles the round before it: the replica's sync, which waits for
     * its disk, overlaps the reading and sending of the next round instead of stalling it.
     */
    private void round(LogPosition end) throws IOException {
        boolean far = clumpLog.distance(sent, end).bytes() > options.roundBytes();
        if (far && state != MirrorState.CATCHING_UP) {
            catchUpStarted = System.nanoTime();
            catchUpSentBytes = sentBytes.sum();
        }
        state = far || state == MirrorState.CATCHING_UP ? MirrorState.CATCHING_UP : MirrorState.FOLLOWING;
        List<CompletableFuture<?>> writes = new ArrayList<>();
        VentiClient c = client;
        LogPosition next = clumpLog.read(sent, options.roundBytes(), clump -> {
            int bytes = clump.data().length;
            writes.add(c.writeAsync(clump.type(), clump.data()).thenAccept(score -> {
                if (!score.equals(clump.score())) {
                    log.warn("mirror {}: clump at {} holds a block whose SHA-1 is {}, not its score {}: damaged; "
                            + "the replica got the damaged bytes under their own score", name, clump.where(), score,
                            clump.score());
                }
                sentClumps.increment();
                sentBytes.add(bytes);
            }));
        });
        CompletableFuture<Void> synced = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> {
                    try {
                        c.sync();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                }, r -> Thread.ofVirtual().name("venti-mirror sync " + name).start(r));
        sent = next;
        settle();
        pending = new Round(next, synced);
    }

    /**
     * Waits for the round in flight, if any, to be answered and synced, then records it in the
     * cursor and moves {@link #replicated()} past it, which releases the syncs waiting for it.
     */
    private void settle() throws IOException {
        Round r = pending;
        if (r == null) {
            return;
        }
        pending = null;
        try {
            r.synced().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        record(r.end());
        lock.lock();
        try {
            replicated = r.end();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Writes the cursor file for {@code at}, or for the local durable end when that is earlier. */
    private void record(LogPosition at) {
        LogPosition durable = LogPosition.min(at, store.durableEnd());
        if (durable.equals(recorded)) {
            return;
        }
        try {
            new MirrorCursor(name, clumpLog.arenas().get(durable.arena()).name(), durable).write(cursorFile);
            recorded = durable;
        } catch (IOException e) {
            log.warn("mirror {}: cannot record the cursor in {}: {}", name, cursorFile, e.getMessage());
        }
    }

    private void awaitWork(long nanos) {
        lock.lock();
        try {
            if (!kicked && !closed) {
                work.awaitNanos(nanos);
            }
            kicked = false;
        } catch (InterruptedException e) {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void dropClient() {
        VentiClient c = client;
        client = null;
        if (c != null) {
            Thread.ofVirtual().start(c::close);
        }
    }

    /**
     * Stops the mirror thread and closes the connection, waiting up to 10 seconds for the round
     * in progress (an interrupt does not cut the wait short: the store closes next); clumps not
     * yet confirmed are sent after the next start.
     */
    @Override
    public void close() {
        store.removeSyncListener(this);
        closed = true;
        lock.lock();
        try {
            work.signalAll();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean interrupted = false;
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "mirror " + name + (sync ? " (sync)" : "");
    }
}
