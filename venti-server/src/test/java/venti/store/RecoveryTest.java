package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.Sha1;
import venti.store.admin.CheckIndex;
import venti.store.admin.TestStores;

/**
 * Recovery finishes for any backlog and any index cache size: a crash leaves more
 * unindexed clumps than the index cache may hold dirty, and the next open, with a tiny
 * cache, indexes them all (it used to hang: recovery held the log lock while waiting for the
 * index writer, whose round begins by syncing the log).
 */
class RecoveryTest {

    private static final int BLOCKS = 20_000;

    @TempDir
    Path dir;

    /** Block {@code i}: 200 bytes, distinct. */
    static byte[] block(int i) {
        return TestStores.block(1_000_000L + i, 200);
    }

    @Test
    void recoveryWithATinyIndexCacheIndexesABacklogManyTimesItsSize() throws Exception {
        Path conf = TestStores.format(dir, TestStores.SMALL);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UnindexedWriter.class.getName(),
                conf.toString(), Integer.toString(BLOCKS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        assertThat(out).as("every block still dirty when the writer died").isEqualTo("synced " + BLOCKS);

        VentiConfig c = VentiConfig.read(conf);
        List<String> report = new ArrayList<>();
        Store.Options tiny = new Store.Options(1 << 20, 256 << 10, Store.Options.heapBudget());
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (Store s = Store.open(c, dir, Store.Mode.READ_WRITE, tiny, report::add)) {
                assertThat(s.cacheUse().maxDirty()).as("the bound recovery must respect").isLessThan(BLOCKS / 10);
                assertAllRead(s);
            }
        }, "recovery with a 256 KiB index cache never finished");
        assertThat(report).anySatisfy(line -> assertThat(line).contains("indexing"));
        try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
            assertAllRead(s);
            StringWriter w = new StringWriter();
            assertThat(CheckIndex.run(s, false, 1 << 30, new PrintWriter(w, true))).as(w.toString()).isTrue();
            for (Arena a : s.index().arenas()) {
                assertThat(a.trailer().diskStats()).as("%s indexed", a.name()).isEqualTo(a.trailer().memStats());
            }
        }
    }

    private static void assertAllRead(Store s) throws IOException {
        for (int i = 0; i < BLOCKS; i++) {
            byte[] want = block(i);
            assertThat(s.read(Sha1.hash(want), TestStores.type(i))).as("block %d", i).isEqualTo(want);
        }
    }
}
