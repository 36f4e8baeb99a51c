package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.store.admin.DefaultStore;

/**
 * Where venti server keeps the store it makes for itself, and what it says at start-up. The
 * environment and working directory are the test's own, so nothing is made in the real home.
 */
class ServerStoreLocationTest {

    @TempDir
    Path dir;

    private Environment env(Map<String, String> variables) throws Exception {
        return new Environment(variables, Files.createDirectories(dir.resolve("work")));
    }

    /** Runs venti server in {@code env} on a free port until it listens, then stops it; returns what it printed. */
    private static Cli serve(Environment env, int port, String... more) throws Exception {
        String[] args = new String[more.length + 3];
        args[0] = "server";
        args[1] = "-a";
        args[2] = String.valueOf(port);
        System.arraycopy(more, 0, args, 3, more.length);
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.runIn(env, args)));
        try {
            Ports.awaitServing(port, result);
        } finally {
            t.interrupt();
        }
        Cli r = result.get();
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    @Test
    void theDefaultStoreIsMadeUnderXdgDataHomeAndStartUpSaysWhereAndHowToUseIt() throws Exception {
        Environment env = env(Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString(), "HOME", dir.resolve("home").toString()));
        int port = Ports.free();
        Cli first = serve(env, port);
        Path store = dir.resolve("xdg/venti");
        assertThat(store.resolve("venti.conf")).isRegularFile();
        assertThat(dir.resolve("work/venti-data")).doesNotExist();
        assertThat(dir.resolve("home")).doesNotExist();
        assertThat(first.err()).contains("venti: making a default store in " + store + "\n")
                .containsPattern("venti: store " + store.resolve("venti.conf") + ": 0 bytes used of [0-9.]+ [MGT]iB, in \\d+ arenas\n")
                .contains("venti: listening on tcp!127.0.0.1!" + port + "\n")
                .endsWith("venti: for the client commands: export venti='tcp!127.0.0.1!" + port + "'\n");
        Cli again = serve(env, port);
        assertThat(again.err()).as("reused").doesNotContain("making").contains("venti: store " + store.resolve("venti.conf"));
    }

    @Test
    void anOldVentiDataInTheWorkingDirectoryIsStillUsedAndSaidSo() throws Exception {
        Environment env = env(Map.of("HOME", dir.resolve("home").toString()));
        Path legacy = dir.resolve("work/venti-data");
        DefaultStore.create(legacy, 0, new PrintWriter(new StringWriter()));
        int port = Ports.free();
        Cli r = serve(env, port);
        assertThat(r.err()).startsWith("venti: using the store in " + legacy + ", made there by an older version")
                .contains("venti: store " + legacy.resolve("venti.conf") + ": ");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void theLocationComesFromDataThenVentiDataThenXdgDataHomeThenHome() throws Exception {
        Environment all = env(Map.of("VENTI_DATA", "vd", "XDG_DATA_HOME", "/x", "HOME", "/h"));
        assertThat(StoreLocation.choose(Path.of("given"), all).dir()).isEqualTo(dir.resolve("work/given"));
        assertThat(StoreLocation.choose(null, all).dir()).isEqualTo(dir.resolve("work/vd"));
        assertThat(StoreLocation.choose(null, env(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"))).dir())
                .isEqualTo(Path.of("/x/venti"));
        assertThat(StoreLocation.choose(null, env(Map.of("XDG_DATA_HOME", "", "HOME", "/h"))).dir())
                .isEqualTo(Path.of("/h/.local/share/venti"));
        assertThatThrownBy(() -> StoreLocation.choose(null, env(Map.of()))).hasMessageContaining("--data");
    }
}
