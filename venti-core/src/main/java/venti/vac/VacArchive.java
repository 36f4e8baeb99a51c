package venti.vac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.FormatException;
import venti.core.Root;
import venti.core.Score;

/**
 * A vac archive read from a store, as vac's file system code reads it (vacfsopen,
 * vdeopen/vderead, vacfilewalk), with every structure checked on the way.
 *
 * <p>The layout. The {@code vac:} score names a {@link Root} of type {@code vac}, whose score
 * is a directory block of three {@link Entry}s: the top directory's entry stream (0) and
 * metadata stream (1), and a metadata stream (2) holding one meta block with the top
 * directory's own {@link VacDir} (named {@code /}). Every directory is likewise two streams:
 * a stream of entries, one per child file and two per child directory (its entries and its
 * metadata), and a stream of {@link MetaBlock}s with one {@link VacDir} per child that says
 * which entries are the child's ({@code entry}, and {@code mentry} = {@code entry + 1}).
 * Archives written by fossil have one more level: entry 2 of the root's block is inactive
 * and entry 0 is a stream of the three entries; that form is read too.
 *
 * <p>What is refused, with the path and the score at fault: a root that is not a vac root,
 * blocks of the wrong type or larger than their entry allows, malformed meta blocks and
 * directory entries, entries out of range, inactive or of the wrong kind, trees too shallow
 * for their size, and names that are empty, {@code .}, {@code ..}, or contain a slash or a
 * NUL, so that no path read from an archive leaves the directory it is restored into.
 *
 * <p>Thread-safe: reads go to the store; nothing is cached here.
 */
public final class VacArchive {

    /** The root block's type for a vac archive. */
    public static final String ROOT_TYPE = "vac";
    /** Entries in the root's directory block. */
    static final int ROOT_ENTRIES = 3;

    private final BlockStore store;
    private final Score score;
    private final Root root;
    private final VacNode top;

    private VacArchive(BlockStore store, Score score, Root root, VacNode top) {
        this.store = store;
        this.score = score;
        this.root = root;
        this.top = top;
    }

    /**
     * Opens the archive whose root block is {@code score}.
     *
     * @throws VacException when it is not a vac archive or is malformed
     * @throws IOException  when the store fails
     */
    public static VacArchive open(BlockStore store, Score score) throws IOException {
        String at = "vac:" + score;
        byte[] b;
        try {
            b = store.read(score, BlockType.ROOT, Root.SIZE);
        } catch (IOException | RuntimeException e) {
            throw new VacException(at + ": no root block: " + e.getMessage(), e);
        }
        Root root;
        try {
            root = Root.unpack(b);
        } catch (FormatException e) {
            throw new VacException(at + ": bad root block: " + e.getMessage(), e);
        }
        if (!root.type().equals(ROOT_TYPE)) {
            throw new VacException(at + ": root type is '" + root.type() + "', not a vac root");
        }
        if (root.blocksize() > BlockStore.MAX_BLOCK) {
            throw new VacException(at + ": root block size " + root.blocksize() + " is larger than a block can be");
        }
        int bsize = (int) root.blocksize();
        Entry[] entries = rootEntries(store, root.score(), bsize, at);
        if (!entries[2].isActive()) {
            Entry redirect = entries[0];
            HashFile f = new HashFile(store, redirect, at + " (fossil root)");
            entries = readEntries(f.block(0), at + " (fossil root)", redirect.score());
        }
        for (int i = 0; i < ROOT_ENTRIES; i++) {
            if (!entries[i].isActive()) {
                throw new VacException(at + ": root directory entry " + i + " is not active");
            }
        }
        checkKind(entries[0], true, at + ": top directory");
        checkKind(entries[1], false, at + ": top directory's metadata");
        checkKind(entries[2], false, at + ": root metadata");
        HashFile meta = new HashFile(store, entries[2], at + ": root metadata");
        if (meta.blocks() == 0) {
            throw new VacException(at + ": root metadata stream " + entries[2].score() + " is empty");
        }
        List<VacDir> dirs = metaBlock(meta, 0, at + ": root metadata");
        if (dirs.isEmpty()) {
            throw new VacException(at + ": root meta block has no entries");
        }
        VacDir dir = dirs.getFirst();
        if (!dir.isDir()) {
            throw new VacException(at + ": the top of the archive is not a directory (mode " + Long.toOctalString(dir.mode()) + ")");
        }
        return new VacArchive(store, score, root, new VacNode("", dir, entries[0], entries[1]));
    }

    private static Entry[] rootEntries(BlockStore store, Score dirScore, int bsize, String at) throws IOException {
        byte[] b;
        try {
            b = store.read(dirScore, BlockType.DIR, bsize);
        } catch (IOException | RuntimeException e) {
            throw new VacException(at + ": reading the root's directory block " + dirScore + ": " + e.getMessage(), e);
        }
        return readEntries(b, at, dirScore);
    }

    private static Entry[] readEntries(byte[] block, String at, Score blockScore) throws VacException {
        byte[] b = block.length >= ROOT_ENTRIES * Entry.SIZE ? block
                : Arrays.copyOf(block, ROOT_ENTRIES * Entry.SIZE);
        Entry[] e = new Entry[ROOT_ENTRIES];
        for (int i = 0; i < ROOT_ENTRIES; i++) {
            try {
                e[i] = Entry.unpack(b, i);
            } catch (FormatException x) {
                throw new VacException(at + ": root directory block " + blockScore + ": " + x.getMessage(), x);
            }
        }
        return e;
    }

    public Score score() {
        return score;
    }

    public Root root() {
        return root;
    }

    public BlockStore store() {
        return store;
    }

    /** The top directory; its path is "". */
    public VacNode top() {
        return top;
    }

    /** The children of directory {@code dir}, in the order of its meta blocks and their indexes. */
    public List<VacNode> list(VacNode dir) throws IOException {
        if (!dir.isDir()) {
            throw new IllegalArgumentException(dir.path() + " is not a directory");
        }
        String at = where(dir.path());
        String parent = dir.path().isEmpty() ? "/" : dir.path();
        HashFile meta = new HashFile(store, dir.meta(), at + ": metadata");
        HashFile source = new HashFile(store, dir.data(), at + ": entries");
        if (!dir.data().type().isDirectory()) {
            throw new VacException(at + ": entry stream " + dir.data().score() + " is a data stream, not a directory");
        }
        if (source.size() % source.dsize() % Entry.SIZE != 0) {
            throw new VacException(at + ": entry stream " + dir.data().score() + " of " + source.size()
                    + " bytes does not hold whole entries");
        }
        long epb = source.dsize() / Entry.SIZE;
        long nentries = source.size() / source.dsize() * epb + source.size() % source.dsize() / Entry.SIZE;
        List<VacNode> children = new ArrayList<>();
        long cachedBlock = -1;
        byte[] entryBlock = null;
        for (long bn = 0; bn < meta.blocks(); bn++) {
            for (VacDir d : metaBlock(meta, bn, at)) {
                String path = dir.child(d.elem());
                checkName(d.elem(), at, meta, bn);
                Entry[] e = new Entry[d.isDir() ? 2 : 1];
                long[] which = {d.entry(), d.mentry()};
                for (int k = 0; k < e.length; k++) {
                    long n = which[k];
                    if (n >= nentries) {
                        throw new VacException(where(path) + ": entry " + n + " is past the end of " + parent
                                + "'s " + nentries + " entries (stream " + dir.data().score() + ")");
                    }
                    if (n / epb != cachedBlock) {
                        entryBlock = Arrays.copyOf(source.block(n / epb), source.dsize());
                        cachedBlock = n / epb;
                    }
                    try {
                        e[k] = Entry.unpack(entryBlock, (int) (n % epb));
                    } catch (FormatException x) {
                        throw new VacException(where(path) + ": entry " + n + " of " + parent + ": " + x.getMessage(), x);
                    }
                    String what = where(path) + (k == 0 ? "" : ": metadata");
                    if (!e[k].isActive()) {
                        throw new VacException(what + ": entry " + n + " of " + parent + " is not active");
                    }
                    long gen = k == 0 ? d.gen() : d.mgen();
                    if (e[k].gen() != gen) {
                        throw new VacException(what + ": entry " + n + " of " + parent + " has generation " + e[k].gen()
                                + ", the directory entry " + gen + ": removed file");
                    }
                    checkKind(e[k], d.isDir() && k == 0, what);
                }
                children.add(new VacNode(path, d, e[0], d.isDir() ? e[1] : null));
            }
        }
        return children;
    }

    /** The child of {@code dir} named {@code elem}, or null. */
    public VacNode child(VacNode dir, String elem) throws IOException {
        for (VacNode n : list(dir)) {
            if (n.dir().elem().equals(elem)) {
                return n;
            }
        }
        return null;
    }

    /** The node at {@code path} ("a/b/c", empty elements ignored), or null when there is none. */
    public VacNode walk(String path) throws IOException {
        VacNode n = top;
        for (String elem : path.split("/")) {
            if (elem.isEmpty()) {
                continue;
            }
            if (!n.isDir()) {
                return null;
            }
            n = child(n, elem);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The contents of a file. */
    public HashFile open(VacNode file) throws VacException {
        if (file.isDir()) {
            throw new IllegalArgumentException(file.path() + " is a directory");
        }
        return new HashFile(store, file.data(), where(file.path()));
    }

    private String where(String path) {
        return "vac:" + score + ": " + (path.isEmpty() ? "/" : path);
    }

    private static List<VacDir> metaBlock(HashFile meta, long bn, String at) throws IOException {
        try {
            return MetaBlock.unpack(meta.block(bn), meta.dsize());
        } catch (FormatException e) {
            throw new VacException(at + ": meta block " + bn + " (" + meta.blockScore(bn) + "): " + e.getMessage(), e);
        }
    }

    private static void checkName(String elem, String at, HashFile meta, long bn) throws IOException {
        if (elem.isEmpty() || elem.equals(".") || elem.equals("..") || elem.indexOf('/') >= 0
                || elem.indexOf('\0') >= 0) {
            throw new VacException(at + ": meta block " + bn + " (" + meta.blockScore(bn) + ") names a child '"
                    + elem.replace("\0", "\\0") + "': not a file name");
        }
    }

    private static void checkKind(Entry e, boolean dir, String what) throws VacException {
        if (e.type().isDirectory() != dir) {
            throw new VacException(what + ": entry " + e.score() + " is a " + (e.type().isDirectory() ? "directory" : "data")
                    + " stream where a " + (dir ? "directory" : "data") + " stream belongs");
        }
    }
}
