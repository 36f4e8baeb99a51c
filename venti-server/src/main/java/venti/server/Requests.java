package venti.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Counters;
import venti.core.Score;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.wire.Message;
import venti.wire.Rerror;
import venti.wire.Rread;
import venti.wire.Rsync;
import venti.wire.Rwrite;
import venti.wire.Tread;

/**
 * What each request does to the store, and the reply it gets: the body of the C server's
 * request loop, with no sockets in it.
 *
 * <p>Three answers are the server's own, given before the store is asked, exactly as the C
 * server gives them: a read of the all-zero score returns an empty block (the C server's
 * empty block is {@link Score#ZERO}, not the SHA-1 of nothing); a zero-byte write returns
 * {@link Score#EMPTY} and stores nothing; a block over {@link BlockStore#MAX_BLOCK} is "lump
 * too large". A read-only server refuses writes before anything else and answers sync without
 * asking the store, which it has not written to. Whatever the store throws becomes an
 * {@code Rerror} with the exception's text, which for {@link BlockStoreException} is the C
 * server's wording.
 *
 * <p>Ordering within a connection is the caller's: it passes a {@link PriorWrites} that waits
 * for the writes the same client sent before this request. A sync waits for them first (so
 * it covers every write sent before it, as venti(7) promises), and a read that finds nothing
 * waits for them and looks once more (so a client that pipelines a write and a read of the
 * same block gets it, as from the C server's one-at-a-time loop).
 *
 * <p>Each request is counted in the server's {@link Counters}: answered or failed, its
 * bytes, and the time it took; reads' and writes' times go in {@link LatencyHistogram}s too.
 *
 * <p>Stateless but for its store and counters; thread-safe.
 */
final class Requests {

    static final String UNKNOWN_REQUEST = "unknown request";
    static final String READ_ONLY = "read only";

    private static final Logger log = LoggerFactory.getLogger(Requests.class);

    /** Waits until the writes a connection received before some request are answered. */
    @FunctionalInterface
    interface PriorWrites {
        /** Returns true when there were any, so that looking again may help. */
        boolean await() throws InterruptedException;

        PriorWrites NONE = () -> false;
    }

    private final BlockStore store;
    private final boolean readOnly;
    private final Counters<ServerCounter> stats;
    private final LatencyHistogram readTimes;
    private final LatencyHistogram writeTimes;

    Requests(BlockStore store, boolean readOnly, Counters<ServerCounter> stats, LatencyHistogram readTimes,
             LatencyHistogram writeTimes) {
        this.store = store;
        this.readOnly = readOnly;
        this.stats = stats;
        this.readTimes = readTimes;
        this.writeTimes = writeTimes;
    }

    boolean readOnly() {
        return readOnly;
    }

    Message read(Tread request, PriorWrites prior) {
        long started = System.nanoTime();
        Message reply = readBlock(request, prior);
        if (reply instanceof Rread r) {
            stats.add(ServerCounter.READ_BYTES, r.data().length);
        }
        return counted(reply, started, ServerCounter.READS, ServerCounter.READS_FAILED,
                ServerCounter.READ_NANOS, readTimes);
    }

    private Message readBlock(Tread request, PriorWrites prior) {
        int tag = request.tag();
        if (request.score().isZero()) {
            return new Rread(tag, new byte[0]);
        }
        int max = (int) Math.min(request.count(), Integer.MAX_VALUE);
        try {
            try {
                return new Rread(tag, store.read(request.score(), request.blockType(), max));
            } catch (BlockNotFoundException e) {
                if (!prior.await()) {
                    throw e;
                }
                return new Rread(tag, store.read(request.score(), request.blockType(), max));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            return failed(tag, request.name(), e);
        }
    }

    /** A Twrite whose block is {@code len} bytes of {@code message} from {@code off}. */
    Message write(int tag, BlockType type, byte[] message, int off, int len) {
        long started = System.nanoTime();
        Message reply = writeBlock(tag, type, message, off, len);
        if (reply instanceof Rwrite) {
            stats.add(ServerCounter.WRITE_BYTES, len);
        }
        return counted(reply, started, ServerCounter.WRITES, ServerCounter.WRITES_FAILED,
                ServerCounter.WRITE_NANOS, writeTimes);
    }

    private Message writeBlock(int tag, BlockType type, byte[] message, int off, int len) {
        if (readOnly) {
            return new Rerror(tag, READ_ONLY);
        }
        if (len == 0) {
            return new Rwrite(tag, Score.EMPTY);
        }
        if (len > BlockStore.MAX_BLOCK) {
            return new Rerror(tag, BlockStoreException.lumpTooLarge().getMessage());
        }
        try {
            return new Rwrite(tag, store.write(type, message, off, len));
        } catch (IOException | RuntimeException e) {
            return failed(tag, "Twrite", e);
        }
    }

    Message sync(int tag, PriorWrites prior) {
        long started = System.nanoTime();
        return counted(syncStore(tag, prior), started, ServerCounter.SYNCS, ServerCounter.SYNCS_FAILED,
                ServerCounter.SYNC_NANOS, null);
    }

    private Message syncStore(int tag, PriorWrites prior) {
        if (readOnly) {
            return new Rsync(tag);
        }
        try {
            prior.await();
            store.sync();
            return new Rsync(tag);
        } catch (IOException | RuntimeException | InterruptedException e) {
            return failed(tag, "Tsync", e);
        }
    }

    /** Counts a request that began at {@code started}, and its time in {@code times} unless that is null. */
    private Message counted(Message reply, long started, ServerCounter ok, ServerCounter failed,
                            ServerCounter nanos, LatencyHistogram times) {
        long took = System.nanoTime() - started;
        stats.add(nanos, took);
        if (times != null) {
            times.record(took);
        }
        stats.increment(reply instanceof Rerror ? failed : ok);
        return reply;
    }

    private static Rerror failed(int tag, String request, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return error(tag, "server shutting down");
        }
        logFailure(request, tag, e);
        return error(tag, e.getMessage() != null ? e.getMessage() : e.getClass().getName());
    }

    /**
     * Logs a failed request where an operator looks: damage on disk and I/O errors (EIO,
     * ENOSPC) at WARN with the request type; what the client asked for wrongly, or a store
     * condition already logged once where it arose (a full store, a full index bucket), at DEBUG.
     */
    private static void logFailure(String request, int tag, Exception e) {
        switch (e) {
            case StoreException se when se.severity() == Severity.CORRUPT || se.severity() == Severity.INDEX_CORRUPT
                    || se.severity() == Severity.INCONSISTENT ->
                    log.warn("{} (tag {}) failed: {}; run checkarenas and checkindex on the store", request, tag,
                            e.getMessage());
            case BlockStoreException b -> log.debug("{} (tag {}): {}", request, tag, e.getMessage());
            case InterruptedIOException i -> log.debug("{} (tag {}): {}", request, tag, e.toString());
            case IOException io -> log.warn("{} (tag {}) failed: {}", request, tag, e.toString());
            default -> log.warn("{} (tag {}) failed unexpectedly", request, tag, e);
        }
    }

    /** An Rerror with {@code text} made sendable: no NUL, at most {@link Message#MAX_STRING} bytes. */
    static Rerror error(int tag, String text) {
        String s = text.replace('\0', ' ');
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > Message.MAX_STRING) {
            int end = Message.MAX_STRING;
            while ((utf8[end] & 0xc0) == 0x80) {
                end--;
            }
            s = new String(utf8, 0, end, StandardCharsets.UTF_8);
        }
        return new Rerror(tag, s);
    }
}
