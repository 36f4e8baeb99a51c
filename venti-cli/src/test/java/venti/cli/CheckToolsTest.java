package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.FilePart;
import venti.store.GoldenBlocks;
import venti.store.GoldenStore;
import venti.store.Part;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.TestStores;

/** checkarenas, checkindex and syncindex on the store the C venti made, and on stores we wrote. */
class CheckToolsTest {

    @TempDir
    Path dir;

    private String arenas() {
        return dir.resolve("arenas.part").toString();
    }

    @Test
    void checkarenasPrintsWhatTheCToolPrinted() {
        GoldenStore.unpack(dir);
        Cli quick = Cli.run("checkarenas", "-v", arenas());
        assertThat(quick.status()).isZero();
        assertThat(quick.err()).isEqualTo(GoldenStore.toolOutput("checkarenas.txt"));
        Cli scan = Cli.run("checkarenas", "-a", "-v", arenas());
        assertThat(scan.status()).isZero();
        assertThat(scan.err()).isEqualTo(GoldenStore.toolOutput("checkarenas-a.txt"));
    }

    @Test
    void checkindexFindsTheCStoreCorrect() {
        GoldenStore.unpack(dir);
        Cli r = Cli.run("checkindex", GoldenStore.absoluteConf(dir).toString(), dir.resolve("tmp").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo(GoldenStore.toolOutput("checkindex.txt")
                .replace("checking 1999 entries at 16777216", "checking 1999 entries"));
    }

    @Test
    void blocksWrittenIntoTheCStoreReadBackAndTheCheckersFindItClean() throws IOException {
        GoldenStore.unpack(dir);
        Path conf = GoldenStore.absoluteConf(dir);
        Score[] scores = new Score[300];
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < scores.length; i++) {
                byte[] b = TestStores.block(1000 + i, 3000 + i);
                scores[i] = s.write(TestStores.type(i), b, 0, b.length);
            }
        }
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)) {
            for (int i = 1; i < 2000; i++) {
                assertThat(s.read(GoldenBlocks.manifest().get(i).score(), GoldenBlocks.type(i))).isEqualTo(GoldenBlocks.block(i));
            }
            for (int i = 0; i < scores.length; i++) {
                assertThat(s.read(scores[i], TestStores.type(i))).isEqualTo(TestStores.block(1000 + i, 3000 + i));
            }
        }
        Cli a = Cli.run("checkarenas", "-a", arenas());
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.err()).doesNotContain("incorrect").doesNotContain("mismatch");
        Cli x = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(x.status()).as(x.err()).isZero();
        assertThat(x.err()).contains("bloom filter: correct").endsWith("checkindex: index is correct\n");
    }

    @Test
    void checkindexListsAMissingEntryAndFixesIt() throws IOException {
        GoldenStore.unpack(dir);
        Path conf = GoldenStore.absoluteConf(dir);
        long bucketAt;
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.INSPECT)) {
            Score score = GoldenBlocks.manifest().get(1).score();
            bucketAt = s.index().sectionOf(s.index().bucketOf(score)).bucketOffset(s.index().bucketOf(score));
        }
        try (Part p = FilePart.open(dir.resolve("isect0.part").toString(), false)) {
            ByteBuffer zero = ByteBuffer.allocate(6);
            p.write(bucketAt, zero);
        }
        String tmp = dir.resolve("tmp").toString();
        Cli bad = Cli.run("checkindex", conf.toString(), tmp);
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("# diff actual correct", "isect0.part block 0x",
                "> " + GoldenBlocks.manifest().get(1).score()).contains("errors found");
        Cli fixed = Cli.run("checkindex", "-f", conf.toString(), tmp);
        assertThat(fixed.status()).as(fixed.err()).isZero();
        Cli again = Cli.run("checkindex", conf.toString(), tmp);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.err()).endsWith("checkindex: index is correct\n");
    }

    @Test
    void syncindexIndexesClumpsTheIndexLacks() throws IOException {
        GoldenStore.unpack(dir);
        Path conf = GoldenStore.absoluteConf(dir);
        try (Part p = FilePart.open(dir.resolve("isect0.part").toString(), false)) {
            p.write(794624, ByteBuffer.allocate(159 * 8192));
        }
        Cli bad = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(bad.status()).isEqualTo(1);
        try (Part p = FilePart.open(arenas(), false)) {
            zeroDiskStats(p);
        }
        Cli sync = Cli.run("syncindex", conf.toString());
        assertThat(sync.status()).as(sync.err()).isZero();
        assertThat(sync.err()).contains("arenas0.0: indexing 628 clumps...");
        Cli good = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(good.status()).as(good.err()).isZero();
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)) {
            assertThat(s.read(GoldenBlocks.manifest().get(1).score(), BlockType.DATA)).isEqualTo(GoldenBlocks.block(1));
        }
    }

    /** Makes every arena's trailer say the index has caught up with nothing, as a store indexed by no one would. */
    private static void zeroDiskStats(Part p) throws IOException {
        for (int i = 0; i < 4; i++) {
            long trailer = GoldenStore.ARENA_BASE + (i + 1) * GoldenStore.ARENA_SIZE - GoldenStore.BLOCK_SIZE;
            ByteBuffer t = p.read(trailer, GoldenStore.BLOCK_SIZE);
            ByteBuffer mem = ByteBuffer.allocate(26);
            mem.put((byte) 1).putInt(t.getInt(72)).putInt(t.getInt(76)).putLong(t.getLong(92)).putLong(t.getLong(100))
                    .put(t.get(108));
            t.put(109, mem.array());
            t.putInt(72, 0).putInt(76, 0).putLong(92, 0).putLong(100, 0).put(108, (byte) 0);
            p.write(trailer, t.rewind());
        }
    }
}
