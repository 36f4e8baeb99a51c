package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.store.FilePart;
import venti.store.Part;
import venti.store.Store;
import venti.store.admin.CheckArenas;
import venti.store.admin.CheckIndex;
import venti.store.admin.TestStores;

/**
 * {@code venti server} in its own process, stopped with SIGTERM while a client still has
 * unsynced writes: it must exit within seconds, and leave a store the checkers find clean,
 * with every acknowledged block in it.
 */
class ServerShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermWritesEverythingBackAndExitsQuickly() throws Exception {
        Path conf = TestStores.format(dir, TestStores.SMALL);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "server", "-c", conf.toString(), "-a", "127.0.0.1:0")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("server.out").toFile())
                .start();
        List<Score> scores = new ArrayList<>();
        try {
            DialAddress address = listeningAddress(p);
            try (VentiClient c = VentiClient.connect(address, ClientOptions.DEFAULT)) {
                for (int i = 0; i < 400; i++) {
                    scores.add(c.write(BlockType.DATA, TestStores.block(i, 300 + i * 13 % 5000)));
                    if (i == 200) {
                        c.sync();
                    }
                }
            }
            long t0 = System.nanoTime();
            p.destroy();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("ms to stop").isLessThan(10_000);
        } finally {
            p.destroyForcibly();
        }
        try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
            for (int i = 0; i < scores.size(); i++) {
                assertThat(s.read(scores.get(i), BlockType.DATA)).isEqualTo(TestStores.block(i, 300 + i * 13 % 5000));
            }
            StringWriter out = new StringWriter();
            assertThat(CheckIndex.run(s, false, 1 << 30, new PrintWriter(out, true))).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("bloom filter: correct");
        }
        try (Part part = FilePart.open("arenas.part", dir, true)) {
            StringWriter out = new StringWriter();
            assertThat(CheckArenas.run(part, true, false, 0, List.of(), new PrintWriter(out, true))).as(out.toString()).isTrue();
        }
    }

    /** Waits for the server's "listening on" line on standard error. */
    private static DialAddress listeningAddress(Process p) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                String address = line.substring(at + "listening on ".length()).split(" ")[0];
                Thread.ofVirtual().start(() -> err.lines().forEach(l -> { }));
                return DialAddress.parseDial(address);
            }
        }
        throw new AssertionError("the server exited before listening:\n" + seen);
    }
}
