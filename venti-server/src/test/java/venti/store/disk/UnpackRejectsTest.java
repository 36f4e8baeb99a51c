package venti.store.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Score;

/**
 * Every unpack rejects a wrong magic, a short buffer and out-of-range fields, with a message
 * naming the file and the offset.
 */
class UnpackRejectsTest {

    private static final Location AT = new Location("disk.part", 270336);

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(Runnable unpack) {
        return assertThatThrownBy(unpack::run)
                .isInstanceOf(CorruptException.class)
                .hasMessageStartingWith("disk.part at offset 270336: ");
    }

    /** Packs {@code value} with {@code pack}, changes the bytes with {@code edit}, and returns them. */
    private static ByteBuffer packed(int size, Consumer<ByteBuffer> pack, Consumer<ByteBuffer> edit) {
        ByteBuffer b = ByteBuffer.allocate(size);
        pack.accept(b);
        edit.accept(b);
        return b;
    }

    private static ByteBuffer shortOf(ByteBuffer b, int size) {
        return b.limit(size - 1);
    }

    @Test
    void arenaPartHeader() {
        ArenaPartHeader h = new ArenaPartHeader(3, 8192, 794624);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(ArenaPartHeader.SIZE, b -> h.pack(b, 0), edit);
        rejects(() -> ArenaPartHeader.unpack(bytes.apply(b -> b.putInt(0, ArenaHead.MAGIC)), 0, AT))
                .hasMessageContaining("wrong magic number ArenaHeadMagic (0xd15c4ead), expected ArenaPartMagic (0xa9e4a5e7)");
        rejects(() -> ArenaPartHeader.unpack(shortOf(bytes.apply(b -> { }), ArenaPartHeader.SIZE), 0, AT))
                .hasMessageContaining("short arena partition header: 15 bytes, need 16");
        rejects(() -> ArenaPartHeader.unpack(bytes.apply(b -> b.putInt(4, 2)), 0, AT))
                .hasMessageContaining("unknown arena partition version 2");
        rejects(() -> ArenaPartHeader.unpack(bytes.apply(b -> b.putInt(8, 8000)), 0, AT))
                .hasMessageContaining("block size 8000");
        rejects(() -> ArenaPartHeader.unpack(bytes.apply(b -> b.putInt(12, 270336)), 0, AT))
                .hasMessageContaining("overlaps");
        rejects(() -> ArenaPartHeader.unpack(bytes.apply(b -> b.putInt(12, -1)), 0, AT))
                .hasMessageContaining("larger than");
    }

    @Test
    void arenaHead() {
        ArenaHead h = new ArenaHead(5, "arenas0.0", 8192, 1 << 20, 0x63cac74b);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(ArenaHead.SIZE5, b -> h.pack(b, 0), edit);
        rejects(() -> ArenaHead.unpack(bytes.apply(b -> b.putInt(0, ArenaTrailer.MAGIC)), 0, AT))
                .hasMessageContaining("arena head has wrong magic number ArenaMagic");
        rejects(() -> ArenaHead.unpack(shortOf(bytes.apply(b -> { }), ArenaHead.SIZE5), 0, AT))
                .hasMessageContaining("short arena head: 87 bytes, need 88");
        rejects(() -> ArenaHead.unpack(bytes.apply(b -> b.putInt(4, 6)), 0, AT))
                .hasMessageContaining("unknown version 6");
        rejects(() -> ArenaHead.unpack(bytes.apply(b -> b.putLong(76, 8192)), 0, AT))
                .hasMessageContaining("smaller than its head and trailer");
        rejects(() -> ArenaHead.unpack(bytes.apply(b -> b.putInt(84, 0)), 0, AT))
                .hasMessageContaining("clump magic 0");
        rejects(() -> ArenaHead.unpack(bytes.apply(b -> b.put(8, (byte) 7)), 0, AT))
                .hasMessageContaining("not printable");
    }

    @Test
    void arenaTrailer() {
        ArenaTrailer t = ArenaTrailer.empty(5, "arenas0.4", 0x21214c3e);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(8192, b -> t.pack(b, 0, 8192), edit);
        assertThat(ArenaTrailer.unpack(bytes.apply(b -> { }), 0, 8192, AT)).isEqualTo(t);
        rejects(() -> ArenaTrailer.unpack(bytes.apply(b -> b.putInt(0, 0)), 0, 8192, AT))
                .hasMessageContaining("arena trailer has wrong magic number 0x00000000, expected ArenaMagic");
        rejects(() -> ArenaTrailer.unpack(bytes.apply(b -> b.limit(8000)), 0, 8192, AT))
                .hasMessageContaining("short arena trailer: 8000 bytes, need 8192");
        rejects(() -> ArenaTrailer.unpack(bytes.apply(b -> b.putInt(4, 3)), 0, 8192, AT))
                .hasMessageContaining("arena trailer has unknown version 3");
        rejects(() -> ArenaTrailer.unpack(bytes.apply(b -> b.putLong(ArenaTrailer.USED_OFFSET, -1)), 0, 8192, AT))
                .hasMessageContaining("negative arena usage");
    }

    @Test
    void clumpHeaderAndInfo() {
        Score s = Score.EMPTY;
        ClumpHeader raw = new ClumpHeader(new ClumpInfo(BlockType.DATA, 37, 37, s), ClumpEncoding.NONE, 0, 5);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(ClumpHeader.SIZE, b -> raw.pack(b, 0, 0x63cac74b), edit);
        rejects(() -> ClumpHeader.unpack(bytes.apply(b -> { }), 0, 0x12345678, AT))
                .hasMessageContaining("clump has wrong magic number 0x63cac74b, expected 0x12345678");
        rejects(() -> ClumpHeader.unpack(shortOf(bytes.apply(b -> { }), ClumpHeader.SIZE), 0, 0x63cac74b, AT))
                .hasMessageContaining("short clump header: 37 bytes, need 38");
        rejects(() -> ClumpHeader.unpack(bytes.apply(b -> b.put(29, (byte) 3)), 0, 0x63cac74b, AT))
                .hasMessageContaining("illegal clump encoding 3");
        rejects(() -> ClumpHeader.unpack(bytes.apply(b -> b.putShort(5, (short) 36)), 0, 0x63cac74b, AT))
                .hasMessageContaining("uncompressed clump stores 36 bytes for a block of 37");
        rejects(() -> ClumpHeader.unpack(bytes.apply(b -> b.put(29, (byte) 2)), 0, 0x63cac74b, AT))
                .hasMessageContaining("compressed clump has inconsistent sizes: stored 37, uncompressed 37");
        rejects(() -> ClumpHeader.unpack(bytes.apply(b -> b.putShort(5, (short) -1).putShort(7, (short) -1)), 0, 0x63cac74b, AT))
                .hasMessageContaining("65535 bytes is over the 57344-byte limit");
        rejects(() -> ClumpInfo.unpack(ByteBuffer.allocate(24), 0, AT))
                .hasMessageContaining("short clump info: 24 bytes, need 25");
    }

    @Test
    void indexSectionHeader() {
        IndexSectionHeader h = new IndexSectionHeader(2, "isect0.", "main", 8192, 794624, 159, 0, 159, 0xb6ccf9a8);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(IndexSectionHeader.SIZE2, b -> h.pack(b, 0), edit);
        rejects(() -> IndexSectionHeader.unpack(bytes.apply(b -> b.putInt(0, BloomHeader.MAGIC)), 0, AT))
                .hasMessageContaining("wrong magic number BloomMagic (0xb1004ead), expected ISectMagic (0xd15c5ec7)");
        rejects(() -> IndexSectionHeader.unpack(shortOf(bytes.apply(b -> { }), IndexSectionHeader.SIZE2), 0, AT))
                .hasMessageContaining("short index section header: 159 bytes, need 160");
        rejects(() -> IndexSectionHeader.unpack(bytes.apply(b -> b.putInt(4, 3)), 0, AT))
                .hasMessageContaining("unknown index section version 3");
        rejects(() -> IndexSectionHeader.unpack(bytes.apply(b -> b.putInt(148, 160)), 0, AT))
                .hasMessageContaining("invalid index section range [160,159)");
        rejects(() -> IndexSectionHeader.unpack(bytes.apply(b -> b.putInt(144, 100)), 0, AT))
                .hasMessageContaining("has only 100 blocks");
    }

    @Test
    void indexEntryAndBucket() {
        rejects(() -> IndexEntry.unpack(ByteBuffer.allocate(37), 0, AT)).hasMessageContaining("short index entry");
        ByteBuffer block = ByteBuffer.allocate(8192);
        Bucket.EMPTY.pack(block, 0, 8192, 42);
        block.putShort(0, (short) 216);
        assertThatThrownBy(() -> Bucket.unpack(block, 0, 8192, 42, AT))
                .isInstanceOf(CorruptException.class)
                .hasMessage("disk.part at offset 270336: corrupted disk index bucket: n=216 max=215")
                .extracting(e -> ((CorruptException) e).severity()).isEqualTo(Severity.INDEX_CORRUPT);
        assertThat(Bucket.unpack(block, 0, 8192, 43, AT)).as("another magic: never written").isEqualTo(Bucket.EMPTY);
        rejects(() -> Bucket.unpack(block.limit(8191), 0, 8192, 42, AT)).hasMessageContaining("short index bucket");
        IndexEntry a = new IndexEntry(Score.EMPTY, 1, 2, BlockType.DATA, 1);
        IndexEntry b = new IndexEntry(Score.ZERO, 1, 2, BlockType.DATA, 1);
        ByteBuffer unordered = ByteBuffer.allocate(8192);
        new Bucket(java.util.List.of(b, a)).pack(unordered, 0, 8192, 42);
        a.pack(unordered, Bucket.HEADER_SIZE);
        b.pack(unordered, Bucket.HEADER_SIZE + IndexEntry.SIZE);
        rejects(() -> Bucket.unpack(unordered, 0, 8192, 42, AT)).hasMessageContaining("out of order");
    }

    @Test
    void bloomHeader() {
        BloomHeader h = new BloomHeader(32, 1 << 20);
        Function<Consumer<ByteBuffer>, ByteBuffer> bytes = edit -> packed(BloomHeader.SIZE, b -> h.pack(b, 0), edit);
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(0, 1)), 0, AT))
                .hasMessageContaining("bloom filter has wrong magic number 0x00000001, expected BloomMagic (0xb1004ead)");
        rejects(() -> BloomHeader.unpack(shortOf(bytes.apply(b -> { }), BloomHeader.SIZE), 0, AT))
                .hasMessageContaining("short bloom filter header");
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(4, 2)), 0, AT))
                .hasMessageContaining("wrong version 2 expected 1".replace(" expected", ", expected"));
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(8, 33)), 0, AT))
                .hasMessageContaining("33 hashes per score");
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(8, 0)), 0, AT))
                .hasMessageContaining("0 hashes per score");
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(12, 3 << 20)), 0, AT))
                .hasMessageContaining("invalid size 0x300000");
        rejects(() -> BloomHeader.unpack(bytes.apply(b -> b.putInt(12, 1 << 30)), 0, AT))
                .hasMessageContaining("invalid size 0x40000000");
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void amapTable() {
        assertThat(AMapTable.unpack(text("1\na\t5\t9\n\0garbage\n"), AT, "t").entries())
                .containsExactly(new AMap("a", 5, 9));
        assertThatThrownBy(() -> AMapTable.unpack(text("x\n"), AT, "t"))
                .hasMessage("disk.part at offset 270336: syntax error: bad number of elements in t 'x'");
        assertThatThrownBy(() -> AMapTable.unpack(text("2\na\t5\t9\n"), AT, "t"))
                .hasMessageContaining("early end of t after 1 of 2 elements");
        assertThatThrownBy(() -> AMapTable.unpack(text("1\na\t5\n"), AT, "t"))
                .hasMessageStartingWith("disk.part at offset 270338: syntax error in t");
        assertThatThrownBy(() -> AMapTable.unpack(text("1\na\t5x\t9\n"), AT, "t"))
                .hasMessageContaining("bad base address '5x'");
        assertThatThrownBy(() -> AMapTable.unpack(text("1\na\t9\t5\n"), AT, "t"))
                .hasMessageContaining("invalid range [9,5)");
        assertThatThrownBy(() -> AMapTable.unpack(text("40000\n"), AT, "t"))
                .hasMessageContaining("illegal number of elements 40000");
        AMapTable overlapping = new AMapTable(java.util.List.of(new AMap("a", 0, 10), new AMap("b", 5, 20)));
        assertThatThrownBy(() -> overlapping.check(0, 100, "t")).hasMessageContaining("overlapping ranges at b");
        assertThatThrownBy(() -> overlapping.check(1, 100, "t")).hasMessageContaining("invalid start address a");
        AMapTable ok = new AMapTable(java.util.List.of(new AMap("a", 0, 10), new AMap("b", 10, 20)));
        assertThatThrownBy(() -> ok.check(0, 15, "t")).hasMessageContaining("invalid ending address 20");
    }

    @Test
    void indexConfig() {
        String good = "venti index configuration\n1\nmain\n8192\n1\nisect0.\t0\t159\n1\narenas0.0\t1048576\t2080768\n";
        assertThat(IndexConfig.unpack(text(good), AT).buckets()).isEqualTo(159);
        assertThatThrownBy(() -> IndexConfig.unpack(text(good.replace("venti index", "venti indx")), AT))
                .hasMessageContaining("bad index magic");
        assertThatThrownBy(() -> IndexConfig.unpack(text(good.replace("\n1\nmain", "\n2\nmain")), AT))
                .hasMessageContaining("bad index version 2");
        assertThatThrownBy(() -> IndexConfig.unpack(text(good.replace("8192", "8000")), AT))
                .hasMessageContaining("bucket size 8000");
        assertThatThrownBy(() -> IndexConfig.unpack(text(good.replace("\t0\t159", "\t1\t159")), AT))
                .hasMessageContaining("starts at bucket 1");
        assertThatThrownBy(() -> IndexConfig.unpack(text(good.replace("1048576", "1048575")), AT))
                .isInstanceOf(CorruptException.class);
    }
}
