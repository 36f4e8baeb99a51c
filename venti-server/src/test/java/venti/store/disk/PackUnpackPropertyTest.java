package venti.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every on-disk value survives pack then unpack, and packing writes exactly its own bytes,
 * at the index given, and nothing around them.
 */
class PackUnpackPropertyTest {

    private static final Location AT = new Location("test.part", 4096);
    /** Bytes before the structure, so packing at an index other than 0 is tested. */
    private static final int PAD = 7;

    /** A buffer of {@code size + 2*PAD} bytes filled with 0x5a. */
    private static ByteBuffer sentinel(int size) {
        byte[] b = new byte[size + 2 * PAD];
        Arrays.fill(b, (byte) 0x5a);
        return ByteBuffer.wrap(b);
    }

    /** Checks the PAD bytes around the structure are untouched. */
    private static void assertOnlyInside(ByteBuffer b, int size) {
        for (int i = 0; i < PAD; i++) {
            assertThat(b.get(i)).isEqualTo((byte) 0x5a);
            assertThat(b.get(PAD + size + i)).isEqualTo((byte) 0x5a);
        }
    }

    /** A packer at an index of a buffer; an unpacker from one. */
    private interface Packer<T> {
        void pack(T value, ByteBuffer b, int index);
    }

    private interface Unpacker<T> {
        T unpack(ByteBuffer b, int index);
    }

    /** Packs {@code value} into {@code size} bytes amid sentinels, checks the sentinels, and unpacks it again. */
    private static <T> ByteBuffer assertRoundTrip(T value, int size, Packer<T> pack, Unpacker<T> unpack) {
        ByteBuffer b = sentinel(size);
        pack.pack(value, b, PAD);
        assertOnlyInside(b, size);
        assertThat(unpack.unpack(b, PAD)).isEqualTo(value);
        return b;
    }

    @Provide
    Arbitrary<ArenaPartHeader> arenaPartHeaders() {
        return DiskArbitraries.blockSizes().flatMap(bs -> Arbitraries.longs()
                .between(Layout.tableBase(bs) + 1, Layout.tableBase(bs) + Layout.MAX_TABLE_SIZE)
                .map(base -> new ArenaPartHeader(ArenaPartHeader.VERSION, bs, base)));
    }

    @Property
    void arenaPartHeader(@ForAll("arenaPartHeaders") ArenaPartHeader h) {
        assertRoundTrip(h, ArenaPartHeader.SIZE, ArenaPartHeader::pack, (b, i) -> ArenaPartHeader.unpack(b, i, AT));
    }

    @Provide
    Arbitrary<ArenaHead> arenaHeads() {
        return Arbitraries.of(4, 5).flatMap(v -> Combinators.combine(DiskArbitraries.names(), DiskArbitraries.blockSizes(),
                Arbitraries.longs().between(1L << 17, Long.MAX_VALUE), DiskArbitraries.clumpMagics(v))
                .as((n, bs, size, m) -> new ArenaHead(v, n, bs, size, m)));
    }

    @Property
    void arenaHead(@ForAll("arenaHeads") ArenaHead h) {
        assertRoundTrip(h, h.packedSize(), ArenaHead::pack, (b, i) -> ArenaHead.unpack(b, i, AT));
    }

    @Provide
    Arbitrary<ArenaTrailer> arenaTrailers() {
        return Arbitraries.of(4, 5).flatMap(v -> Combinators.combine(DiskArbitraries.names(), DiskArbitraries.tailStats(),
                Arbitraries.oneOf(DiskArbitraries.tailStats(), Arbitraries.just((TailStats) null)),
                DiskArbitraries.u32(), DiskArbitraries.u32(), DiskArbitraries.clumpMagics(v), DiskArbitraries.scores())
                .as((n, disk, mem, c, w, m, s) -> new ArenaTrailer(v, n, disk, mem == null ? disk : mem, c, w, m, s)));
    }

    @Property
    void arenaTrailer(@ForAll("arenaTrailers") ArenaTrailer t, @ForAll @IntRange(min = 9, max = 16) int log) {
        int bs = 1 << log;
        ByteBuffer b = assertRoundTrip(t, bs, (v, buf, i) -> v.pack(buf, i, bs), (buf, i) -> ArenaTrailer.unpack(buf, i, bs, AT));
        int size = t.version() == 5 ? ArenaTrailer.SIZE5A : ArenaTrailer.SIZE5A - 4;
        byte[] middle = Arrays.copyOfRange(b.array(), PAD + size, PAD + bs - 20);
        assertThat(middle).containsOnly(0);
        if (!t.hasMemStats()) {
            assertThat(Arrays.copyOfRange(b.array(), PAD + size - ArenaTrailer.EXTENSION_SIZE, PAD + size)).containsOnly(0);
        }
    }

    @Property
    void clumpInfo(@ForAll("clumpInfos") ClumpInfo ci) {
        assertRoundTrip(ci, ClumpInfo.SIZE, ClumpInfo::pack, (b, i) -> ClumpInfo.unpack(b, i, AT));
    }

    @Property
    void indexEntryPackedFromAPackedClumpInfo(@ForAll("clumpInfos") ClumpInfo ci, @ForAll long address,
                                              @ForAll @IntRange(max = 40) int at) {
        ByteBuffer dir = ByteBuffer.allocate(at + ClumpInfo.SIZE);
        ci.pack(dir, at);
        assertThat(ClumpInfo.type(dir.array(), at)).isEqualTo(ci.type());
        assertThat(ClumpInfo.size(dir.array(), at)).isEqualTo(ci.size());
        ByteBuffer want = ByteBuffer.allocate(at + IndexEntry.SIZE);
        new IndexEntry(ci.score(), address, ci.uncompressedSize(), ci.type(), IndexEntry.blocksFor(ci.size())).pack(want, at);
        byte[] got = new byte[at + IndexEntry.SIZE];
        Arrays.fill(got, (byte) 0x5a);
        IndexEntry.pack(dir.array(), at, address, got, at);
        assertThat(Arrays.copyOfRange(got, at, got.length)).isEqualTo(Arrays.copyOfRange(want.array(), at, got.length));
    }

    @Provide
    Arbitrary<ClumpInfo> clumpInfos() {
        return DiskArbitraries.clumpInfos();
    }

    @Provide
    Arbitrary<ClumpHeader> clumpHeaders() {
        return DiskArbitraries.clumpHeaders();
    }

    @Property
    void clumpHeader(@ForAll("clumpHeaders") ClumpHeader h, @ForAll int magic) {
        assertRoundTrip(h, ClumpHeader.SIZE, (v, b, i) -> v.pack(b, i, magic), (b, i) -> ClumpHeader.unpack(b, i, magic, AT));
    }

    @Provide
    Arbitrary<IndexSectionHeader> sectionHeaders() {
        return Combinators.combine(Arbitraries.of(1, 2), DiskArbitraries.names(), DiskArbitraries.names(),
                        DiskArbitraries.blockSizes(), Arbitraries.integers().between(1, Layout.MAX_TABLE_SIZE),
                        DiskArbitraries.u32(), DiskArbitraries.u32(), Arbitraries.integers())
                .as((v, n, ix, bs, table, blocks, a, magic) -> {
                    long start = Math.min(a, blocks);
                    long stop = start + (blocks - start) / 2;
                    return new IndexSectionHeader(v, n, ix, bs, Layout.tableBase(bs) + table, blocks, start,
                            Math.min(stop, start + blocks), v == 2 ? magic : 0);
                });
    }

    @Property
    void indexSectionHeader(@ForAll("sectionHeaders") IndexSectionHeader h) {
        assertRoundTrip(h, h.packedSize(), IndexSectionHeader::pack, (b, i) -> IndexSectionHeader.unpack(b, i, AT));
    }

    @Provide
    Arbitrary<IndexEntry> indexEntries() {
        return DiskArbitraries.indexEntries();
    }

    @Property
    void indexEntry(@ForAll("indexEntries") IndexEntry e) {
        assertRoundTrip(e, IndexEntry.SIZE, IndexEntry::pack, (b, i) -> IndexEntry.unpack(b, i, AT));
    }

    @Provide
    Arbitrary<Bucket> buckets() {
        return DiskArbitraries.buckets(8192);
    }

    @Property(tries = 200)
    void bucket(@ForAll("buckets") Bucket bucket, @ForAll int magic) {
        ByteBuffer b = assertRoundTrip(bucket, 8192, (v, buf, i) -> v.pack(buf, i, 8192, magic),
                (buf, i) -> Bucket.unpack(buf, i, 8192, magic, AT));
        for (IndexEntry e : bucket.entries()) {
            assertThat(Bucket.search(b, PAD, 8192, magic, e.score(), e.type().diskType(), AT)).contains(e);
        }
    }

    @Property(tries = 200)
    void bucketInsertKeepsOrderAndReplacesSameScoreAndType(@ForAll("buckets") Bucket bucket,
                                                           @ForAll("indexEntries") IndexEntry e) {
        Bucket after = bucket.insert(e);
        assertThat(after.entries()).contains(e);
        assertThat(after.entries()).isSortedAccordingTo(Bucket.ORDER);
        IndexEntry moved = new IndexEntry(e.score(), e.address() ^ 1, e.size(), e.type(), e.blocks());
        assertThat(after.insert(moved).entries()).hasSameSizeAs(after.entries()).contains(moved).doesNotContain(e);
    }

    @Property
    void bloomHeader(@ForAll @IntRange(min = 1, max = 32) int nhash, @ForAll @IntRange(min = 4, max = 29) int log) {
        BloomHeader h = new BloomHeader(nhash, 1L << log);
        assertRoundTrip(h, BloomHeader.SIZE, BloomHeader::pack, (b, i) -> BloomHeader.unpack(b, i, AT));
    }

    @Provide
    Arbitrary<AMapTable> tables() {
        return DiskArbitraries.tables(1 << 20);
    }

    @Property
    void amapTable(@ForAll("tables") AMapTable t) {
        int size = t.format().length() + 3;
        ByteBuffer b = ByteBuffer.allocate(size + 5);
        t.pack(b, 5, size, "test");
        assertThat(AMapTable.unpack(b.position(5), AT, "test")).isEqualTo(t);
        t.check(1 << 20, Long.MAX_VALUE, "test");
    }

    @Provide
    Arbitrary<IndexConfig> indexConfigs() {
        Arbitrary<AMapTable> sections = DiskArbitraries.u32().list().ofMinSize(1).ofMaxSize(5).map(stops -> {
            List<Long> sorted = stops.stream().sorted().toList();
            List<AMap> l = new java.util.ArrayList<>();
            long start = 0;
            for (int i = 0; i < sorted.size(); i++) {
                l.add(new AMap("isect" + i, start, sorted.get(i)));
                start = sorted.get(i);
            }
            return new AMapTable(l);
        });
        return Combinators.combine(DiskArbitraries.tableNames(), DiskArbitraries.blockSizes(), sections,
                DiskArbitraries.tables(Layout.INDEX_BASE)).as((n, bs, s, a) -> new IndexConfig(1, n, bs, s, a));
    }

    @Property
    void indexConfig(@ForAll("indexConfigs") IndexConfig c) {
        ByteBuffer b = ByteBuffer.allocate(Layout.TABLE_SIZE);
        c.pack(b, 0, Layout.TABLE_SIZE);
        assertThat(IndexConfig.unpack(b, AT)).isEqualTo(c);
    }
}
