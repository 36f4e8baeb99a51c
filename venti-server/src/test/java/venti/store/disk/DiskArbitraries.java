package venti.store.disk;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import venti.core.BlockType;
import venti.core.Score;

/** jqwik generators for the on-disk values. */
final class DiskArbitraries {

    private DiskArbitraries() {
    }

    static Arbitrary<Score> scores() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Score.SIZE).map(Score::fromBytes);
    }

    /**
     * Types as they read back from disk: a data pointer is stored under the directory
     * pointer's number, so only these survive a round trip.
     */
    static Arbitrary<BlockType> types() {
        return Arbitraries.integers().between(0, 255).map(BlockType::fromDisk);
    }

    /** Names any binary name field holds: printable ASCII, up to 63 characters. */
    static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(Layout.NAME_SIZE - 1);
    }

    /** Names that survive the text tables: no blanks, no {@code #}. */
    static Arbitrary<String> tableNames() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '-', '_').ofMinLength(1).ofMaxLength(40);
    }

    static Arbitrary<Integer> blockSizes() {
        return Arbitraries.integers().between(9, 16).map(s -> 1 << s);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffff_ffffL);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<TailStats> tailStats() {
        return Combinators.combine(u32(), u32(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.of(true, false)).as(TailStats::new);
    }

    static Arbitrary<Integer> clumpMagics(int version) {
        return version == ArenaHead.VERSION4 ? Arbitraries.just(ArenaHead.CLUMP_MAGIC_V4)
                : Arbitraries.integers().filter(m -> m != 0);
    }

    static Arbitrary<ClumpInfo> clumpInfos() {
        return Combinators.combine(types(), u16(), u16(), scores()).as(ClumpInfo::new);
    }

    static Arbitrary<ClumpHeader> clumpHeaders() {
        Arbitrary<ClumpInfo> info = Combinators.combine(types(), Arbitraries.integers().between(1, Layout.MAX_LUMP_SIZE),
                        Arbitraries.of(true, false), scores())
                .as((t, unc, raw, s) -> new ClumpInfo(t, raw ? unc : unc - 1, unc, s));
        return Combinators.combine(info, u32(), u32())
                .as((i, creator, time) -> new ClumpHeader(i,
                        i.size() == i.uncompressedSize() ? ClumpEncoding.NONE : ClumpEncoding.WHACK, creator, time));
    }

    static Arbitrary<IndexEntry> indexEntries() {
        return Combinators.combine(scores(), Arbitraries.longs(), u16(), types(), Arbitraries.integers().between(0, 255))
                .as(IndexEntry::new);
    }

    static Arbitrary<Bucket> buckets(int blockSize) {
        return indexEntries().list().ofMaxSize(Bucket.capacity(blockSize))
                .map(l -> l.stream().sorted(Bucket.ORDER).toList())
                .map(DiskArbitraries::distinct)
                .map(Bucket::new);
    }

    private static List<IndexEntry> distinct(List<IndexEntry> sorted) {
        return sorted.stream().filter(e -> sorted.stream()
                .filter(o -> Bucket.ORDER.compare(o, e) == 0).findFirst().orElseThrow() == e).toList();
    }

    /** Ordered, non-overlapping ranges from {@code base}, with distinct names. */
    static Arbitrary<AMapTable> tables(long base) {
        return Arbitraries.longs().between(0, 1L << 40).list().ofMaxSize(12).map(lengths -> {
            List<AMap> l = new java.util.ArrayList<>();
            long at = base;
            for (int i = 0; i < lengths.size(); i++) {
                l.add(new AMap("a" + i + "." + lengths.get(i) % 97, at, at + lengths.get(i)));
                at += lengths.get(i);
            }
            return new AMapTable(l);
        });
    }
}
