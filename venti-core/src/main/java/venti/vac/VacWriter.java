package venti.vac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;
import venti.core.ZeroTruncation;

/**
 * Writes the directories and the root of a vac archive in the layout {@link VacArchive}
 * reads and plan9port's vac writes: directories bottom up, each once its children's
 * streams are written, then the root.
 *
 * <p>A directory's children are stored in {@link MetaBlock#NAME_ORDER}: entry numbers are
 * given in that order (one per file, two per directory: its entries, then its metadata), and
 * the meta blocks are filled in that order as vac fills them, so each block's index is
 * sorted. Streams reused from another archive are stored with generation 0, as new ones. Pointer blocks are {@code blocksize} rounded down to whole scores, as vac's.
 *
 * <p>Stateless apart from its settings; thread-safe when the store is.
 */
public final class VacWriter {

    /** vac's default block size. */
    public static final int DEFAULT_BLOCK_SIZE = 8192;
    /** Smallest block size vac takes. */
    public static final int MIN_BLOCK_SIZE = 512;
    /** Largest block size vac takes. */
    public static final int MAX_BLOCK_SIZE = 52 * 1024;

    /** The two streams of a directory. */
    public record Streams(Entry data, Entry meta) {
    }

    private final BlockStore store;
    private final int blockSize;
    private final int psize;

    /**
     * @throws IllegalArgumentException when the block size is outside 512 bytes .. 52 KiB
     */
    public VacWriter(BlockStore store, int blockSize) {
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size " + blockSize + ": want " + MIN_BLOCK_SIZE + " to "
                    + MAX_BLOCK_SIZE + " bytes");
        }
        this.store = store;
        this.blockSize = blockSize;
        this.psize = blockSize / Score.SIZE * Score.SIZE;
    }

    public int blockSize() {
        return blockSize;
    }

    /** A writer for one file's contents in this archive's block sizes. */
    public HashFileWriter file() {
        return new HashFileWriter(store, false, psize, blockSize);
    }

    /**
     * Writes a directory holding {@code children} (their paths are ignored; their entry
     * numbers are assigned here).
     *
     * @throws IllegalArgumentException when two children have the same name
     */
    public Streams directory(List<VacNode> children) throws IOException {
        List<VacNode> sorted = new ArrayList<>(children);
        sorted.sort((a, b) -> MetaBlock.NAME_ORDER.compare(a.dir().elem(), b.dir().elem()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).dir().elem().equals(sorted.get(i - 1).dir().elem())) {
                throw new IllegalArgumentException("two files named '" + sorted.get(i).dir().elem() + "' in one directory");
            }
        }
        int epb = blockSize / Entry.SIZE;
        HashFileWriter entries = new HashFileWriter(store, true, psize, blockSize);
        byte[] block = new byte[blockSize];
        int inBlock = 0;
        long next = 0;
        List<VacDir> dirs = new ArrayList<>(sorted.size());
        for (VacNode c : sorted) {
            Entry[] es = c.isDir() ? new Entry[] {c.data(), c.meta()} : new Entry[] {c.data()};
            dirs.add(c.dir().withEntry(next));
            for (Entry e : es) {
                generationZero(e).pack(block, inBlock++);
                next++;
                if (inBlock == epb) {
                    entries.writeBlock(block, blockSize);
                    block = new byte[blockSize];
                    inBlock = 0;
                }
            }
        }
        if (inBlock > 0) {
            entries.writeBlock(block, inBlock * Entry.SIZE);
        }
        return new Streams(entries.finish(), meta(dirs));
    }

    /** A stream reused from another archive gets the generation a new one has. */
    private static Entry generationZero(Entry e) {
        return e.gen() == 0 ? e : new Entry(0, e.psize(), e.dsize(), e.type(), e.flags(), e.size(), e.score());
    }

    /** The metadata stream of {@code dirs}, in order, filled into blocks as vac fills them. */
    private Entry meta(List<VacDir> dirs) throws IOException {
        HashFileWriter w = new HashFileWriter(store, false, psize, blockSize);
        MetaBlock.Packer p = new MetaBlock.Packer(blockSize);
        for (VacDir d : dirs) {
            if (!p.add(d)) {
                w.writeBlock(p.pack(), blockSize);
                p = new MetaBlock.Packer(blockSize);
                p.add(d);
            }
        }
        if (!p.isEmpty()) {
            w.writeBlock(p.pack(), blockSize);
        }
        return w.finish();
    }

    /**
     * Writes the root: the directory block of the three root entries and the root block.
     *
     * @param top  the top directory's own entry (vac names it {@code /})
     * @param dir  the top directory's streams
     * @param name the root's name (vac leaves it empty)
     * @param prev the previous root of this archive, or {@link Score#ZERO}
     * @return the archive's score
     */
    public Score root(VacDir top, Streams dir, String name, Score prev) throws IOException {
        Entry topMeta = meta(List.of(top.withEntry(0)));
        byte[] b = new byte[VacArchive.ROOT_ENTRIES * Entry.SIZE];
        dir.data().pack(b, 0);
        dir.meta().pack(b, 1);
        topMeta.pack(b, 2);
        Score rootDir = store.write(BlockType.DIR, b, 0, ZeroTruncation.truncate(BlockType.DIR, b, 0, b.length));
        byte[] r = new Root(name, VacArchive.ROOT_TYPE, rootDir, blockSize, prev).pack();
        return store.write(BlockType.ROOT, r, 0, r.length);
    }
}
