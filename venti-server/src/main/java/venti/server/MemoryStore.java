package venti.server;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/**
 * A {@link BlockStore} in memory, for tests, benchmarks and throw-away servers, that answers
 * as the C server's storage layer does.
 *
 * <p>Blocks are keyed by score and <em>disk</em> type, as the C server's index is, so a data
 * pointer and a directory pointer of the same depth are one block, and a block read back
 * with any type of the same disk type is found. Like the C server it refuses blocks over
 * {@link #MAX_BLOCK} ("lump too large"), a read shorter than the block ("read too small"),
 * a second block with the same score and other bytes ("score collision"), and, once
 * {@code capacity} bytes are stored, any new block ("no space left in arenas"). A zero-length
 * block is never stored; its score is {@link Score#EMPTY}. Nothing is lost by {@link #sync}
 * because nothing is ever on disk.
 *
 * <p>Thread-safe.
 */
public final class MemoryStore implements BlockStore {

    private record Key(Score score, int diskType) {
    }

    private final ConcurrentHashMap<Key, byte[]> blocks = new ConcurrentHashMap<>();
    private final AtomicLong stored = new AtomicLong();
    private final long capacity;

    /** A store that takes blocks until {@code capacity} bytes of them are stored. */
    public MemoryStore(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** A store without a limit but the heap. */
    public MemoryStore() {
        this(Long.MAX_VALUE);
    }

    @Override
    public byte[] read(Score score, BlockType type, int maxSize) {
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
        Objects.checkFromIndexSize(off, len, data.length);
        Score score = Sha1.hash(data, off, len);
        if (len == 0) {
            return score;
        }
        if (len > MAX_BLOCK) {
            throw BlockStoreException.lumpTooLarge();
        }
        Key key = new Key(score, type.diskType());
        byte[] old = blocks.get(key);
        if (old == null) {
            if (stored.addAndGet(len) > capacity) {
                stored.addAndGet(-len);
                throw BlockStoreException.noSpace();
            }
            old = blocks.putIfAbsent(key, Arrays.copyOfRange(data, off, off + len));
            if (old == null) {
                return score;
            }
            stored.addAndGet(-len);
        }
        if (!Arrays.equals(old, 0, old.length, data, off, off + len)) {
            throw BlockStoreException.scoreCollision(score);
        }
        return score;
    }

    @Override
    public void sync() {
    }

    /** Blocks stored. */
    public int size() {
        return blocks.size();
    }

    /** Bytes of blocks stored. */
    public long bytes() {
        return stored.get();
    }
}
