package venti.client.tree;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import venti.client.ServerErrorException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;

/**
 * Copies the hash tree under a block from one store to another, as venti/copy does.
 *
 * <p>Design. The walk is depth first and writes each block after its children, so the
 * destination never holds a pointer to a block it lacks, even if the copy stops half way.
 * Blocks are written exactly as read, and the score the destination answers must be the one
 * copied, except when rewriting. Options, as venti/copy's flags:
 * <ul>
 * <li>{@code fast} (-f): a block already on the destination is taken to have its whole tree
 *     there too, and is skipped;</li>
 * <li>{@code mark} (-m): each (score, type) is copied once, however many times the tree
 *     reaches it;</li>
 * <li>{@code ignoreErrors} (-i): a block that cannot be read from the source is left out;</li>
 * <li>{@code rewrite} (-r): a pointer to a block that cannot be read is replaced by the
 *     empty block's score, and every block above it is rewritten to point to the new
 *     blocks, giving a new top score.</li>
 * </ul>
 * The empty and all-zero scores point to nothing and are not copied. Messages (read errors
 * that are let through, malformed roots and entries, and with {@code verbose} each block
 * visited) go to the {@code log} given, one line each.
 *
 * <p>Not thread-safe: one copy at a time per instance.
 */
public final class TreeCopy {

    /** Which of venti/copy's behaviours to use; see the class comment. */
    public record Options(boolean fast, boolean ignoreErrors, boolean mark, boolean rewrite, boolean verbose) {
        /** Checks that the options go together. */
        public Options {
            if (ignoreErrors && rewrite) {
                throw new IllegalArgumentException("ignoring read errors and rewriting around them exclude each other");
            }
        }
    }

    /**
     * What a copy did.
     *
     * @param score   the top block's score on the destination: the source's unless rewritten
     * @param changes pointers replaced by the empty score (rewrite only)
     * @param skipped blocks not copied again because they were marked as copied
     * @param written blocks written to the destination
     */
    public record Result(Score score, int changes, int skipped, int written) {
    }

    private final BlockStore src;
    private final BlockStore dst;
    private final Options options;
    private final Consumer<String> log;
    private final Map<BlockRef, Score> copied = new HashMap<>();
    private int changes;
    private int skipped;
    private int written;

    /** A copy from {@code src} to {@code dst}, saying what it does on {@code log}. */
    public TreeCopy(BlockStore src, BlockStore dst, Options options, Consumer<String> log) {
        this.src = src;
        this.dst = dst;
        this.options = options;
        this.log = log;
    }

    /** Copies the tree under {@code top}, then syncs the destination. */
    public Result copy(BlockRef top) throws IOException {
        Score score = walk(top, BlockType.DIR.value(), 0);
        dst.sync();
        return new Result(score, changes, skipped, written);
    }

    /** Copies one block after its children; returns its score on the destination. */
    private Score walk(BlockRef ref, int base, int depth) throws IOException {
        if (options.verbose()) {
            log.accept(" ".repeat(depth) + "-> " + depth + " " + ref.type().value() + " " + base + " " + ref.score());
        }
        if (ref.isEmpty()) {
            return ref.score();
        }
        Score done = copied.get(ref);
        if (done != null) {
            skipped++;
            return done;
        }
        if (options.fast() && present(ref)) {
            if (options.verbose()) {
                log.accept("skip " + ref.score());
            }
            return ref.score();
        }
        byte[] data;
        try {
            data = src.read(ref.score(), ref.type(), TypedBlock.MAX_READ);
        } catch (ServerErrorException | BlockStoreException e) {
            String why = "reading block " + ref.score() + " (type " + ref.type().value() + "): " + e.getMessage();
            if (options.rewrite()) {
                changes++;
                log.accept(why + "; pointing to the empty block instead");
                return Score.EMPTY;
            }
            if (options.ignoreErrors()) {
                log.accept(why + "; ignored");
                return ref.score();
            }
            throw new IOException(why, e);
        }
        data = copyChildren(ref, data, base, depth);
        written++;
        Score score;
        try {
            score = dst.write(ref.type(), data, 0, data.length);
        } catch (ServerErrorException | BlockStoreException e) {
            throw new IOException("writing block " + ref.score() + " (type " + ref.type().value() + "): " + e.getMessage(), e);
        }
        if (!options.rewrite() && !score.equals(ref.score())) {
            throw new IOException("not rewriting: wrote " + ref.score() + " got " + score);
        }
        if (options.verbose() && (ref.type() != BlockType.DATA || base != BlockType.DATA.value())) {
            log.accept(" ".repeat(depth) + "<- " + score);
        }
        if (options.mark()) {
            copied.put(ref, score);
        }
        return score;
    }

    /** Copies the block's children; returns the block, rewritten when any child's score changed. */
    private byte[] copyChildren(BlockRef ref, byte[] data, int base, int depth) throws IOException {
        byte[] out = data;
        switch (TreeBlock.decode(ref.type(), data)) {
            case TreeBlock.RootBlock(Root root, String error) when root == null ->
                    log.accept("warning: could not unpack root in " + ref.score() + " " + ref.type().value() + ": " + error);
            case TreeBlock.RootBlock(Root root, String error) -> {
                Score prev = walk(new BlockRef(root.prev(), BlockType.ROOT), 0, depth + 1);
                Score dir = walk(new BlockRef(root.score(), BlockType.DIR), 0, depth + 1);
                if (!prev.equals(root.prev()) || !dir.equals(root.score())) {
                    out = new Root(root.name(), root.type(), dir, root.blocksize(), prev).pack();
                }
            }
            case TreeBlock.DirBlock(List<TreeBlock.Slot> slots) -> {
                for (TreeBlock.Slot slot : slots) {
                    Entry e = slot.entry();
                    if (e == null) {
                        log.accept("warning: could not unpack entry #" + slot.index() + " in " + ref.score() + " "
                                + ref.type().value() + ": " + slot.error());
                        continue;
                    }
                    if (!e.isActive()) {
                        continue;
                    }
                    int entryBase = (e.type().isDirectory() ? BlockType.DIR : BlockType.DATA).value();
                    Score s = walk(new BlockRef(e.score(), e.type()), entryBase, depth + 1);
                    if (!s.equals(e.score())) {
                        out = out == data ? data.clone() : out;
                        new Entry(e.gen(), e.psize(), e.dsize(), e.type(), e.flags(), e.size(), s).pack(out, slot.index());
                    }
                }
            }
            case TreeBlock.PointerBlock(BlockType type, List<Score> scores) -> {
                for (int i = 0; i < scores.size(); i++) {
                    if (scores.get(i).equals(Score.EMPTY)) {
                        continue;
                    }
                    Score s = walk(new BlockRef(scores.get(i), type.child()), base, depth + 1);
                    if (!s.equals(scores.get(i))) {
                        out = out == data ? data.clone() : out;
                        s.copyTo(out, i * Score.SIZE);
                    }
                }
            }
            case TreeBlock.DataBlock d -> {
            }
        }
        return out;
    }

    /** True when the destination has the block; any failure means it is to be copied. */
    private boolean present(BlockRef ref) {
        try {
            dst.read(ref.score(), ref.type(), TypedBlock.MAX_READ);
            return true;
        } catch (IOException | BlockStoreException e) {
            return false;
        }
    }
}
