package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.DialAddress;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/** venti randtest in its own process, stopped with SIGINT (Ctrl-C) mid-pass: it still prints its summary. */
class RandTestInterruptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCPrintsTheSummaryOfTheBlocksDone() throws Exception {
        try (VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), new DevNullCommand.NullStore(),
                ServerOptions.DEFAULT)) {
            Path out = dir.resolve("randtest.out");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "randtest", "-w", "-h", server.dialAddress().toString(), "-n", "1000g")
                    .redirectOutput(out.toFile())
                    .start();
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                assertThat(err.readLine()).as("the first progress line").startsWith("write: ");
                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("randtest exits after SIGINT").isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.readString(out)).matches("write: [1-9][0-9]* bytes / [0-9.]+ seconds = [0-9.]+ MB/s,"
                    + " [0-9]+ blocks/s, latency p50 [0-9.]+ ms, p99 [0-9.]+ ms \\(interrupted after [1-9][0-9]* of"
                    + " 131072000 blocks\\)\n");
        }
    }
}
