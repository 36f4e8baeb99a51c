package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures a new user meets first, each one line that says what to do about it. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownHostCouldNotBeResolved() {
        Cli r = Cli.run("sync", "-h", "no-such-host.invalid");
        assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(r.err()).isEqualTo("venti sync: cannot connect to venti server tcp!no-such-host.invalid!17034:"
                + " host no-such-host.invalid could not be resolved\n");
    }

    @Test
    void controlBytesFromABrokenConfigAreShownEscaped() throws Exception {
        Path conf = Files.write(dir.resolve("venti.conf"), new byte[] {'i', 'n', 'd', 'e', 'x', ' ', 0x1b, '[', '2', 'J', 7, '\n'});
        Cli r = Cli.run("printmap", conf.toString());
        assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(r.err()).contains("\\x1b[2J\\x07").doesNotContain("\u001b");
    }

    @Test
    void aRelativePartitionThatIsNotThereNamesTheDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("venti.conf"), "index main\narenas arenas.part\nisect isect0.part\n");
        Cli r = Cli.runIn(new Environment(Map.of(), work), "server", "-a", String.valueOf(Ports.free()));
        assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(r.err()).isEqualTo("venti server: can't open partition 'arenas.part': no such file in " + work + "\n");
    }
}
