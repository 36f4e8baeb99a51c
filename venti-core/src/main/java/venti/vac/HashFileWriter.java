package venti.vac;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongConsumer;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Score;
import venti.core.ZeroTruncation;

/**
 * Writes a stream as a hash tree, front to back, and gives its {@link Entry} (libventi's
 * VtFile, write side, as vac and writefile use it): the same blocks and tree shape as
 * libventi makes, so the same bytes give the same scores.
 *
 * <p>Data is cut into blocks of {@code dsize} bytes; each is written zero-truncated, and a
 * block of zeros is not written at all (its score is the empty block's). Scores are gathered
 * into pointer blocks of {@code psize / 20}, written zero-truncated (trailing empty-block
 * scores dropped) when full and at the end, level upon level until one score is left: the
 * tree is exactly as deep as its size needs ({@link HashFile#depthFor}).
 *
 * <p>A file's bytes come from a stream ({@link #writeFrom}, read straight into the block
 * being filled); directory and metadata streams are written a block at a time with
 * {@link #writeBlock}, since directory blocks hold whole 40-byte entries and end in slack. Not thread-safe; the store's writes
 * may complete later (see {@link BlockStore#write}: the caller's store decides).
 */
public final class HashFileWriter {

    private final BlockStore store;
    private final boolean dir;
    private final int psize;
    private final int dsize;
    private final int ppb;
    /** Pending scores at each pointer level: level k holds scores of depth-k blocks. */
    private final byte[][] levels = new byte[BlockType.DIR7.depth() + 1][];
    private final int[] counts = new int[levels.length];
    private final byte[] block;
    private int fill;
    private long size;

    /**
     * @param dir true for a stream of directory entries, false for data
     * @throws IllegalArgumentException when a block size is outside 256 bytes .. a block
     */
    public HashFileWriter(BlockStore store, boolean dir, int psize, int dsize) {
        if (psize < Entry.MIN_BLOCK_SIZE || dsize < Entry.MIN_BLOCK_SIZE || psize > BlockStore.MAX_BLOCK
                || dsize > BlockStore.MAX_BLOCK) {
            throw new IllegalArgumentException("block sizes " + psize + "/" + dsize + ": want "
                    + Entry.MIN_BLOCK_SIZE + " to " + BlockStore.MAX_BLOCK + " bytes");
        }
        this.store = store;
        this.dir = dir;
        this.psize = psize;
        this.dsize = dsize;
        this.ppb = psize / Score.SIZE;
        this.block = new byte[dsize];
    }

    /**
     * Appends everything {@code in} holds, read straight into the block being filled;
     * returns the number of bytes. {@code afterBlock} is told each block's bytes as it goes.
     */
    public long writeFrom(InputStream in, LongConsumer afterBlock) throws IOException {
        long total = 0;
        for (int n; (n = in.readNBytes(block, fill, dsize - fill)) > 0; ) {
            fill += n;
            total += n;
            if (fill == dsize) {
                emit(block, dsize, dsize);
                fill = 0;
            }
            afterBlock.accept(n);
        }
        return total;
    }

    /**
     * Appends one whole block whose first {@code len} bytes count towards the stream's size
     * (a directory block: {@code dsize} for a full one, 40 per entry for the last); the rest
     * of {@code buf} up to {@code dsize} must be zero.
     */
    public void writeBlock(byte[] buf, int len) throws IOException {
        if (fill != 0) {
            throw new IllegalStateException("writeBlock after a partial write of " + fill + " bytes");
        }
        emit(buf, Math.min(buf.length, dsize), len);
    }

    /** Writes what is pending and returns the stream's entry (generation 0, active). */
    public Entry finish() throws IOException {
        if (fill > 0) {
            emit(block, fill, fill);
            fill = 0;
        }
        int depth = HashFile.depthFor(size, ppb, dsize);
        Score top;
        if (size == 0) {
            top = Score.EMPTY;
        } else {
            for (int k = 0; k < depth; k++) {
                if (counts[k] > 0) {
                    flushLevel(k);
                }
            }
            top = Score.fromBytes(levels[depth], 0);
        }
        BlockType type = BlockType.pointer(dir, depth);
        return new Entry(0, psize, dsize, type, Entry.ACTIVE, size, top);
    }

    private void emit(byte[] buf, int len, int counted) throws IOException {
        BlockType type = dir ? BlockType.DIR : BlockType.DATA;
        Score s = put(type, buf, len);
        size += counted;
        push(0, s);
    }

    private void push(int level, Score s) throws IOException {
        if (level >= levels.length) {
            throw new IOException("stream too large: more than " + (levels.length - 1) + " levels of pointers");
        }
        if (levels[level] == null) {
            levels[level] = new byte[ppb * Score.SIZE];
        }
        s.copyTo(levels[level], counts[level] * Score.SIZE);
        if (++counts[level] == ppb) {
            flushLevel(level);
        }
    }

    private void flushLevel(int level) throws IOException {
        byte[] p = levels[level];
        int n = counts[level] * Score.SIZE;
        counts[level] = 0;
        Score s = put(BlockType.pointer(dir, level + 1), p, n);
        Arrays.fill(p, (byte) 0);
        push(level + 1, s);
    }

    private Score put(BlockType type, byte[] buf, int len) throws IOException {
        int n = ZeroTruncation.truncate(type, buf, 0, len);
        return n == 0 ? Score.EMPTY : store.write(type, buf, 0, n);
    }
}
