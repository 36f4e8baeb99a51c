package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.Store;
import venti.store.admin.TestStores;
import venti.store.rados.TestCluster;

/** mkpart, and README's recipe for a store by hand (mkpart, the fmt commands, the checkers) in files and on RADOS. */
class MkPartCommandTest {

    @TempDir
    Path dir;

    @Test
    void makesASparseFileOnceOnly() throws IOException {
        Path file = dir.resolve("arenas.part");
        Cli made = Cli.run("mkpart", file.toString(), "8m");
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(Files.size(file)).isEqualTo(8 << 20);
        Cli again = Cli.run("mkpart", file.toString(), "8m");
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).startsWith("venti mkpart: partition '" + file + "' exists");
        assertThat(Cli.run("mkpart", dir.resolve("x").toString(), "0").err()).contains("size must be positive");
    }

    @Test
    void theRecipeMakesAStoreInFiles() throws IOException {
        recipe(dir + "/");
    }

    @Test
    void theRecipeMakesAStoreOnRados() throws IOException {
        recipe(TestCluster.location());
    }

    /** README's "Making a store by hand", with partition names starting {@code location}; then blocks in, and the checkers. */
    private void recipe(String location) throws IOException {
        String arenas = location + "arenas.part";
        String isect = location + "isect0.part";
        String bloom = location + "bloom.part";
        Path conf = dir.resolve("venti.conf");
        Files.writeString(conf, "index main\narenas " + arenas + "\nisect " + isect + "\nbloom " + bloom + "\n");
        String[][] steps = {
                {"mkpart", arenas, "8m"}, {"mkpart", isect, "2m"}, {"mkpart", bloom, "1m"},
                {"fmtarenas", "-a", "1m", "arenas0.", arenas}, {"fmtisect", "isect0.", isect}, {"fmtbloom", bloom},
                {"fmtindex", conf.toString()},
        };
        for (String[] step : steps) {
            Cli r = Cli.run(step);
            assertThat(r.status()).as(String.join(" ", step) + ": " + r.err()).isZero();
        }
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < 500; i++) {
                byte[] b = TestStores.block(i, 100 + i * 13);
                assertThat(s.write(TestStores.type(i), b, 0, b.length)).isEqualTo(Sha1.hash(b));
            }
        }
        Cli checkArenas = Cli.run("checkarenas", "-a", arenas);
        assertThat(checkArenas.status()).as(checkArenas.err()).isZero();
        Cli checkIndex = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(checkIndex.err()).as(checkIndex.err()).endsWith("checkindex: index is correct\n");
        try (Store s = TestStores.open(conf, Store.Mode.READ_ONLY)) {
            byte[] b = TestStores.block(499, 100 + 499 * 13);
            Score score = Sha1.hash(b);
            assertThat(s.read(score, TestStores.type(499))).isEqualTo(b);
        }
    }
}
