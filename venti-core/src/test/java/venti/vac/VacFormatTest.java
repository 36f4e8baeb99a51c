package venti.vac;

import venti.core.MapStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Score;

/** Directory entries, meta blocks and hash-tree files on their own. */
class VacFormatTest {

    @Test
    void aNameSortsBeforeItsPrefixesAndBytesAreUnsigned() {
        List<String> names = new ArrayList<>(List.of("empty", "emptydir", "b", "a", "z", "ünï", "ab"));
        names.sort(MetaBlock.NAME_ORDER);
        assertThat(names).containsExactly("ab", "a", "b", "emptydir", "empty", "z", "ünï");
    }

    @Test
    void aDirectoryEntryRoundTripsWithEveryOption() {
        VacDir d = new VacDir("name ü", 7, 0, 8, 0, 1234567890123L, "glenda", "sys", "bootes", 0xffff_fff0L, 3, 5, 6,
                VacDir.MODE_DIR | 0755, true, 99, 42, true, 10, 20);
        byte[] b = d.pack();
        assertThat(b).hasSize(d.packedSize());
        assertThat(VacDir.unpack(b, 0, b.length)).isEqualTo(d);
    }

    @Test
    void thePlan9VersionBecomesTheModificationCountWhenThereIsNone() {
        VacDir d = new VacDir("f", 0, 0, 1, 0, 1, "u", "g", "", 0, 0, 0, 0, 0644, true, 5, 9, false, 0, 0);
        VacDir back = VacDir.unpack(d.pack(), 0, d.packedSize());
        assertThat(back.mcount()).isEqualTo(9);
    }

    @Test
    void aMetaBlockTakesEntriesAsVacDoes() {
        MetaBlock.Packer p = new MetaBlock.Packer(8192);
        int n = 0;
        while (p.add(VacDir.of(String.format("f%03d", n), 0644))) {
            n++;
        }
        assertThat(n).as("index slots of an 8 KiB block").isEqualTo(81);
        List<VacDir> back = MetaBlock.unpack(p.pack(), 8192);
        assertThat(back).hasSize(81).first().extracting(VacDir::elem).isEqualTo("f000");
        MetaBlock.Packer full = new MetaBlock.Packer(1024);
        int m = 0;
        while (full.add(VacDir.of("x".repeat(100) + m, 0644))) {
            m++;
        }
        assertThat(m).as("entries within 80% of a 1 KiB block").isEqualTo(5);
    }

    @Test
    void treeDepthIsTheLeastThatCoversTheSize() {
        assertThat(HashFile.depthFor(0, 409, 8192)).isZero();
        assertThat(HashFile.depthFor(8192, 409, 8192)).isZero();
        assertThat(HashFile.depthFor(8193, 409, 8192)).isEqualTo(1);
        assertThat(HashFile.depthFor(409L * 8192, 409, 8192)).isEqualTo(1);
        assertThat(HashFile.depthFor(409L * 8192 + 1, 409, 8192)).isEqualTo(2);
    }

    @Test
    void aSparseFileStoresNoZeroBlocksAndReadsBack() throws IOException {
        MapStore store = new MapStore();
        byte[] data = new byte[8192 * 500 + 5];
        data[data.length - 1] = 1;
        data[3] = 2;
        HashFileWriter w = new HashFileWriter(store, false, 8180, 8192);
        w.writeFrom(new ByteArrayInputStream(data), n -> { });
        Entry e = w.finish();
        assertThat(e.type()).isEqualTo(BlockType.DATA2);
        assertThat(e.size()).isEqualTo(data.length);
        // two data blocks with bytes, two level-1 pointer blocks, one level-2
        assertThat(store.writes()).isEqualTo(5);
        HashFile f = new HashFile(store, e, "sparse");
        assertThat(f.blockScore(100)).isEqualTo(Score.EMPTY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            f.copyTo(out, ex);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void anEmptyFileIsTheEmptyScoreAtDepthZero() throws IOException {
        MapStore store = new MapStore();
        Entry e = new HashFileWriter(store, false, 8180, 8192).finish();
        assertThat(e).isEqualTo(new Entry(0, 8180, 8192, BlockType.DATA, Entry.ACTIVE, 0, Score.EMPTY));
        assertThat(store.writes()).isZero();
    }
}
