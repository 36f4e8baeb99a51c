package venti.store.admin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Clump;
import venti.store.Part;
import venti.store.disk.ArenaHead;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * rdarena and wrarena: an arena's bytes copied out of its partition, and an arena's blocks
 * sent to a Venti server (the C tools, with their messages). Together they move an arena
 * from one store to another: {@code rdarena part arena > file} and then
 * {@code wrarena -h host file}.
 *
 * <p>wrarena reads the arena's directory and each clump it lists, checks the block against
 * its score, and writes it to the server with up to {@link #IN_FLIGHT} writes outstanding;
 * it ends with a sync, so every block sent is stored when it returns.
 */
public final class ArenaCopy {

    /** Bytes read at a time by rdarena (the C {@code MaxIoSize}, or the arena's block size if larger). */
    private static final int CHUNK = 64 * 1024;
    /** Writes outstanding to the server at once. */
    static final int IN_FLIGHT = 32;
    /** Directory entries read at a time. */
    private static final int DIRECTORY_CHUNK = 4096;

    private ArenaCopy() {
    }

    /**
     * rdarena: writes the whole arena {@code name} of {@code part}, head to trailer, to
     * {@code out}. A range that cannot be read is reported and written as zeros.
     *
     * @param quiet   print nothing about the arena
     * @param verbose print the partition first
     * @throws StoreException when the partition has no such arena
     */
    public static void read(Part part, String name, boolean quiet, boolean verbose, OutputStream out,
                            Progress progress, PrintWriter err) throws IOException {
        ArenaPartition ap = ArenaPartition.open(part);
        if (verbose) {
            Print.arenaPart(part, err, err);
        }
        Arena arena = ap.arenas().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new StoreException(Severity.ADMIN, "couldn't find arena " + name));
        if (!quiet) {
            err.printf("copying %s to standard output\n", arena.name());
            ToolOutput.arenaSummary(arena, err);
        }
        err.flush();
        int chunk = Math.max(CHUNK, arena.blockSize());
        byte[] buf = new byte[chunk];
        long end = arena.start() + arena.size();
        try (Progress.Meter m = progress.start("rdarena " + name, arena.size(), "B")) {
            for (long a = arena.start(); a < end; a += chunk) {
                int n = (int) Math.min(chunk, end - a);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                try {
                    part.read(a, b);
                } catch (IOException e) {
                    err.printf("can't copy %s, read at %d failed: %s\n", arena.name(), a, e.getMessage());
                    java.util.Arrays.fill(buf, (byte) 0);
                }
                out.write(buf, 0, n);
                m.step(n);
            }
        }
        out.flush();
        err.flush();
    }

    /**
     * How wrarena sends: where the arena is, what to print, and the C tool's flags.
     *
     * @param fileOffset    where the single arena starts in the file
     * @param clumpOffset   send only the clumps from this arena address on
     * @param showEndOffset print where the sent clumps end (the C tool does with {@code -o})
     * @param verbose       print each block's score on {@code out} as it is sent
     * @param fast          skip the check of each clump against its score and type ({@code -f}); the
     *                      server still hashes what it stores
     * @param maxWrites     send at most this many clumps ({@code -M}); negative for no limit
     */
    public record Sending(long fileOffset, long clumpOffset, boolean showEndOffset, boolean verbose, boolean fast,
                          long maxWrites) {
    }

    /**
     * wrarena: sends the blocks of the arenas in {@code part} to {@code server}. The part is
     * an arena partition (every arena is sent), or holds one arena at the file offset (as
     * rdarena writes it).
     *
     * @param server where to write, or null to only read and check the clumps
     * @return false when a clump could not be read or did not match its score
     */
    public static boolean write(Part part, Sending how, BlockStore server, Progress progress, PrintWriter out,
                                PrintWriter err) throws IOException {
        List<Arena> arenas;
        boolean whole;
        ArenaPartition ap = asPartition(part);
        if (ap != null) {
            arenas = ap.arenas();
            whole = true;
        } else {
            long fileOffset = how.fileOffset();
            Location where = new Location(part.name(), fileOffset);
            ArenaHead head = ArenaHead.unpack(part.read(fileOffset, (int) Math.min(Layout.HEAD_SIZE,
                    Math.max(0, part.size() - fileOffset))), 0, where);
            if (fileOffset + head.size() > part.size()) {
                throw where.corrupt("arena is truncated: want " + head.size() + " bytes have " + (part.size() - fileOffset));
            }
            arenas = List.of(Arena.open(part, fileOffset, head.size(), head.blockSize()));
            whole = false;
        }
        out.printf("%s starting to send data\n", ToolOutput.stamp());
        out.flush();
        boolean ok = true;
        long end = 0;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            Sender s = new Sender(server, senders, how.verbose(), out, how.maxWrites());
            for (Arena a : arenas) {
                long from = whole ? 0 : how.clumpOffset();
                if (from != 0 && from >= a.dataSize()) {
                    throw new IllegalArgumentException(String.format("bad offset %#x >= %#x", from, a.dataSize()));
                }
                err.printf("wrarena: copying %s to venti\n", a.name());
                ToolOutput.arenaSummary(a, err);
                err.flush();
                Sent r = sendArena(a, from, how.fast(), s, progress, err);
                ok &= !r.badClump();
                end = Math.max(from, r.end());
            }
            s.finish();
        }
        if (server != null) {
            server.sync();
        }
        if (how.showEndOffset()) {
            out.printf("end offset %#x\n", end);
        }
        out.printf("%s sent all data\n", ToolOutput.stamp());
        out.flush();
        err.flush();
        return ok;
    }

    private static ArenaPartition asPartition(Part part) throws IOException {
        try {
            return ArenaPartition.open(part);
        } catch (CorruptException | IOException e) {
            return null;
        }
    }

    /** What sending an arena's clumps did: the arena address where they end, and whether one was bad. */
    private record Sent(long end, boolean badClump) {
    }

    /** Sends the clumps of {@code a} from arena address {@code from}. */
    private static Sent sendArena(Arena a, long from, boolean fast, Sender s, Progress progress, PrintWriter err)
            throws IOException {
        long clumps = a.trailer().memStats().clumps();
        long aa = 0;
        long bad = 0;
        try (Progress.Meter m = progress.start("wrarena " + a.name(), clumps, " clumps")) {
            scan:
            for (long c = 0; c < clumps && !s.full(); c += DIRECTORY_CHUNK) {
                List<ClumpInfo> infos = a.readClumpInfos(c, (int) Math.min(DIRECTORY_CHUNK, clumps - c));
                for (ClumpInfo ci : infos) {
                    if (s.full()) {
                        break scan;
                    }
                    long at = aa;
                    aa += ClumpHeader.SIZE + ci.size();
                    if (at < from || ci.type() == BlockType.CORRUPT) {
                        if (ci.type() == BlockType.CORRUPT) {
                            err.printf("wrarena: corrupt clump read at %#x: +%d\n", at, ClumpHeader.SIZE + ci.size());
                        }
                        continue;
                    }
                    Clump clump;
                    try {
                        clump = a.readClump(at, IndexEntry.blocksFor(ci.size()));
                    } catch (CorruptException e) {
                        err.printf("clump %#x failed to read: %s\n", at, e.getMessage());
                        bad++;
                        continue;
                    }
                    if (!fast && !clump.computeScore().equals(clump.header().info().score())) {
                        err.printf("clump %#x has mismatched score\n", at);
                        bad++;
                        break scan;
                    }
                    s.send(clump);
                }
                m.step(infos.size());
            }
        }
        err.flush();
        return new Sent(aa, bad != 0);
    }

    /** Writes blocks to the server from several threads, a bounded number at a time, and fails on the first error. */
    private static final class Sender {
        private final BlockStore server;
        private final ExecutorService pool;
        private final boolean verbose;
        private final PrintWriter out;
        private final Semaphore room = new Semaphore(IN_FLIGHT);
        private final List<Future<?>> pending = new ArrayList<>();
        private long left;

        Sender(BlockStore server, ExecutorService pool, boolean verbose, PrintWriter out, long maxWrites) {
            this.server = server;
            this.pool = pool;
            this.verbose = verbose;
            this.out = out;
            this.left = maxWrites;
        }

        /** True when the -M limit is reached. */
        boolean full() {
            return left == 0;
        }

        void send(Clump c) throws IOException {
            if (left > 0) {
                left--;
            }
            if (server == null) {
                return;
            }
            try {
                room.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("wrarena interrupted");
            }
            ClumpInfo info = c.header().info();
            pending.add(pool.submit(() -> {
                try {
                    Score got = server.write(info.type(), c.data(), 0, c.data().length);
                    if (!got.equals(info.score())) {
                        throw new IOException("server stored " + info.score() + " as " + got);
                    }
                    if (verbose) {
                        synchronized (out) {
                            out.println(info.score());
                        }
                    }
                    return null;
                } finally {
                    room.release();
                }
            }));
            if (pending.size() >= 4 * IN_FLIGHT) {
                finish();
            }
        }

        /** Waits for every write sent; rethrows the first failure. */
        void finish() throws IOException {
            try {
                for (Future<?> f : pending) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("wrarena interrupted");
            } catch (ExecutionException e) {
                pending.forEach(f -> f.cancel(true));
                throw new IOException("failed writing clump: " + e.getCause().getMessage(), e.getCause());
            } finally {
                pending.clear();
            }
        }
    }
}
