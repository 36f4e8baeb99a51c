package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.PipelinedWrites;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;
import venti.server.MemoryStore;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.admin.Progress;
import venti.store.Store;
import venti.vac.MetaBlock;
import venti.vac.VacArchive;
import venti.vac.VacDir;
import venti.vac.VacNode;

/**
 * Our vac: archives of the vectors' trees restore exactly, are laid out as the C vac lays
 * them out (checked against the C vac's archive of the same tree), and -d and -a reuse
 * unchanged files without reading them.
 */
class VacRoundTripTest {

    @TempDir
    static Path trees;
    @TempDir
    static Path vectorStore;
    static Store cStore;
    static MemoryStore memory = new MemoryStore();
    static VentiServer server;
    static String host;

    @TempDir
    Path out;

    @BeforeAll
    static void start() throws Exception {
        VacVectors.unpackTrees(trees);
        cStore = VacVectors.open(vectorStore);
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), memory, ServerOptions.DEFAULT);
        host = server.dialAddress().toString();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        cStore.close();
    }

    @Test
    void ourArchiveOfTheFirstTreeRestoresExactly() throws IOException {
        Score s = vac(List.of(trees.resolve("tree-v1").toString()), null).score();
        assertThat(VacCommandsTest.restoreFrom(host, "vac:" + s, out)).isZero();
        Map<String, String> want = new TreeMap<>();
        VacVectors.sums("files-tree.sha1").forEach((p, sum) -> want.put("tree-v1/" + p.substring("tree/".length()), sum));
        assertThat(VacCommandsTest.sums(out)).isEqualTo(want);
    }

    @Test
    void ourArchiveIsLaidOutAsTheCVacLaysItOut() throws IOException {
        Path tree = copyTreeAs("tree-v1", "tree");
        Score s = vac(List.of(tree.toString()), null).score();
        try (VentiClient c = VentiClient.connect(host)) {
            Root root = Root.unpack(c.read(s, BlockType.ROOT, Root.SIZE));
            assertThat(root.type()).isEqualTo("vac");
            assertThat(root.name()).isEmpty();
            assertThat(root.blocksize()).isEqualTo(8192);
            assertThat(root.prev()).isEqualTo(Score.ZERO);
            byte[] dir = c.read(root.score(), BlockType.DIR, 8192);
            assertThat(dir).hasSize(3 * Entry.SIZE);
            for (int i = 0; i < 3; i++) {
                Entry e = Entry.unpack(dir, i);
                assertThat(e.psize()).as("entry %d psize", i).isEqualTo(8180);
                assertThat(e.dsize()).isEqualTo(8192);
                assertThat(e.type().isDirectory()).isEqualTo(i == 0);
            }
            VacArchive ours = VacArchive.open(c, s);
            VacArchive theirs = VacArchive.open(cStore, Score.parse(VacVectors.TREE));
            VacDir top = ours.top().dir();
            assertThat(top.elem()).isEqualTo("/");
            assertThat(top.uid()).isEqualTo("vac");
            assertThat(top.mode()).isEqualTo(VacDir.MODE_DIR | 0777);
            assertThat(top.qidSpace()).isTrue();
            sameLayout(ours, ours.top(), theirs, theirs.top(), c);
        }
    }

    /** Same names in the same meta block order, same file entries (scores, sizes, depths), same meta block shape. */
    private static void sameLayout(VacArchive ours, VacNode a, VacArchive theirs, VacNode b, VentiClient c)
            throws IOException {
        List<VacNode> x = new ArrayList<>(ours.list(a));
        List<VacNode> y = new ArrayList<>(theirs.list(b));
        y.removeIf(n -> (n.dir().mode() & VacDir.MODE_LINK) != 0);
        List<String> xs = x.stream().map(n -> n.dir().elem()).toList();
        List<String> ys = y.stream().map(n -> n.dir().elem()).sorted(MetaBlock.NAME_ORDER).toList();
        assertThat(xs).as(a.path()).isEqualTo(ys);
        for (VacNode n : x) {
            VacNode m = y.stream().filter(k -> k.dir().elem().equals(n.dir().elem())).findFirst().orElseThrow();
            VacDir d = n.dir();
            assertThat(d.mode()).as(n.path()).isEqualTo(m.dir().mode());
            assertThat(d.mtime()).as(n.path()).isEqualTo(m.dir().mtime());
            assertThat(d.plan9()).isFalse();
            if (n.isDir()) {
                assertThat(d.mentry()).isEqualTo(d.entry() + 1);
                assertThat(n.data().type().isDirectory()).isTrue();
                sameLayout(ours, n, theirs, m, c);
            } else {
                assertThat(n.data()).as(n.path()).isEqualTo(withFlags(m.data(), Entry.ACTIVE));
            }
        }
        if (!a.isDir() || a.meta().size() == 0) {
            return;
        }
        for (long bn = 0; bn * 8192 < a.meta().size(); bn++) {
            byte[] block = ours.open(new VacNode("", VacDir.of("m", 0), a.meta(), null)).block(bn);
            java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(block);
            assertThat(h.getInt(0)).isEqualTo(MetaBlock.MAGIC);
            assertThat(h.getShort(8)).as("maxindex").isEqualTo((short) (8192 / 100));
            assertThat(h.getShort(6)).as("free").isZero();
        }
    }

    private static Entry withFlags(Entry e, int flags) {
        return new Entry(e.gen(), e.psize(), e.dsize(), e.type(), flags, e.size(), e.score());
    }

    @Test
    void diffReusesUnchangedFilesWithoutOpeningThem() throws IOException {
        Path v1 = copyTreeAs("tree-v1", "tree");
        VacCommand.Result first = vac(List.of(v1.toString()), null);
        assertThat(first.stats().opened.get()).isEqualTo(314);
        Path v2 = trees.resolve("tree");
        VacCommand.Result second = vac(List.of(v2.toString()), "vac:" + first.score());
        // README.txt, big.bin and new.txt changed or are new; the other 311 are reused unread
        assertThat(second.stats().opened.get()).isEqualTo(3);
        assertThat(second.stats().skippedFiles.get()).isEqualTo(311);
        assertThat(VacCommandsTest.restoreFrom(host, "vac:" + second.score(), out)).isZero();
        assertThat(VacCommandsTest.sums(out)).isEqualTo(VacVectors.sums("files-tree2.sha1"));
        try (VentiClient c = VentiClient.connect(host)) {
            assertThat(Root.unpack(c.read(second.score(), BlockType.ROOT, Root.SIZE)).prev()).isEqualTo(first.score());
        }
    }

    @Test
    void archiveModeAddsADayAndReusesTheLastOne() throws IOException {
        Path archive = out.resolve("archive.vac");
        Path v1 = copyTreeAs("tree-v1", "tree");
        VacCommand.Result first = archive(archive, v1);
        assertThat(first.stats().opened.get()).isEqualTo(314);
        VacCommand.Result second = archive(archive, trees.resolve("tree"));
        assertThat(second.stats().opened.get()).isEqualTo(3);
        LocalDate today = LocalDate.now();
        String day = String.format("%04d/%02d%02d", today.getYear(), today.getMonthValue(), today.getDayOfMonth());
        Cli t = Cli.run("unvac", "-h", host, "-t", archive.toString());
        assertThat(t.out()).startsWith(day.substring(0, 4) + "/\n" + day + ".1/\n" + day + ".1/tree/\n")
                .contains("\n" + day + "/\n" + day + "/tree/\n");
        Path restored = Files.createDirectory(out.resolve("restored"));
        assertThat(VacCommandsTest.restoreFrom(host, Files.readString(archive).strip(), restored)).isZero();
        Map<String, String> want = new TreeMap<>();
        VacVectors.sums("files-tree.sha1").forEach((p, sum) -> want.put(day + "/" + p, sum));
        VacVectors.sums("files-tree2.sha1").forEach((p, sum) -> want.put(day + ".1/" + p, sum));
        assertThat(VacCommandsTest.sums(restored)).isEqualTo(want);
    }

    @Test
    void theCommandLineArchivesAndRestoresAndReportsStatistics() throws IOException {
        Path v1 = trees.resolve("tree-v1");
        Path vacFile = out.resolve("t.vac");
        Cli v = Cli.run("vac", "-s", "-h", host, "-f", vacFile.toString(), "-e", ".../many", v1.toString());
        assertThat(v.status()).as(v.err()).isZero();
        assertThat(Files.readString(vacFile)).matches("vac:[0-9a-f]{40}\n");
        assertThat(v.err()).contains("vac: excluding " + v1 + "/many/\n").contains("vac: skipping symbolic link " + v1 + "/link\n")
                .contains("14 files, 0 files skipped, 7 directories\n");
        Cli t = Cli.run("unvac", "-h", host, "-t", vacFile.toString());
        assertThat(t.out()).doesNotContain("many").contains("tree-v1/dir1/dir2/dir3/deep.txt\n");
        Cli stdin = Cli.runWithInput("piped\n".getBytes(), "vac", "-h", host, "-i", "piped.txt");
        assertThat(stdin.status()).as(stdin.err()).isZero();
        Cli c = Cli.run("unvac", "-h", host, "-c", stdin.out().strip());
        assertThat(c.out()).isEqualTo("piped\n");
    }

    @Test
    void mergeTakesInTheArchivesFound() throws IOException {
        Score s = vac(List.of(trees.resolve("tree-v1/dir1").toString()), null).score();
        Path dir = out.resolve("in");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("old.vac"), "vac:" + s + "\n");
        Files.writeString(dir.resolve("plain.txt"), "plain\n");
        Cli m = Cli.run("vac", "-m", "-h", host, dir.toString());
        assertThat(m.status()).as(m.err()).isZero();
        Cli t = Cli.run("unvac", "-h", host, "-t", m.out().strip());
        assertThat(t.out()).isEqualTo("in/\nin/dir1/\nin/dir1/dir2/\nin/dir1/dir2/dir3/\nin/dir1/dir2/dir3/deep.txt\n"
                + "in/plain.txt\n");
    }

    @Test
    void writefileAndReadfileRoundTripInTheCLayout() throws IOException {
        byte[] data = new byte[3 * 8192 * 409 + 17];
        new java.util.Random(7).nextBytes(data);
        Cli w = Cli.runWithInput(data, "writefile", "-h", host);
        assertThat(w.status()).as(w.err()).isZero();
        assertThat(w.out()).matches("file:[0-9a-f]{40}\n");
        Cli r = Cli.run("readfile", "-h", host, w.out().strip());
        assertThat(r.stdout()).isEqualTo(data);
        try (VentiClient c = VentiClient.connect(host)) {
            Root root = Root.unpack(c.read(Score.parse(w.out().strip()), BlockType.ROOT, Root.SIZE));
            assertThat(root).extracting(Root::name, Root::type, Root::blocksize, Root::prev)
                    .containsExactly("data", "file", 8192L, Score.ZERO);
            Entry e = Entry.unpack(c.read(root.score(), BlockType.DIR, 100), 0);
            assertThat(e).extracting(Entry::psize, Entry::dsize, Entry::type, Entry::size)
                    .containsExactly(8192L, 8192L, BlockType.DATA2, (long) data.length);
        }
        Cli bad = Cli.run("readfile", "-h", host, "vac:" + Score.EMPTY);
        assertThat(bad.status()).isEqualTo(Failure.EXIT_FAILURE);
    }

    @Test
    void aServerThatRefusesWritesFailsTheArchiveWithItsReason() throws IOException {
        ServerOptions d = ServerOptions.DEFAULT;
        ServerOptions readOnly = new ServerOptions(true, d.idleTimeout(), d.maxInFlight(), d.maxFrame(),
                d.maxConnections(), d.drainTimeout());
        try (VentiServer ro = VentiServer.start(new DialAddress("127.0.0.1", 0), new MemoryStore(), readOnly)) {
            Cli v = Cli.run("vac", "-h", ro.dialAddress().toString(), trees.resolve("tree-v1/dir1").toString());
            assertThat(v.status()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(v.err()).startsWith("venti vac: ").contains("read only").hasLineCount(1);
            assertThat(v.out()).isEmpty();
        }
    }

    @Test
    void unvacDiffRewritesOnlyTheBlocksThatDiffer() throws IOException {
        Score s = vac(List.of(trees.resolve("tree-v1").toString()), null).score();
        assertThat(VacCommandsTest.restoreFrom(host, "vac:" + s, out)).isZero();
        Path big = out.resolve("tree-v1/big.bin");
        byte[] want = Files.readAllBytes(big);
        byte[] changed = want.clone();
        changed[100_000] ^= 1;
        Files.write(big, java.util.Arrays.copyOf(changed, changed.length + 5));
        try (VentiClient c = VentiClient.connect(host)) {
            VacRestorer r = new VacRestorer(VacArchive.open(c, s), out, new VacRestorer.Options(false, false, false,
                    true, false, ZoneOffset.UTC), new PrintWriter(new StringWriter()), new ByteArrayOutputStream(),
                    new PrintWriter(new StringWriter()), Progress.NONE.start("", 0, "B"));
            assertThat(r.run(List.of("tree-v1/big.bin"))).isZero();
            // the block with the flipped bit, and the last one, which the 5 extra bytes changed
            int rewritten = 8192 + want.length % 8192;
            assertThat(r.stats()).isEqualTo(rewritten + " bytes read, " + (want.length - rewritten) + " bytes skipped\n");
        }
        assertThat(Files.readAllBytes(big)).isEqualTo(want);
    }

    private static Path copyTreeAs(String from, String as) throws IOException {
        Path dir = Files.createTempDirectory(trees, "copy");
        Process p;
        try {
            p = new ProcessBuilder("cp", "-a", trees.resolve(from).toString(), dir.resolve(as).toString()).start();
            if (p.waitFor() != 0) {
                throw new IOException("cp -a failed: " + new String(p.getErrorStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return dir.resolve(as);
    }

    private static VacCommand.Result vac(List<String> files, String diff) throws IOException {
        return run(new VacCommand.Request(files, null, new ByteArrayInputStream(new byte[0]), 8192, new Excludes(),
                null, diff, false, false));
    }

    private static VacCommand.Result archive(Path archive, Path tree) throws IOException {
        VacCommand.Result r = run(new VacCommand.Request(List.of(tree.toString()), null,
                new ByteArrayInputStream(new byte[0]), 8192, new Excludes(), archive, null, false, false));
        Files.writeString(archive, "vac:" + r.score() + "\n");
        return r;
    }

    private static VacCommand.Result run(VacCommand.Request r) throws IOException {
        try (VentiClient c = VentiClient.connect(host)) {
            return VacCommand.vac(new PipelinedWrites(c), r, new PrintWriter(new StringWriter()), Progress.NONE);
        }
    }
}
