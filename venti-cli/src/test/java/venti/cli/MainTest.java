package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: venti").contains("Commands:");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli r = Cli.run("no-such-command");
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.err()).contains("no-such-command");
    }
}
