package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every client command is listed and has the original's usage line in its help; no command's help makes picocli warn. */
class CommandHelpTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            read     | venti read [--help] [-h=host] [-t=type] score
            write    | venti write [-z] [--help] [-h=host] [-t=type]
            sync     | venti sync [-x] [--help] [-h=host]
            copy     | venti copy [-fimrvV] [--help] [-t=type] srchost dsthost score
            randtest | venti randtest [-Pqrw] [--help] [-b=blocksize] [-h=host]
            readlist | venti readlist [--help] [-h=host] [list...]
            ro       | venti ro [-v] [--help] [-a=address] [-h=host]
            devnull  | venti devnull [-v] [--help] [-a=address]
            mkroot   | venti mkroot [--help] [-h=host] name type score blocksize prev
            root     | venti root [--help] [-h=host] score...
            dump     | venti dump [--help] [-h=host] score
            """)
    void helpShowsTheUsage(String command, String usage) {
        Cli r = Cli.run(command, "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("Usage: " + usage);
        assertThat(Cli.run("--help").out()).contains("  " + command + " ");
    }

    @Test
    void everyCommandsHelpFormatsCleanly() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
        try {
            for (String command : Main.tree().getSubcommands().keySet()) {
                assertThat(Cli.run(command, "--help").status()).as("%s --help", command).isZero();
            }
        } finally {
            System.setErr(stderr);
        }
        // picocli reports a description it cannot format (a lone % sign) on System.err
        assertThat(traced.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
