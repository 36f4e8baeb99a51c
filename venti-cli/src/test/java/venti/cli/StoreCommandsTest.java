package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.store.GoldenStore;

/** The formatting and inspection commands, run in-process, against the C tools' output. */
class StoreCommandsTest {

    @TempDir
    Path dir;

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private void sparse(String name, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private String absoluteConf() {
        return GoldenStore.absoluteConf(dir).toString();
    }

    @Test
    void formatsAStoreLikeTheCTools() throws IOException {
        sparse("arenas.part", 8 << 20);
        sparse("isect0.part", 2 << 20);
        sparse("bloom.part", 1 << 20);
        Files.copy(GoldenStore.unpack(Files.createDirectory(dir.resolve("golden"))), dir.resolve("venti.conf"));
        String conf = absoluteConf();

        Cli a = Cli.run("fmtarenas", "-a", "1m", "arenas0.", path("arenas.part"));
        Cli i = Cli.run("fmtisect", "isect0.", path("isect0.part"));
        Cli b = Cli.run("fmtbloom", path("bloom.part"));
        Cli x = Cli.run("fmtindex", conf);
        assertThat(a.status() + i.status() + b.status() + x.status()).isZero();
        String c = GoldenStore.toolOutput("format.txt").replace("arenas.part", path("arenas.part"))
                .replace("isect0.part", path("isect0.part"));
        assertThat(a.err() + i.err() + b.err() + x.err()).isEqualTo(c);
        assertThat(a.out() + i.out() + b.out() + x.out()).isEmpty();

        Cli map = Cli.run("printmap", conf);
        assertThat(map.out()).isEqualTo(GoldenStore.toolOutput("printmap.txt"));
        Cli index = Cli.run("printindex", conf);
        assertThat(index.status()).isZero();
        assertThat(index.out()).isEmpty();
    }

    @Test
    void printindexAndPrintarenasMatchTheCTools() throws IOException {
        GoldenStore.unpack(dir);
        String conf = absoluteConf();
        Cli index = Cli.run("printindex", "-B", "1m", conf);
        assertThat(index.status()).isZero();
        assertThat(index.out()).isEqualTo(GoldenStore.toolOutput("printindex.txt"));
        Cli arenas = Cli.run("printarenas", conf);
        assertThat(arenas.out()).isEqualTo(GoldenStore.toolOutput("printarenas.txt"));
        Cli one = Cli.run("printarenas", conf, "arenas0.3", "arenas0.6");
        assertThat(one.out().lines().count()).isEqualTo(146);
        assertThat(Cli.run("printindex", conf, "isect0.").out()).isEqualTo(index.out());
    }

    @Test
    void printarenaAndPrintarenapart() throws IOException {
        GoldenStore.unpack(dir);
        Cli arena = Cli.run("printarena", "-o", "794624", path("arenas.part"));
        assertThat(arena.status()).isZero();
        String c = GoldenStore.toolOutput("printarena-arenas0.0.txt");
        assertThat(arena.out().lines().toList()).hasSize(630).first().isEqualTo(c.lines().findFirst().orElseThrow());
        assertThat(arena.out()).endsWith("end offset 1009477\n");
        assertThat(arena.err()).startsWith("arena='arenas0.0' [802816,1851392)\n");
        Cli part = Cli.run("printarenapart", path("arenas.part"));
        assertThat(part.status()).isZero();
        assertThat(part.out()).startsWith("# arena part version=3 blocksize=8192 arenabase=794624\n"
                + "arena arenas0.0 794624 clumps=628 cclumps=471 used=1,009,477 uncsize=2,449,273 sealed\n");
    }

    @Test
    void clusteredFlagsAndVersion4Arenas() throws IOException {
        sparse("old.part", 4 << 20);
        Cli r = Cli.run("fmtarenas", "-4Z", "-a", "1m", "-b", "4k", "old", path("old.part"));
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("fmtarenas " + path("old.part") + ": 3 arenas, 3,403,776 bytes storage, 524,288 bytes for index map\n");
        Cli head = Cli.run("printarena", "-o", "790528", path("old.part"));
        assertThat(head.out()).startsWith("# arena head version=4 name=old0 blocksize=4096 size=1048576 clumpmagic=0xd15cb10c\n");
        Cli zeroed = Cli.run("fmtisect", "-1", "-b", "8k", "s", path("old.part"));
        assertThat(zeroed.err()).startsWith("clearing " + path("old.part") + "\nfmtisect ");
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        sparse("x.part", 1 << 20);
        Cli big = Cli.run("fmtarenas", "-b", "128k", "a", path("x.part"));
        assertThat(big.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(big.err()).isEqualTo("venti fmtarenas: block size too large, max 65536 ('venti fmtarenas --help' shows the usage)\n");
        Cli both = Cli.run("fmtbloom", "-n", "1000", "-N", "10", path("x.part"));
        assertThat(both.status()).isEqualTo(Failure.EXIT_USAGE);
        Cli many = Cli.run("fmtbloom", "-N", "33", path("x.part"));
        assertThat(many.err()).startsWith("venti fmtbloom: maximum possible is -N 32");
        Cli size = Cli.run("fmtarenas", "-a", "1q", "a", path("x.part"));
        assertThat(size.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(size.err()).contains("bad size '1q'");
        Cli missing = Cli.run("printmap", path("none.conf"));
        assertThat(missing.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(missing.err()).isEqualTo("venti printmap: can't open configuration file " + path("none.conf") + ": no such file\n");
        Cli small = Cli.run("fmtarenas", "a", path("x.part"));
        assertThat(small.err()).contains("too small for an arena partition");
    }

    @Test
    void confStoresAndPrintsAConfigurationInAPartition() throws IOException {
        GoldenStore.unpack(dir);
        String conf = absoluteConf();
        Cli w = Cli.run("conf", "-w", path("isect0.part"), conf);
        assertThat(w.status()).isZero();
        Cli r = Cli.run("conf", path("isect0.part"));
        assertThat(r.out()).isEqualTo(Files.readString(Path.of(conf)));
        Cli map = Cli.run("printmap", path("isect0.part"));
        assertThat(map.out()).isEqualTo(GoldenStore.toolOutput("printmap.txt"));
        Cli none = Cli.run("conf", path("arenas.part"));
        assertThat(none.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(none.err()).contains("bad venti config magic");
    }
}
