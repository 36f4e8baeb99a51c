package venti.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import venti.core.Mutations;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.BloomHeader;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Location;

/**
 * Coverage-guided fuzzing of every on-disk structure's unpack, on the C venti's own bytes
 * from the golden store, damaged by edits the fuzzer chooses: the only failure allowed is a
 * {@link CorruptException} (a {@link StoreException} naming where and what), never another
 * exception, a hang or a huge allocation.
 */
class DiskFuzzTest {

    private static final Location AT = new Location("fuzz.part", 0);

    /** One structure: its golden bytes and how to unpack them. */
    private record Structure(String name, byte[] golden, Consumer<ByteBuffer> unpack) {
    }

    private static final List<Structure> STRUCTURES = structures();

    private static List<Structure> structures() {
        try {
            Path dir = Files.createTempDirectory("venti-disk-fuzz");
            List<Structure> out = new ArrayList<>();
            try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
                ArenaPartition ap = s.arenaPartitions().getFirst();
                Part arenas = ap.part();
                ArenaPartHeader h = ap.header();
                out.add(new Structure("arena partition header", bytes(arenas, Layout.PART_BLANK, Layout.HEAD_SIZE),
                        b -> ArenaPartHeader.unpack(b, 0, AT)));
                out.add(new Structure("arena map", bytes(arenas, h.tableBase(), h.tableSize()),
                        b -> AMapTable.unpack(b, AT, "arena table")));
                Arena a = s.index().arenas().getFirst();
                int bs = a.blockSize();
                out.add(new Structure("arena head", bytes(arenas, a.start(), Layout.HEAD_SIZE), b -> ArenaHead.unpack(b, 0, AT)));
                out.add(new Structure("arena trailer", bytes(arenas, a.start() + a.size() - bs, bs),
                        b -> ArenaTrailer.unpack(b, 0, bs, AT)));
                out.add(new Structure("clump header", bytes(arenas, a.dataBase(), ClumpHeader.SIZE),
                        b -> ClumpHeader.unpack(b, 0, a.clumpMagic(), AT)));
                out.add(new Structure("clump directory entry", bytes(arenas, a.directoryBlockOffset(0), ClumpInfo.SIZE),
                        b -> ClumpInfo.unpack(b, 0, AT)));
                IndexSection is = s.index().sections().getFirst();
                IndexSectionHeader ih = is.header();
                out.add(new Structure("index section header", bytes(is.part(), Layout.PART_BLANK, Layout.HEAD_SIZE),
                        b -> IndexSectionHeader.unpack(b, 0, AT)));
                out.add(new Structure("index map", bytes(is.part(), ih.tableBase(), ih.tableSize()),
                        b -> IndexConfig.unpack(b, AT)));
                byte[] bucket = fullestBucket(is);
                out.add(new Structure("index bucket", bucket,
                        b -> Bucket.unpack(b, 0, ih.blockSize(), ih.bucketMagic(), AT)));
                out.add(new Structure("index entry", java.util.Arrays.copyOfRange(bucket, Bucket.HEADER_SIZE,
                        Bucket.HEADER_SIZE + IndexEntry.SIZE), b -> IndexEntry.unpack(b, 0, AT)));
                Part bloom = s.bloom().orElseThrow().part();
                out.add(new Structure("bloom header", bytes(bloom, 0, BloomHeader.SIZE), b -> BloomHeader.unpack(b, 0, AT)));
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Part p, long offset, int n) throws IOException {
        return p.read(offset, n).array();
    }

    private static byte[] fullestBucket(IndexSection is) throws IOException {
        IndexSectionHeader h = is.header();
        byte[] best = null;
        int most = -1;
        for (long b = h.start(); b < Math.min(h.stop(), h.start() + 64); b++) {
            byte[] block = bytes(is.part(), is.bucketOffset(b), h.blockSize());
            int n = ByteBuffer.wrap(block).getShort(0) & 0xffff;
            if (n > most) {
                most = n;
                best = block;
            }
        }
        return best;
    }

    @FuzzTest(maxDuration = "4m")
    void unpack(FuzzedDataProvider data) {
        Structure s = STRUCTURES.get(data.consumeInt(0, STRUCTURES.size() - 1));
        byte[] b = Mutations.mutate(s.golden(), data);
        try {
            s.unpack().accept(ByteBuffer.wrap(b));
        } catch (CorruptException refused) {
            // the one way damaged bytes may fail
        }
    }
}
