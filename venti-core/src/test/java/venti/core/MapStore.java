package venti.core;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block store in a map, keyed by score and disk type as a Venti server's index is, for
 * tests of code that works over any {@link BlockStore}. It counts reads, writes and syncs.
 */
public final class MapStore implements BlockStore {

    /** A stored block's key: its score and its type in the disk numbering. */
    public record Key(Score score, int diskType) {
    }

    private final Map<Key, byte[]> blocks = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger syncs = new AtomicInteger();

    @Override
    public byte[] read(Score score, BlockType type, int maxSize) {
        reads.incrementAndGet();
        byte[] b = blocks.get(new Key(score, type.diskType()));
        if (b == null) {
            throw new BlockNotFoundException(score, type);
        }
        if (b.length > maxSize) {
            throw BlockStoreException.readTooSmall(maxSize, b.length);
        }
        return b.clone();
    }

    @Override
    public Score write(BlockType type, byte[] data, int off, int len) {
        writes.incrementAndGet();
        Score s = Sha1.hash(data, off, len);
        blocks.put(new Key(s, type.diskType()), Arrays.copyOfRange(data, off, off + len));
        return s;
    }

    @Override
    public void sync() {
        syncs.incrementAndGet();
    }

    /** Writes the whole of {@code data}. */
    public Score put(BlockType type, byte[] data) {
        return write(type, data, 0, data.length);
    }

    public boolean has(Score s, BlockType type) {
        return blocks.containsKey(new Key(s, type.diskType()));
    }

    public void remove(Score s, BlockType type) {
        blocks.remove(new Key(s, type.diskType()));
    }

    /** The blocks held, by key. */
    public Map<Key, byte[]> blocks() {
        return blocks;
    }

    public int reads() {
        return reads.get();
    }

    public int writes() {
        return writes.get();
    }

    public int syncs() {
        return syncs.get();
    }
}
