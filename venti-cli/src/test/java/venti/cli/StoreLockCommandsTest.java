package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.DialAddress;
import venti.store.GoldenStore;
import venti.store.UnindexedWriter;
import venti.store.admin.TestStores;

/**
 * One store, one writer, as an operator meets it: a second server on the same store, in this
 * process or another, and a writing tool beside a server are refused at once with one line
 * naming the partition and the holder; read-only tools run with a warning; a killed server
 * leaves no lock; a busy port stops the server before recovery changes anything.
 */
class StoreLockCommandsTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String digest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".part")).sorted().toList()) {
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static Process java(Path dir, String main, String... args) throws IOException {
        String[] cmd = new String[4 + args.length];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = main;
        System.arraycopy(args, 0, cmd, 4, args.length);
        return new ProcessBuilder(cmd).directory(dir.toFile()).start();
    }

    /** Waits for a server process's "listening on" line; keeps draining its standard error. */
    private static void awaitListening(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains("listening on ")) {
                Thread.ofVirtual().start(() -> err.lines().forEach(l -> { }));
                return;
            }
        }
        throw new AssertionError("the server exited before listening:\n" + seen);
    }

    @Test
    void aSecondServerInThisProcessIsRefusedWithOneLine() throws Exception {
        TestStores.format(dir, TestStores.SMALL);
        Path conf = GoldenStore.absoluteConf(dir);
        int first = freePort();
        int second = freePort();
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run("server", "-c", conf.toString(),
                "-a", "127.0.0.1:" + first)));
        try {
            for (int i = 0; i < 1000 && !listening(first) && !result.isDone(); i++) {
                Thread.sleep(10);
            }
            try (VentiClient c = VentiClient.connect(new DialAddress("127.0.0.1", first), ClientOptions.DEFAULT)) {
                c.sync();
            }
            Cli r = Cli.run("server", "-c", conf.toString(), "-a", "127.0.0.1:" + second);
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("venti server: store in use: " + dir.resolve("arenas.part")
                    + " is locked by another store open in this process (pid " + SELF + ")\n");
            assertThat(listening(second)).isFalse();
            assertThat(listening(first)).isTrue();
        } finally {
            t.interrupt();
        }
        assertThat(result.get().status()).as(result.get().err()).isZero();
    }

    @Test
    void aServerInAnotherProcessKeepsOutServersAndWritingToolsButNotReaders() throws Exception {
        TestStores.format(dir, TestStores.SMALL);
        Path conf = GoldenStore.absoluteConf(dir);
        Process server = java(dir, Main.class.getName(), "server", "-c", conf.toString(), "-a", "127.0.0.1:0");
        try {
            awaitListening(server);
            String before = digest();
            String held = " is locked by another venti (pid " + server.pid() + ")\n";
            String refused = "store in use: " + dir.resolve("arenas.part") + held;
            assertThat(Cli.run("server", "-c", conf.toString(), "-a", "127.0.0.1:0").err()).isEqualTo("venti server: " + refused);
            String c = conf.toString();
            String[][] writers = {{"checkindex", "-f", c, dir.resolve("tmp").toString()}, {"buildindex", c}, {"syncindex", c}};
            for (String[] tool : writers) {
                Cli r = Cli.run(tool);
                assertThat(r.status()).as(tool[0]).isEqualTo(1);
                assertThat(r.err()).as(tool[0]).isEqualTo("venti " + tool[0] + ": " + refused);
            }
            Cli fmt = Cli.run("fmtisect", "isect1.", dir.resolve("isect0.part").toString());
            assertThat(fmt.err()).isEqualTo("venti fmtisect: store in use: " + dir.resolve("isect0.part") + held);
            assertThat(digest()).as("nothing refused changed the store").isEqualTo(before);

            Process reader = java(dir, Main.class.getName(), "printarenas", conf.toString());
            reader.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            String err = new String(reader.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reader.waitFor()).as(err).isZero();
            assertThat(err.lines().filter(l -> l.contains("store in use")).toList()).as("warned once").singleElement()
                    .asString().contains("arenas.part is locked by another venti (pid " + server.pid() + ")")
                    .contains("may be a moment old");
        } finally {
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Cli after = Cli.run("syncindex", conf.toString());
        assertThat(after.status()).as("kill -9 left no lock: %s", after.err()).isZero();
    }

    @Test
    void aBusyPortStopsTheServerBeforeRecoveryTouchesTheStore() throws Exception {
        TestStores.format(dir, TestStores.SMALL);
        Path conf = GoldenStore.absoluteConf(dir);
        Process writer = java(dir, UnindexedWriter.class.getName(), conf.toString(), "500");
        assertThat(new String(writer.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()).isEqualTo("synced 500");
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String before = digest();
        try (ServerSocket busy = new ServerSocket(0)) {
            Cli r = Cli.run("server", "-c", conf.toString(), "-a", "127.0.0.1:" + busy.getLocalPort());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).startsWith("venti server: cannot announce tcp!127.0.0.1!" + busy.getLocalPort())
                    .doesNotContain("indexing");
        }
        assertThat(digest()).as("the store needing recovery is as the crash left it").isEqualTo(before);
        Cli sync = Cli.run("syncindex", conf.toString());
        assertThat(sync.status()).as(sync.err()).isZero();
        assertThat(digest()).as("recovery had work to do").isNotEqualTo(before);
    }
}
