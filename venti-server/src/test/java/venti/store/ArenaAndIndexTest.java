package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.Format;
import venti.store.disk.AMap;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpInfo;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexEntry;
import venti.store.disk.Layout;

/** The arena and index methods the read path and the coming writer build on. */
class ArenaAndIndexTest {

    @TempDir
    Path dir;

    private final PrintWriter quiet = new PrintWriter(new StringWriter());

    @Test
    void directoryEntriesMatchTheClumpsTheyDescribe() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            Arena a = s.index().arenas().get(1);
            List<GoldenBlocks.Row> rows = GoldenBlocks.manifest().stream().filter(r -> "arenas0.1".equals(r.arena())).toList();
            assertThat(a.trailer().memStats().clumps()).isEqualTo(rows.size());
            List<ClumpInfo> infos = a.readClumpInfos(0, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                GoldenBlocks.Row r = rows.get(i);
                assertThat(infos.get(i)).isEqualTo(new ClumpInfo(r.readbackType(), r.storedSize(), r.size(), r.score()));
            }
            assertThat(a.readClumpInfo(400)).isEqualTo(infos.get(400));
            assertThat(a.clumpsPerBlock()).isEqualTo(327);
            assertThat(a.directorySize(621)).isEqualTo(2 * 8192);
            assertThat(a.clumpLimit()).isEqualTo(a.dataSize() - 2 * 8192);
            assertThat(ClumpInfo.unpack(a.readDirectoryBlock(1), 0, a.location(0))).as("entry 327 starts the second block")
                    .isEqualTo(infos.get(327));
            assertThatThrownBy(() -> a.readClumpInfo(621)).hasMessageContaining("clump directory access out of range");
            assertThatThrownBy(() -> a.readDirectoryBlock(2)).hasMessageContaining("directory block 2 out of range");
            assertThatThrownBy(() -> a.readData(a.clumpLimit(), 1)).hasMessageContaining("reading beyond arena clump storage");
            assertThat(a.readData(a.clumpLimit() - 3, 100).remaining()).isEqualTo(3);
            assertThat(a.magicAt(a.trailer().memStats().used())).as("the log ends in a zero magic").isZero();
        }
    }

    @Test
    void bucketsCanBeReadModifiedAndWritten() throws IOException {
        Path f = dir.resolve("isect");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(2 << 20);
        }
        try (Part p = FilePart.open(f.toString(), false)) {
            IndexSection s = Format.isect(p, "s", 8192, 2, false, RandomGenerator.of("L64X128MixRandom"), quiet);
            s = s.withHeader(s.header().assign("main", 0, s.header().blocks()));
            assertThat(s.readBucket(3)).as("never written: the magic is not there").isEqualTo(Bucket.EMPTY);
            Score score = Sha1.hash("x".getBytes());
            IndexEntry e = new IndexEntry(score, Layout.INDEX_BASE + 77, 1000, BlockType.DIR, IndexEntry.blocksFor(600));
            s.writeBucket(3, s.readBucket(3).insert(e));
            IndexSection again = IndexSection.open(p);
            assertThat(again.readBucket(3).entries()).containsExactly(e);
            assertThat(again.lookup(3, score, BlockType.DIR.diskType())).contains(e);
            assertThat(again.lookup(3, score, BlockType.DATA.diskType())).isEmpty();
            assertThatThrownBy(() -> again.readBucket(again.header().blocks())).hasMessageContaining("index lookup out of range");
        }
    }

    @Test
    void fmtindexSpreadsBucketsOverSeveralSections() throws IOException {
        GoldenStore.unpack(dir);
        for (String name : List.of("s0", "s1")) {
            try (RandomAccessFile r = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
                r.setLength(name.equals("s0") ? 1 << 20 : 3 << 20);
            }
            try (Part p = FilePart.open(name, dir, false)) {
                Format.isect(p, name, 8192, 2, false, RandomGenerator.of("L64X128MixRandom"), quiet);
            }
        }
        Path conf = dir.resolve("two.conf");
        Files.writeString(conf, "index two\narenas arenas.part\nisect s0\nisect s1\n");
        IndexConfig ic = Format.index(VentiConfig.read(conf), dir, false, quiet);
        long b0 = 1024 * 1024 / 8192 - 97;
        long b1 = 3 * 1024 * 1024 / 8192 - 97;
        assertThat(ic.sections().entries()).containsExactly(new AMap("s0", 0, b0), new AMap("s1", b0, b0 + b1));
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)) {
            Index ix = s.index();
            assertThat(ix.divisor()).isEqualTo(Index.divisor(b0 + b1));
            assertThat(ix.sectionOf(0).name()).isEqualTo("s0");
            assertThat(ix.sectionOf(b0 - 1).name()).isEqualTo("s0");
            assertThat(ix.sectionOf(b0).name()).isEqualTo("s1");
            assertThat(ix.sectionOf(b0 + b1 - 1).name()).isEqualTo("s1");
            assertThat(ix.bucketOf(Score.parse("ffffffff" + "0".repeat(32)))).isEqualTo(b0 + b1 - 1);
            assertThat(ix.bucketOf(Score.ZERO)).isZero();
            Index.Place p = ix.locate(Layout.INDEX_BASE + 1032192 + 5);
            assertThat(p.arena().name()).isEqualTo("arenas0.1");
            assertThat(p.offset()).isEqualTo(5);
        }
        Files.writeString(conf, "index two\narenas arenas.part\nisect s1\nisect s0\n");
        assertThatThrownBy(() -> Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY))
                .hasMessageContaining("s1 at offset 262144: name is s1, not s0 (is venti.conf listing the sections in the wrong order?)");
    }
}
