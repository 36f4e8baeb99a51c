package venti.vac;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/** Blocks in a map, by score and disk type, for tests; it stores whatever it is given. */
final class MapStore implements BlockStore {

    private record Key(Score score, int diskType) {
    }

    private final Map<Key, byte[]> blocks = new ConcurrentHashMap<>();
    int writes;

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
        byte[] b = Arrays.copyOfRange(data, off, off + len);
        Score s = Sha1.hash(b);
        blocks.put(new Key(s, type.diskType()), b);
        writes++;
        return s;
    }

    @Override
    public void sync() {
    }
}
