package venti.store.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Bloom;
import venti.store.FilePart;
import venti.store.GoldenBlocks;
import venti.store.GoldenStore;
import venti.store.IndexSection;
import venti.store.Part;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.disk.ArenaHead;
import venti.store.disk.BloomHeader;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.TailStats;

/**
 * Formatting files of the golden store's sizes with its parameters gives the C tools' bytes.
 * The clump and bucket magics are random in both, so the test feeds ours the golden ones.
 */
class FormatTest {

    @TempDir
    Path golden;
    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();
    private final PrintWriter err = new PrintWriter(log, true);

    @BeforeEach
    void files() throws IOException {
        GoldenStore.unpack(golden);
        sparse("arenas.part", 8 << 20);
        sparse("isect0.part", 2 << 20);
        sparse("bloom.part", 1 << 20);
        Files.copy(golden.resolve("venti.conf"), dir.resolve("venti.conf"));
    }

    private void sparse(String name, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Answers nextInt with the given values, in order. */
    private static RandomGenerator replay(List<Integer> values) {
        Deque<Integer> q = new ArrayDeque<>(values);
        return new RandomGenerator() {
            @Override
            public int nextInt() {
                return q.removeFirst();
            }

            @Override
            public long nextLong() {
                return (long) nextInt() << 32;
            }
        };
    }

    private List<Integer> goldenClumpMagics() throws IOException {
        try (Part p = FilePart.open("arenas.part", golden, true)) {
            return ArenaPartition.open(p).arenas().stream().map(Arena::clumpMagic).toList();
        }
    }

    private int goldenBucketMagic() throws IOException {
        try (Part p = FilePart.open("isect0.part", golden, true)) {
            return IndexSection.open(p).header().bucketMagic();
        }
    }

    private byte[] bytes(Path d, String file, long from, long to) throws IOException {
        try (Part p = FilePart.open(file, d, true)) {
            return p.read(from, (int) (to - from)).array();
        }
    }

    private void formatAll() throws IOException {
        try (Part p = FilePart.open("arenas.part", dir, false)) {
            Format.arenas(p, "arenas0.", 1 << 20, 8192, ArenaHead.VERSION5, false, replay(goldenClumpMagics()), err);
        }
        try (Part p = FilePart.open("isect0.part", dir, false)) {
            Format.isect(p, "isect0.", 8192, IndexSectionHeader.VERSION2, false, replay(List.of(goldenBucketMagic())), err);
        }
        try (Part p = FilePart.open("bloom.part", dir, false)) {
            Format.bloom(p, 0, 0, 0, err);
        }
        Format.index(VentiConfig.read(dir.resolve("venti.conf")), dir, false, err);
    }

    @Test
    void printsTheCToolsSummaryLines() throws IOException {
        formatAll();
        assertThat(log.toString()).isEqualTo(GoldenStore.toolOutput("format.txt"));
    }

    @Test
    void arenaPartitionHeaderMapAndEmptyArenasAreByteIdentical() throws IOException {
        formatAll();
        long arenaBase = GoldenStore.ARENA_BASE;
        assertThat(bytes(dir, "arenas.part", 0, arenaBase)).isEqualTo(bytes(golden, "arenas.part", 0, arenaBase));
        for (int i = 0; i < 4; i++) {
            long head = arenaBase + i * GoldenStore.ARENA_SIZE;
            assertThat(bytes(dir, "arenas.part", head, head + 8192)).as("head of arena %d", i)
                    .isEqualTo(bytes(golden, "arenas.part", head, head + 8192));
        }
        long empty = arenaBase + 4 * GoldenStore.ARENA_SIZE;
        assertThat(bytes(dir, "arenas.part", empty, 8 << 20)).as("arenas 0.4 to 0.6, untouched by the server")
                .isEqualTo(bytes(golden, "arenas.part", empty, 8 << 20));
    }

    @Test
    void indexSectionHeaderAndConfigurationAreByteIdentical() throws IOException {
        formatAll();
        assertThat(bytes(dir, "isect0.part", 0, GoldenStore.ARENA_BASE))
                .isEqualTo(bytes(golden, "isect0.part", 0, GoldenStore.ARENA_BASE));
    }

    @Test
    void bloomHeaderIsByteIdenticalAndTheBitmapEmpty() throws IOException {
        formatAll();
        assertThat(bytes(dir, "bloom.part", 0, BloomHeader.SIZE)).isEqualTo(bytes(golden, "bloom.part", 0, BloomHeader.SIZE));
        assertThat(bytes(dir, "bloom.part", BloomHeader.SIZE, 1 << 20)).containsOnly(0);
    }

    @Test
    void aFreshStoreOpensEmpty() throws IOException {
        formatAll();
        try (Store s = Store.open(VentiConfig.read(dir.resolve("venti.conf")), dir, Store.Mode.READ_ONLY)) {
            assertThat(s.index().buckets()).isEqualTo(159);
            assertThat(s.arenaPartitions().getFirst().arenas()).allSatisfy(a ->
                    assertThat(a.trailer().memStats()).isEqualTo(TailStats.EMPTY));
            assertThat(s.lookup(GoldenBlocks.manifest().get(1).score(), GoldenBlocks.type(1))).isEmpty();
        }
    }

    @Test
    void fmtindexAddKeepsTheMappingOfAnExistingIndex() throws IOException {
        formatAll();
        byte[] before = bytes(dir, "isect0.part", 0, GoldenStore.ARENA_BASE);
        StringWriter again = new StringWriter();
        Format.index(VentiConfig.read(dir.resolve("venti.conf")), dir, true, new PrintWriter(again, true));
        assertThat(again.toString()).isEqualTo("fmtindex: 7 arenas, 159 index buckets, 7,479,296 bytes storage\n");
        assertThat(bytes(dir, "isect0.part", 0, GoldenStore.ARENA_BASE)).isEqualTo(before);
    }

    @Test
    void fmtindexRefusesASectionOfAnotherIndex() throws IOException {
        formatAll();
        String other = Files.readString(dir.resolve("venti.conf")).replace("index main", "index other");
        Files.writeString(dir.resolve("venti.conf"), other);
        assertThatThrownBy(() -> Format.index(VentiConfig.read(dir.resolve("venti.conf")), dir, false, err))
                .hasMessageContaining("non-empty section isect0.")
                .hasMessageContaining("main");
    }

    @Test
    void version4ArenasAndVersion1SectionsAreZeroedAndUseTheFixedMagic() throws IOException {
        try (Part p = FilePart.open("arenas.part", dir, false)) {
            p.write(5 << 20, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ArenaPartition ap = Format.arenas(p, "old", 4 << 20, 8192, ArenaHead.VERSION4, true,
                    RandomGenerator.of("L64X128MixRandom"), err);
            assertThat(ap.arenas()).extracting(Arena::clumpMagic).containsOnly(ArenaHead.CLUMP_MAGIC_V4);
            assertThat(p.read(5 << 20, 3).array()).containsOnly(0);
        }
        try (Part p = FilePart.open("isect0.part", dir, false)) {
            IndexSection s = Format.isect(p, "old", 8192, IndexSectionHeader.VERSION1, true,
                    RandomGenerator.of("L64X128MixRandom"), err);
            assertThat(s.header().bucketMagic()).isZero();
            assertThat(IndexSection.open(p).header()).isEqualTo(s.header());
        }
        assertThat(log.toString()).contains("clearing arenas.part\n", "clearing isect0.part\n",
                "fmtarenas arenas.part: 2 arenas,");
    }

    @Test
    void fmtbloomSizesTheFilterForAGivenNumberOfBlocks() throws IOException {
        sparse("bloom.part", (3 << 20) + 5);
        try (Part p = FilePart.open("bloom.part", dir, false)) {
            Bloom b = Format.bloom(p, 0, 10_000, 0, err);
            assertThat(b.header()).isEqualTo(new BloomHeader(32, 1 << 16));
        }
        assertThat(log.toString()).isEqualTo("""
                warning: size not a power of 2; only using 2MB
                warning: using only 0MB - not enough blocks to warrant more
                fmtbloom: using 0MB, 32 hashes/score, best up to 11,650 blocks
                """);
    }
}
