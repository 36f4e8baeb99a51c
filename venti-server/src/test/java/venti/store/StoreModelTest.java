package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import venti.core.BlockNotFoundException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.Format;
import venti.store.admin.TestStores;

/**
 * Thousands of random operations against a store and a HashMap, across syncs, index
 * flushes, emptied caches and reopens; arenas fill and seal on the way. A failure names its
 * seed and step; to replay one, add the seed to the list.
 */
class StoreModelTest {

    private static final BlockType[] TYPES = {BlockType.DATA, BlockType.DATA1, BlockType.DIR, BlockType.DIR1,
            BlockType.DIR2, BlockType.ROOT};

    @TempDir
    Path dir;

    record Key(Score score, int diskType) {
    }

    private static final Format.Sizes SIZES = new Format.Sizes(6 << 20, 1 << 20, 1 << 20, 1 << 20);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261121})
    void storeBehavesLikeAMap(long seed) throws IOException {
        behavesLikeAMap(TestStores.format(dir, SIZES), seed);
    }

    @Test
    void storeOnRadosBehavesLikeAMap() throws IOException {
        behavesLikeAMap(TestStores.formatOnRados(dir, SIZES), 4);
    }

    private static void behavesLikeAMap(Path conf, long seed) throws IOException {
        Random r = new Random(seed);
        Map<Key, byte[]> model = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        Store s = TestStores.open(conf, Store.Mode.READ_WRITE);
        int step = 0;
        try {
            for (; step < 3000; step++) {
                int op = r.nextInt(100);
                if (op < 45) {
                    byte[] b = randomBlock(r);
                    BlockType t = TYPES[r.nextInt(TYPES.length)];
                    Score score = s.write(t, b, 0, b.length);
                    assertThat(score).isEqualTo(Sha1.hash(b));
                    if (b.length > 0) {
                        Key k = new Key(score, t.diskType());
                        if (model.put(k, b) == null) {
                            keys.add(k);
                        }
                    }
                } else if (op < 55 && !keys.isEmpty()) {
                    Key k = keys.get(r.nextInt(keys.size()));
                    byte[] b = model.get(k);
                    assertThat(s.write(BlockType.fromDisk(k.diskType()), b.clone(), 0, b.length)).isEqualTo(k.score());
                } else if (op < 85 && !keys.isEmpty()) {
                    Key k = keys.get(r.nextInt(keys.size()));
                    assertThat(s.read(k.score(), BlockType.fromDisk(k.diskType()))).isEqualTo(model.get(k));
                } else if (op < 90) {
                    byte[] b = randomBlock(r);
                    Score absent = Sha1.hash(b);
                    Store current = s;
                    if (b.length > 0 && !model.containsKey(new Key(absent, BlockType.DATA.diskType()))) {
                        assertThatThrownBy(() -> current.read(absent, BlockType.DATA)).isInstanceOf(BlockNotFoundException.class);
                    }
                } else if (op < 94) {
                    s.sync();
                } else if (op < 96) {
                    s.flush();
                } else if (op < 98) {
                    s.emptyCaches();
                } else {
                    s.close();
                    s = TestStores.open(conf, Store.Mode.READ_WRITE);
                }
            }
            s.close();
            s = TestStores.open(conf, Store.Mode.READ_ONLY);
            for (Map.Entry<Key, byte[]> e : model.entrySet()) {
                assertThat(s.read(e.getKey().score(), BlockType.fromDisk(e.getKey().diskType()))).isEqualTo(e.getValue());
            }
            assertThat(s.index().arenas().get(1).trailer().memStats().clumps()).as("arenas filled up").isPositive();
        } catch (AssertionError | IOException | RuntimeException e) {
            fail("seed " + seed + " failed at step " + step + ": " + e.getMessage(), e);
        } finally {
            s.close();
        }
    }

    /** Mostly small blocks, some large, a few empty; half of them compressible. */
    private static byte[] randomBlock(Random r) {
        int kind = r.nextInt(20);
        int n = kind == 0 ? 0 : kind < 17 ? r.nextInt(2000) : r.nextInt(57345);
        byte[] b = new byte[n];
        r.nextBytes(b);
        if (r.nextBoolean()) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ('a' + (b[i] & 3));
            }
        }
        return b;
    }
}
