package venti.client.tree;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/** A block store in a map, keyed by score and disk type as a Venti server's index is. */
final class MapStore implements BlockStore {

    record Key(Score score, int diskType) {
    }

    final Map<Key, byte[]> blocks = new ConcurrentHashMap<>();
    int reads;
    int syncs;

    @Override
    public byte[] read(Score score, BlockType type, int maxSize) {
        reads++;
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
        Score s = Sha1.hash(data, off, len);
        blocks.put(new Key(s, type.diskType()), Arrays.copyOfRange(data, off, off + len));
        return s;
    }

    Score put(BlockType type, byte[] data) {
        return write(type, data, 0, data.length);
    }

    boolean has(Score s, BlockType type) {
        return blocks.containsKey(new Key(s, type.diskType()));
    }

    void remove(Score s, BlockType type) {
        blocks.remove(new Key(s, type.diskType()));
    }

    @Override
    public void sync() {
        syncs++;
    }
}
