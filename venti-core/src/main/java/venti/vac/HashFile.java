package venti.vac;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Score;

/**
 * Reads the stream an {@link Entry} names (libventi's VtFile, read side): a hash tree of
 * {@code depth} levels of pointer blocks over data blocks, all stored zero-truncated.
 *
 * <p>Block {@code bn} of the stream is bytes {@code bn * dsize} up to the next block. A
 * pointer block holds up to {@code psize / 20} scores; the top one is the entry's score.
 * Scores missing from the end of a truncated pointer block, and the empty-block score, stand
 * for blocks of zeros. {@code depth} is the least number of levels that covers {@code size}
 * (libventi's sizetodepth); a tree deeper than that still reads, a shallower one is refused,
 * as is one whose blocks are larger than their entry says.
 *
 * <p>Thread-safe: besides the entry it keeps only the last pointer block read at each level,
 * under a lock; reads go to the store, whose thread safety it relies on. Errors name the stream ({@code what}), the block and its score.
 */
public final class HashFile {

    /** Data blocks read ahead of the one being written out by {@link #copyTo}. */
    private static final int READ_AHEAD = 32;

    private final BlockStore store;
    private final Entry entry;
    private final String what;
    private final int ppb;
    /** The last pointer block read at each level, by score: sequential reads reuse them. */
    private final Score[] cachedScores = new Score[BlockType.DIR7.depth() + 1];
    private final byte[][] cachedBlocks = new byte[cachedScores.length][];

    /**
     * @param what how errors name this stream, such as its path in an archive
     * @throws VacException when the entry is inactive or its sizes are impossible
     */
    public HashFile(BlockStore store, Entry entry, String what) throws VacException {
        this.store = store;
        this.entry = entry;
        this.what = what;
        if (!entry.isActive()) {
            throw new VacException(what + ": entry not active");
        }
        if (entry.psize() > BlockStore.MAX_BLOCK || entry.dsize() > BlockStore.MAX_BLOCK) {
            throw new VacException(what + ": block sizes " + entry.psize() + "/" + entry.dsize()
                    + " are larger than a block can be (" + BlockStore.MAX_BLOCK + ")");
        }
        this.ppb = (int) entry.psize() / Score.SIZE;
        int need = depthFor(entry.size(), ppb, (int) entry.dsize());
        if (entry.type().depth() < need) {
            throw new VacException(what + ": size " + entry.size() + " needs a tree of depth " + need
                    + " but the entry's is " + entry.type().depth() + " (entry score " + entry.score() + ")");
        }
    }

    /** The least depth of a tree holding {@code size} bytes (libventi's sizetodepth). */
    public static int depthFor(long size, int ppb, int dsize) {
        long blocks = Math.ceilDiv(size, dsize);
        int d = 0;
        while (blocks > 1) {
            blocks = Math.ceilDiv(blocks, ppb);
            d++;
        }
        return d;
    }

    public Entry entry() {
        return entry;
    }

    public long size() {
        return entry.size();
    }

    public int dsize() {
        return (int) entry.dsize();
    }

    /** Data blocks in the stream. */
    public long blocks() {
        return Math.ceilDiv(entry.size(), entry.dsize());
    }

    /** The bytes of block {@code bn} that lie within the stream, zero-extended. */
    public byte[] block(long bn) throws IOException {
        return extend(bn, readData(blockScore(bn)));
    }

    /** The score of data block {@code bn} as stored (empty-block score for zeros). */
    public Score blockScore(long bn) throws IOException {
        if (bn < 0 || bn >= blocks()) {
            throw new IllegalArgumentException(what + ": no block " + bn + " in a stream of " + blocks());
        }
        int depth = entry.type().depth();
        Score s = entry.score();
        for (int level = depth; level > 0; level--) {
            if (isEmpty(s)) {
                return Score.EMPTY;
            }
            long span = pow(ppb, level - 1);
            int index = (int) (bn / span % ppb);
            byte[] p = pointerBlock(s, level);
            s = (index + 1) * Score.SIZE <= p.length ? Score.fromBytes(p, index * Score.SIZE) : Score.EMPTY;
        }
        return s;
    }

    /**
     * Writes the whole stream to {@code out}, reading up to {@value #READ_AHEAD} data blocks
     * at once on {@code executor}'s threads so that a remote store has many reads in flight.
     */
    public void copyTo(OutputStream out, Executor executor) throws IOException {
        long n = blocks();
        Deque<CompletableFuture<byte[]>> window = new ArrayDeque<>();
        long next = 0;
        for (long bn = 0; bn < n; bn++) {
            while (next < n && next - bn < READ_AHEAD) {
                long b = next++;
                Score s = blockScore(b);
                window.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return extend(b, readData(s));
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                }, executor));
            }
            out.write(await(window.removeFirst()));
        }
    }

    private byte[] await(CompletableFuture<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private byte[] pointerBlock(Score s, int level) throws IOException {
        synchronized (cachedScores) {
            if (s.equals(cachedScores[level])) {
                return cachedBlocks[level];
            }
        }
        byte[] p = readBlock(s, BlockType.pointer(entry.type().isDirectory(), level), (int) entry.psize());
        synchronized (cachedScores) {
            cachedScores[level] = s;
            cachedBlocks[level] = p;
        }
        return p;
    }

    private byte[] readData(Score s) throws IOException {
        if (isEmpty(s)) {
            return new byte[0];
        }
        return readBlock(s, entry.type().isDirectory() ? BlockType.DIR : BlockType.DATA, (int) entry.dsize());
    }

    private byte[] extend(long bn, byte[] data) throws VacException {
        int len = (int) Math.min(entry.dsize(), entry.size() - bn * entry.dsize());
        if (data.length == len) {
            return data;
        }
        if (data.length > len) {
            throw new VacException(what + ": block " + bn + " is " + data.length + " bytes, past the stream's end at "
                    + size());
        }
        return Arrays.copyOf(data, len);
    }

    private byte[] readBlock(Score s, BlockType type, int max) throws IOException {
        try {
            return store.read(s, type, max);
        } catch (IOException | RuntimeException e) {
            throw new VacException(what + ": reading " + (type.isPointer() ? "pointer " : "") + "block " + s
                    + " (type " + type.value() + ", at most " + max + " bytes): " + e.getMessage(), e);
        }
    }

    static boolean isEmpty(Score s) {
        return s.equals(Score.EMPTY) || s.isZero();
    }

    /** {@code base} to the {@code exp}, or Long.MAX_VALUE when that overflows. */
    private static long pow(long base, int exp) {
        long r = 1;
        try {
            for (int i = 0; i < exp; i++) {
                r = Math.multiplyExact(r, base);
            }
            return r;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
