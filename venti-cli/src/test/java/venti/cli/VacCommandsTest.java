package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.VentiClient;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.admin.Progress;
import venti.store.Store;
import venti.vac.HashFile;
import venti.vac.VacArchive;
import venti.vac.VacDir;
import venti.vac.VacNode;

/** unvac against the C vac's archives, served by our server from the store the C venti filled. */
class VacCommandsTest {

    @TempDir
    static Path storeDir;
    static Store store;
    static VentiServer server;
    static String host;

    @TempDir
    Path out;

    @BeforeAll
    static void serve() throws IOException {
        store = VacVectors.open(storeDir);
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
        host = server.dialAddress().toString();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        store.close();
    }

    @Test
    void unvacRestoresTheFirstTreeExactly() throws IOException {
        assertThat(restore(VacVectors.TREE, out)).isZero();
        assertThat(sums(out)).isEqualTo(VacVectors.sums("files-tree.sha1"));
    }

    @Test
    void unvacRestoresTheIncrementalArchive() throws IOException {
        assertThat(restore(VacVectors.TREE2, out)).isZero();
        assertThat(sums(out)).isEqualTo(VacVectors.sums("files-tree2.sha1"));
    }

    @Test
    void unvacRestoresTheArchiveModeArchiveUnderItsDay() throws IOException {
        assertThat(restore(VacVectors.ARCHIVE, out)).isZero();
        Map<String, String> want = new TreeMap<>();
        VacVectors.sums("files-tree2.sha1").forEach((p, s) -> want.put("2026/1129/" + p, s));
        assertThat(sums(out)).isEqualTo(want);
    }

    @Test
    void unvacRestoresTheTwoKilobyteBlockArchive() throws IOException {
        assertThat(restore(VacVectors.DIR1_2K, out)).isZero();
        Map<String, String> want = new TreeMap<>();
        VacVectors.sums("files-tree.sha1").forEach((p, s) -> {
            if (p.startsWith("tree/dir1/") || p.startsWith("tree/names/")) {
                want.put(p.substring("tree/".length()), s);
            }
        });
        assertThat(sums(out)).isEqualTo(want);
    }

    @Test
    void restoredModesAreTheArchivedOnes() throws IOException {
        restore(VacVectors.TREE, out);
        assertThat(Files.getPosixFilePermissions(out.resolve("tree/modes/exec.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(out.resolve("tree/modes/readonly")))
                .doesNotContain(PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(out.resolve("tree/modes/private")))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        assertThat(Files.exists(out.resolve("tree/link"))).isFalse();
        assertThat(Files.isDirectory(out.resolve("tree/emptydir"))).isTrue();
        FileTime archived = FileTime.from(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(Files.getLastModifiedTime(out.resolve("tree/README.txt"))).as("-T on a file").isEqualTo(archived);
        assertThat(Files.getLastModifiedTime(out.resolve("tree/dir1"))).as("-T on a directory").isEqualTo(archived);
    }

    @Test
    void listingsAreTheCUnvacsByteForByte() {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
        try {
            Cli t = Cli.run("unvac", "-h", host, "-t", VacVectors.TREE);
            assertThat(t.status()).as(t.err()).isZero();
            assertThat(t.out()).isEqualTo(VacVectors.text("toc-tree.txt"));
            Cli tv = Cli.run("unvac", "-h", host, "-tv", VacVectors.TREE);
            assertThat(tv.out()).isEqualTo(VacVectors.text("toc-tree-v.txt"));
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void unvacTakesAVacFileAndListsOnlyThePathsAskedFor() {
        Cli t = Cli.run("unvac", "-h", host, "-t", VacVectors.path("tree.vac").toString(), "tree/dir1", "tree/one");
        assertThat(t.status()).as(t.err()).isZero();
        assertThat(t.out()).isEqualTo("tree/\ntree/dir1/\ntree/dir1/dir2/\ntree/dir1/dir2/dir3/\n"
                + "tree/dir1/dir2/dir3/deep.txt\ntree/one\n");
        Cli missing = Cli.run("unvac", "-h", host, "-t", VacVectors.TREE, "tree/nothing");
        assertThat(missing.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(missing.err()).isEqualTo("warning: didn't find tree/nothing\n");
    }

    @Test
    void unvacToStandardOutputWritesTheFilesInOrder() throws IOException {
        Cli c = Cli.run("unvac", "-h", host, "-c", VacVectors.TREE, "tree/dir1/dir2/dir3/deep.txt", "tree/one");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(Sha1.hash(c.stdout()).toString()).isNotEmpty();
        assertThat(c.stdout()).hasSize(294 + 1);
    }

    @Test
    void theCDirectoryEntriesRepackToTheirOwnBytes() throws IOException {
        VacArchive a = VacArchive.open(store, Score.parse(VacVectors.TREE));
        int checked = 0;
        for (VacNode dir : directories(a, a.top())) {
            HashFile meta = a.open(new VacNode(dir.path(), VacDir.of("meta", 0), dir.meta(), null));
            for (long bn = 0; bn < meta.blocks(); bn++) {
                ByteBuffer b = ByteBuffer.wrap(meta.block(bn));
                for (int i = 0; i < b.getShort(10); i++) {
                    int off = b.getShort(12 + 4 * i);
                    int len = b.getShort(12 + 4 * i + 2);
                    byte[] c = Arrays.copyOfRange(b.array(), off, off + len);
                    assertThat(VacDir.unpack(c, 0, len).pack()).as("%s block %d entry %d", dir.path(), bn, i).isEqualTo(c);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(323);
    }

    private static List<VacNode> directories(VacArchive a, VacNode dir) throws IOException {
        List<VacNode> all = new ArrayList<>(List.of(dir));
        for (VacNode c : a.list(dir)) {
            if (c.isDir()) {
                all.addAll(directories(a, c));
            }
        }
        return all;
    }

    @Test
    void aBadScoreIsOneClearLine() {
        Cli c = Cli.run("unvac", "-h", host, "-t", "vac:" + "ab".repeat(20));
        assertThat(c.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(c.err()).startsWith("venti unvac: vac:" + "ab".repeat(20) + ": no root block: ").hasLineCount(1);
    }

    /** Restores an archive from our server into {@code dir}; returns the number of errors. */
    static int restore(String vac, Path dir) throws IOException {
        return restoreFrom(host, vac, dir);
    }

    /** Restores an archive from the server at {@code host} into {@code dir}; returns the number of errors. */
    static int restoreFrom(String host, String vac, Path dir) throws IOException {
        StringWriter err = new StringWriter();
        try (VentiClient c = VentiClient.connect(host)) {
            VacArchive a = VacArchive.open(c, Score.parse(vac));
            VacRestorer r = new VacRestorer(a, dir, new VacRestorer.Options(false, false, false, false, true,
                    ZoneOffset.UTC), new PrintWriter(new StringWriter()), new ByteArrayOutputStream(),
                    new PrintWriter(err, true), Progress.NONE.start("", 0, "B"));
            int errors = r.run(List.of());
            assertThat(err.toString()).isEqualTo(errors == 0 ? expectedWarnings(vac) : err.toString());
            return errors;
        }
    }

    private static String expectedWarnings(String vac) {
        return vac.equals(VacVectors.TREE) || vac.equals(VacVectors.TREE2) ? "warning: ignoring link tree/link\n"
                : vac.equals(VacVectors.ARCHIVE) ? "warning: ignoring link 2026/1129/tree/link\n" : "";
    }

    /** SHA-1 of every regular file under {@code dir}, by path relative to it. */
    static Map<String, String> sums(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Sha1.hash(Files.readAllBytes(p)).toString());
            }
        }
        return m;
    }
}
