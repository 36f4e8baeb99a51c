package venti.vac;

import java.io.IOException;
import java.io.InputStream;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.FormatException;
import venti.core.Root;
import venti.core.Score;

/**
 * One stream stored alone, as plan9port's venti/writefile stores it and venti/readfile reads
 * it: a {@link Root} named {@code data} of type {@code file} (block size 8192, no previous
 * root) pointing to a directory block of exactly one 40-byte {@link Entry}, the stream's
 * hash tree in 8 KiB data and pointer blocks.
 *
 * <p>Immutable and thread-safe.
 */
public final class SingleFile {

    /** The root type, and the label of the score writefile prints ({@code file:<score>}). */
    public static final String ROOT_TYPE = "file";
    /** The root name writefile gives. */
    public static final String ROOT_NAME = "data";
    /** writefile's block size, for data and pointer blocks alike. */
    public static final int BLOCK_SIZE = 8192;

    private final Root root;
    private final HashFile file;

    private SingleFile(Root root, HashFile file) {
        this.root = root;
        this.file = file;
    }

    public Root root() {
        return root;
    }

    public HashFile file() {
        return file;
    }

    /** Writes all of {@code in} and returns the root's score; the store is synced. */
    public static Score write(BlockStore store, InputStream in) throws IOException {
        HashFileWriter w = new HashFileWriter(store, false, BLOCK_SIZE, BLOCK_SIZE);
        w.writeFrom(in, n -> { });
        byte[] dir = w.finish().pack();
        Score dirScore = store.write(BlockType.DIR, dir, 0, dir.length);
        byte[] r = new Root(ROOT_NAME, ROOT_TYPE, dirScore, BLOCK_SIZE, Score.ZERO).pack();
        Score s = store.write(BlockType.ROOT, r, 0, r.length);
        store.sync();
        return s;
    }

    /**
     * Opens the stream under the root block {@code score}, checking what readfile checks.
     *
     * @throws VacException naming the block at fault
     */
    public static SingleFile open(BlockStore store, Score score) throws IOException {
        String at = "file:" + score;
        Root root;
        try {
            root = Root.unpack(read(store, score, BlockType.ROOT, at + ": root block"));
        } catch (FormatException e) {
            throw new VacException(at + ": bad root block: " + e.getMessage(), e);
        }
        if (!root.type().equals(ROOT_TYPE)) {
            throw new VacException(at + ": root type is '" + root.type() + "', not '" + ROOT_TYPE + "'");
        }
        byte[] dir = read(store, root.score(), BlockType.DIR, at + ": entry block");
        if (dir.length != Entry.SIZE) {
            throw new VacException(at + ": entry block " + root.score() + " is " + dir.length + " bytes, not "
                    + Entry.SIZE);
        }
        Entry e;
        try {
            e = Entry.unpack(dir, 0);
        } catch (FormatException x) {
            throw new VacException(at + ": entry block " + root.score() + ": " + x.getMessage(), x);
        }
        if (e.type().isDirectory()) {
            throw new VacException(at + ": entry block " + root.score() + " names a directory, not a single file");
        }
        return new SingleFile(root, new HashFile(store, e, at));
    }

    private static byte[] read(BlockStore store, Score s, BlockType type, String what) throws IOException {
        try {
            return store.read(s, type, BlockStore.MAX_BLOCK);
        } catch (IOException | RuntimeException e) {
            throw new VacException(what + " " + s + ": " + e.getMessage(), e);
        }
    }
}
