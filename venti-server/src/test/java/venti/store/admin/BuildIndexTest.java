package venti.store.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.store.Arena;
import venti.store.Bloom;
import venti.store.FilePart;
import venti.store.GoldenBlocks;
import venti.store.GoldenStore;
import venti.store.IndexSection;
import venti.store.Part;
import venti.store.Store;
import venti.store.TestArenas;
import venti.store.VentiConfig;
import venti.store.disk.BloomHeader;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/** buildindex on the C venti's store and on stores we filled, with plenty of memory and with as little as it takes. */
class BuildIndexTest {

    @TempDir
    Path dir;

    @Test
    void rebuildsTheCIndexFromAZeroedSection() throws IOException {
        Path conf = GoldenStore.unpack(dir);
        Map<Long, Set<IndexEntry>> original = buckets(conf);
        zeroBuckets(conf);
        assertThat(buckets(conf).values()).allMatch(Set::isEmpty);
        String out = build(conf, new BuildIndex.Options(false, false, List.of(), 64 << 20));
        assertThat(out).contains("1,999 clumps, 159 buckets", "arena arenas0.0: 628 entries", "reordering",
                "done arenaentries=1,999 indexed=1,999 (nskip=0)");
        assertThat(buckets(conf)).isEqualTo(original);
        assertThat(check(conf)).endsWith("checkindex: index is correct\n");
    }

    @Test
    void rebuildsTheCIndexWhenEveryPassSpills() throws IOException {
        Path conf = GoldenStore.unpack(dir);
        Map<Long, Set<IndexEntry>> original = buckets(conf);
        zeroBuckets(conf);
        build(conf, new BuildIndex.Options(false, true, List.of(), SectionRebuild.MIN_MEMORY));
        assertThat(buckets(conf)).isEqualTo(original);
        assertThat(check(conf)).endsWith("checkindex: index is correct\n");
    }

    @Test
    void bloomFilterRebuiltSaysMaybeForEveryScore() throws IOException {
        Path conf = GoldenStore.unpack(dir);
        try (Part p = FilePart.open(dir.resolve("bloom.part").toString(), false)) {
            p.write(BloomHeader.SIZE, ByteBuffer.allocate((1 << 20) - BloomHeader.SIZE));
        }
        build(conf, new BuildIndex.Options(true, false, List.of(), 64 << 20));
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)) {
            Bloom b = s.bloom().orElseThrow();
            for (GoldenBlocks.Row r : GoldenBlocks.manifest().subList(1, 2000)) {
                assertThat(b.mayContain(r.score())).as(r.score().toString()).isTrue();
            }
        }
        assertThat(check(conf)).contains("bloom filter: correct").endsWith("checkindex: index is correct\n");
    }

    private static final Format.Sizes SIZES = new Format.Sizes(8 << 20, 1 << 20, 4 << 20, 1 << 20);

    @Test
    void rebuildsAManyGroupIndexInLittleMemoryAndSetsTheDiskStats() throws IOException {
        rebuildsAManyGroupIndex(TestStores.format(dir, SIZES));
    }

    /** The store made with the fmt tools on RADOS partitions, filled, its index zeroed and rebuilt, then checked. */
    @Test
    void rebuildsAnIndexOnRados() throws IOException {
        Path conf = TestStores.formatOnRados(dir, SIZES);
        rebuildsAManyGroupIndex(conf);
        assertThat(check(conf)).endsWith("checkindex: index is correct\n");
        StringWriter w = new StringWriter();
        try (Part p = Part.open(VentiConfig.read(conf).arenas().getFirst(), true)) {
            assertThat(CheckArenas.run(p, true, false, 0, List.of(), new PrintWriter(w, true))).as(w.toString()).isTrue();
        }
    }

    private static void rebuildsAManyGroupIndex(Path conf) throws IOException {
        int n = 60_000;
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < n; i++) {
                byte[] b = ByteBuffer.allocate(8).putLong(i).array();
                s.write(BlockType.DATA, b, 0, b.length);
            }
        }
        Map<Long, Set<IndexEntry>> original = buckets(conf);
        zeroBuckets(conf);
        try (Store s = TestStores.open(conf, Store.Mode.REPAIR)) {
            Arena a = s.index().arenas().getFirst();
            TestArenas.writeTrailer(a, a.trailer().indexed(TailStats.EMPTY));
        }
        String out = build(conf, new BuildIndex.Options(false, false, List.of(), SectionRebuild.MIN_MEMORY));
        assertThat(out).contains("4 groups");
        assertThat(buckets(conf)).isEqualTo(original);
        try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
            for (Arena a : s.index().arenas()) {
                assertThat(a.trailer().diskStats()).isEqualTo(a.trailer().memStats());
            }
            for (int i = 0; i < n; i += 997) {
                byte[] b = ByteBuffer.allocate(8).putLong(i).array();
                assertThat(s.read(venti.core.Sha1.hash(b), BlockType.DATA)).isEqualTo(b);
            }
        }
    }

    @Test
    void onlyTheNamedSectionsAreRebuilt() throws IOException {
        Path conf = GoldenStore.unpack(dir);
        zeroBuckets(conf);
        String out = build(conf, new BuildIndex.Options(false, false, List.of("none", "isect9"), 64 << 20));
        assertThat(out).contains("warning: did not find index section isect9").doesNotContain("none");
        assertThat(buckets(conf).values()).allMatch(Set::isEmpty);
        build(conf, new BuildIndex.Options(false, false, List.of("isect0."), 64 << 20));
        assertThat(check(conf)).endsWith("checkindex: index is correct\n");
    }

    @Test
    void tooSmallAnIndexIsReported() throws IOException {
        Path conf = GoldenStore.unpack(dir);
        try (Part p = FilePart.create(dir.resolve("small.part"), Layout.PART_BLANK + Layout.TABLE_SIZE + 8 * 8192)) {
            Format.isect(p, "small", 8192, IndexSectionHeader.VERSION2, false, new java.util.Random(1),
                    new PrintWriter(new StringWriter()));
        }
        Path small = dir.resolve("small.conf");
        java.nio.file.Files.writeString(small, java.nio.file.Files.readString(conf).replace("isect0.part", "small.part"));
        Format.index(VentiConfig.read(small), dir, false, new PrintWriter(new StringWriter()));
        assertThatThrownBy(() -> build(small, new BuildIndex.Options(false, false, List.of(), 64 << 20)))
                .isInstanceOf(StoreException.class).hasMessageContaining("index").hasMessageContaining("bigger");
    }

    static String build(Path conf, BuildIndex.Options o) throws IOException {
        StringWriter w = new StringWriter();
        try (Store s = Store.open(VentiConfig.read(conf), conf.getParent(), Store.Mode.REPAIR)) {
            assertThat(BuildIndex.run(s, o, Progress.NONE, new PrintWriter(w, true))).as(w.toString()).isTrue();
        }
        return w.toString();
    }

    static String check(Path conf) throws IOException {
        StringWriter w = new StringWriter();
        try (Store s = Store.open(VentiConfig.read(conf), conf.getParent(), Store.Mode.INSPECT)) {
            CheckIndex.run(s, false, 64 << 20, new PrintWriter(w, true));
        }
        return w.toString();
    }

    /** Every bucket's entries, order within a bucket ignored. */
    static Map<Long, Set<IndexEntry>> buckets(Path conf) throws IOException {
        Map<Long, Set<IndexEntry>> m = new TreeMap<>();
        try (Store s = Store.open(VentiConfig.read(conf), conf.getParent(), Store.Mode.INSPECT)) {
            for (IndexSection sect : s.index().sections()) {
                for (long b = sect.header().start(); b < sect.header().stop(); b++) {
                    m.put(b, new HashSet<>(sect.readBucket(b).entries()));
                }
            }
        }
        return m;
    }

    /** Zeroes every bucket of every section. */
    static void zeroBuckets(Path conf) throws IOException {
        try (Store s = Store.open(VentiConfig.read(conf), conf.getParent(), Store.Mode.REPAIR)) {
            for (IndexSection sect : s.index().sections()) {
                IndexSectionHeader h = sect.header();
                sect.part().write(h.blockBase(), ByteBuffer.allocate((int) ((h.stop() - h.start()) * h.blockSize())));
            }
        }
    }
}
