package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockNotFoundException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.disk.BloomHeader;
import venti.store.disk.IndexEntry;

/** Reads the store the C venti wrote, block by block, against the README's formula. */
class GoldenStoreReadTest {

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() throws IOException {
        store = GoldenStore.open(dir, Store.Mode.READ_ONLY);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void readsEveryBlockInTheManifestByteForByte() throws IOException {
        List<GoldenBlocks.Row> rows = GoldenBlocks.manifest();
        assertThat(rows).hasSize(2000);
        for (GoldenBlocks.Row r : rows) {
            byte[] want = GoldenBlocks.block(r.i());
            assertThat(Sha1.hash(want)).as("formula for block %d", r.i()).isEqualTo(r.score());
            assertThat(GoldenBlocks.type(r.i())).isEqualTo(r.type());
            assertThat(store.read(r.score(), r.type())).as("block %d", r.i()).isEqualTo(want);
        }
    }

    @Test
    void readsFromManyThreadsAtOnce() throws Exception {
        List<GoldenBlocks.Row> rows = GoldenBlocks.manifest();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    List<GoldenBlocks.Row> mine = new ArrayList<>(rows);
                    Collections.shuffle(mine, new Random(seed));
                    for (GoldenBlocks.Row r : mine.subList(0, 500)) {
                        if (!Arrays.equals(store.read(r.score(), r.type()), GoldenBlocks.block(r.i()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        }
    }

    @Test
    void pointerBlocksReadBackUnderTheirDirectoryPointerType() throws IOException {
        GoldenBlocks.Row r = GoldenBlocks.manifest().get(5);
        assertThat(r.type()).isEqualTo(BlockType.DATA1);
        assertThat(r.readbackType()).isEqualTo(BlockType.DIR1);
        assertThat(store.read(r.score(), r.readbackType())).isEqualTo(GoldenBlocks.block(5));
    }

    @Test
    void indexEntriesPointAtTheManifestsClumps() throws IOException {
        for (GoldenBlocks.Row r : GoldenBlocks.manifest().subList(1, 2000)) {
            IndexEntry e = store.lookup(r.score(), r.type()).orElseThrow();
            Index.Place p = store.index().locate(e.address());
            assertThat(p.arena().name()).isEqualTo(r.arena());
            assertThat(p.offset()).isEqualTo(r.clumpOffset());
            assertThat(e.size()).isEqualTo(r.size());
            assertThat(e.type()).isEqualTo(r.readbackType());
            assertThat(e.blocks()).isEqualTo(IndexEntry.blocksFor(r.storedSize()));
            Clump c = p.arena().readClump(p.offset(), e.blocks());
            assertThat(c.header().encoding().code()).isEqualTo(r.encoding());
            assertThat(c.header().info().size()).isEqualTo(r.storedSize());
        }
    }

    @Test
    void zeroScoreAndEmptyBlockScoreReadAsTheEmptyBlock() throws IOException {
        assertThat(store.read(Score.ZERO, BlockType.DATA)).isEmpty();
        assertThat(store.read(Score.EMPTY, BlockType.DIR)).isEmpty();
        assertThat(GoldenBlocks.manifest().getFirst().score()).isEqualTo(Score.EMPTY);
    }

    @Test
    void bloomFilterSaysMaybeForEveryStoredScore() {
        Bloom bloom = store.bloom().orElseThrow();
        assertThat(bloom.header()).isEqualTo(new BloomHeader(32, 1 << 20));
        for (GoldenBlocks.Row r : GoldenBlocks.manifest().subList(1, 2000)) {
            assertThat(bloom.mayContain(r.score())).as("block %d", r.i()).isTrue();
        }
    }

    @Test
    void bloomFilterRulesOutMostOtherScores() {
        Bloom bloom = store.bloom().orElseThrow();
        int maybe = 0;
        for (int i = 0; i < 10_000; i++) {
            if (bloom.mayContain(Sha1.hash(("absent " + i).getBytes()))) {
                maybe++;
            }
        }
        assertThat(maybe).isLessThan(10);
    }

    @Test
    void missingBlockGivesTheOriginalsMessage() {
        Score absent = Sha1.hash("not in the store".getBytes());
        assertThatThrownBy(() -> store.read(absent, BlockType.DATA))
                .isInstanceOf(BlockNotFoundException.class)
                .hasMessage("no block with score " + absent + "/0 exists");
        Score stored = GoldenBlocks.manifest().get(1).score();
        assertThatThrownBy(() -> store.read(stored, BlockType.DIR))
                .isInstanceOf(BlockNotFoundException.class)
                .hasMessage("no block with score " + stored + "/8 exists");
    }

    @Test
    void sealedArenasHaveTheScoreOfTheirBytes() throws IOException {
        List<Arena> arenas = store.arenaPartitions().getFirst().arenas();
        assertThat(arenas).extracting(Arena::name).isEqualTo(GoldenStore.ARENAS);
        for (Arena a : arenas.subList(0, 3)) {
            assertThat(a.trailer().memStats().sealed()).isTrue();
            assertThat(a.trailer().isScored()).isTrue();
            assertThat(a.computeScore()).isEqualTo(a.trailer().score());
        }
        assertThat(arenas.get(0).trailer().score())
                .isEqualTo(Score.parse("3a801df8af73e1542b47f263e9bc897a705a22a1"));
        assertThat(arenas.get(3).trailer().memStats().sealed()).isFalse();
        assertThat(arenas.get(3).trailer().isScored()).isFalse();
    }
}
