package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpHeader;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.Severity;

/**
 * A store that cannot be opened says why; a block whose bytes on disk are damaged is never
 * returned, and the error names the arena and the offset.
 */
class StoreFailureTest {

    /** Partition offset of block 1's clump: arena 0.0's data base. */
    private static final long BLOCK1 = GoldenStore.ARENA_BASE + GoldenStore.BLOCK_SIZE;
    /** Partition offset of block 2's clump (whack-compressed). */
    private static final long BLOCK2 = BLOCK1 + 75;

    @TempDir
    Path dir;
    Path conf;

    @BeforeEach
    void unpack() {
        conf = GoldenStore.unpack(dir);
    }

    private Store open() throws IOException {
        return Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY);
    }

    private void conf(String from, String to) throws IOException {
        Files.writeString(conf, Files.readString(conf).replace(from, to));
    }

    private void scribble(String file, long offset, int... bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(bytes.length);
        for (int v : bytes) {
            b.put((byte) v);
        }
        try (Part p = FilePart.open(file, dir, false)) {
            p.write(offset, b.flip());
        }
    }

    private void truncate(String file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(file).toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private static byte[] read(Store s, int i) throws IOException {
        return s.read(GoldenBlocks.manifest().get(i).score(), GoldenBlocks.type(i));
    }

    @Test
    void missingPartition() throws IOException {
        Files.delete(dir.resolve("bloom.part"));
        assertThatThrownBy(this::open).hasMessage("can't open partition 'bloom.part': no such file in " + dir.toAbsolutePath().normalize());
    }

    @Test
    void partitionTooSmall() throws IOException {
        truncate("isect0.part", 100 * 1024);
        assertThatThrownBy(this::open).hasMessage("isect0.part is too small to be an index section: 102400 bytes");
    }

    @Test
    void truncatedArenaPartition() throws IOException {
        truncate("arenas.part", 4 << 20);
        assertThatThrownBy(this::open).isInstanceOf(CorruptException.class)
                .hasMessage("arenas.part at offset 270336: bad arena table: invalid ending address 8388608 in arena table: beyond 4194304");
    }

    @Test
    void truncatedIndexSection() throws IOException {
        truncate("isect0.part", 1 << 20);
        assertThatThrownBy(this::open).hasMessageContaining("claims 159 buckets ending at byte 2097152, but the partition has only 1048576 bytes");
    }

    @Test
    void truncatedBloomFilter() throws IOException {
        truncate("bloom.part", 512 * 1024);
        assertThatThrownBy(this::open).hasMessage(
                "bloom.part at offset 0: bloom filter of 1048576 bytes does not fit in its partition of 524288");
    }

    @Test
    void anotherIndexName() throws IOException {
        conf("index main", "index other");
        assertThatThrownBy(this::open).hasMessage("isect0.part at offset 270336: mismatched index name: found main expected other");
    }

    @Test
    void partitionListedTwice() throws IOException {
        conf("isect isect0.part", "isect isect0.part\nisect ./isect0.part");
        assertThatThrownBy(this::open)
                .hasMessage("partition ./isect0.part is listed twice in the configuration (also as isect0.part)");
    }

    @Test
    void noIndexLine() throws IOException {
        conf("index main\n", "");
        assertThatThrownBy(this::open).hasMessageContaining("no index specified");
    }

    @Test
    void notAnArenaPartition() throws IOException {
        conf("arenas arenas.part", "arenas SWAP");
        conf("isect isect0.part", "isect arenas.part");
        conf("SWAP", "isect0.part");
        assertThatThrownBy(this::open).hasMessageContaining("isect0.part at offset 262144: arena partition header has wrong magic number ISectMagic");
    }

    @Test
    void badClumpMagic() throws IOException {
        scribble("arenas.part", BLOCK1, 1, 2, 3, 4);
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessage("arenas.part at offset 802816: arena arenas0.0 offset 0: clump has wrong magic number 0x01020304, expected 0x63cac74b");
            assertThat(read(s, 2)).isEqualTo(GoldenBlocks.block(2));
        }
    }

    @Test
    void wrongSha1InARawClump() throws IOException {
        scribble("arenas.part", BLOCK1 + ClumpHeader.SIZE + 5, 0);
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessageStartingWith("arenas.part at offset 802816: arena arenas0.0 offset 0: clump data does not match its score: expected 6c10886e");
        }
    }

    @Test
    void damagedCompressedClump() throws IOException {
        scribble("arenas.part", BLOCK2 + ClumpHeader.SIZE + 10, 0xff, 0xff, 0xff);
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 2)).isInstanceOf(CorruptException.class)
                    .hasMessageStartingWith("arenas.part at offset 802891: arena arenas0.0 offset 75: ");
        }
    }

    @Test
    void clumpTypeDisagreesWithTheIndex() throws IOException {
        scribble("arenas.part", BLOCK1 + 4, BlockType.DIR.diskType());
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessage("arenas.part at offset 802816: arena arenas0.0 offset 0: index and clump type mismatch: index says 0, clump has 8")
                    .extracting(e -> ((CorruptException) e).severity()).isEqualTo(Severity.INCONSISTENT);
        }
    }

    @Test
    void clumpSizeDisagreesWithTheIndex() throws IOException {
        scribble("arenas.part", BLOCK1 + 5, 0, 36, 0, 36);
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessage("arenas.part at offset 802816: arena arenas0.0 offset 0: index and clump size mismatch: index says 37 bytes, clump has 36");
        }
    }

    @Test
    void indexEntryPointingNowhere() throws IOException {
        IndexEntry e;
        long bucketAt;
        try (Store s = open()) {
            GoldenBlocks.Row r = GoldenBlocks.manifest().get(1);
            e = s.lookup(r.score(), r.type()).orElseThrow();
            long bucket = s.index().bucketOf(r.score());
            bucketAt = s.index().sectionOf(bucket).bucketOffset(bucket);
        }
        try (Part p = FilePart.open("isect0.part", dir, false)) {
            ByteBuffer block = p.read(bucketAt, 8192);
            int n = block.getShort(0);
            for (int i = 0; i < n; i++) {
                int at = Bucket.HEADER_SIZE + i * IndexEntry.SIZE;
                if (e.score().matches(block.array(), at)) {
                    block.putLong(at + 26, 99_000_000L);
                }
            }
            p.write(bucketAt, block);
        }
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessageContaining("index address 99000000 is in no arena of index main");
        }
    }

    @Test
    void overfullBucket() throws IOException {
        long bucketAt;
        GoldenBlocks.Row r = GoldenBlocks.manifest().get(1);
        try (Store s = open()) {
            long bucket = s.index().bucketOf(r.score());
            bucketAt = s.index().sectionOf(bucket).bucketOffset(bucket);
        }
        scribble("isect0.part", bucketAt, 0xff, 0xff);
        try (Store s = open()) {
            assertThatThrownBy(() -> read(s, 1)).isInstanceOf(CorruptException.class)
                    .hasMessage("isect0.part at offset " + bucketAt + ": corrupted disk index bucket: n=65535 max=215");
        }
    }
}
