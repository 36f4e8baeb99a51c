package venti.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.admin.Format;
import venti.store.admin.TestStores;

/** Many threads writing and reading overlapping blocks at once, through sealing and syncs. */
class StoreConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void overlappingWritersAndReadersAllSeeTheirBlocks() throws Exception {
        Path conf = TestStores.format(dir, new Format.Sizes(12 << 20, 1 << 20, 2 << 20, 1 << 20));
        int threads = 16;
        int perThread = 150;
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        int id = (me * perThread + i) % (threads * perThread / 2);
                        byte[] b = TestStores.block(id, 1000 + id % 7000);
                        Score score = s.write(BlockType.DATA, b, 0, b.length);
                        int other = (id * 31) % (threads * perThread / 2);
                        byte[] ob = TestStores.block(other, 1000 + other % 7000);
                        Score os = s.write(BlockType.DATA, ob, 0, ob.length);
                        assertThat(s.read(score, BlockType.DATA)).isEqualTo(b);
                        assertThat(s.read(os, BlockType.DATA)).isEqualTo(ob);
                        if (i % 25 == 0) {
                            s.sync();
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(perThread);
            }
            s.flush();
            long clumps = s.index().arenas().stream().mapToLong(a -> a.trailer().memStats().clumps()).sum();
            assertThat(clumps).as("each distinct block stored once").isEqualTo(threads * perThread / 2);
        }
    }
}
