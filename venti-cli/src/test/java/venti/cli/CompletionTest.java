package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** venti completion: a script for the real command tree, which bash accepts and completes with. */
class CompletionTest {

    @TempDir
    Path dir;

    @Test
    void theScriptNamesEveryCommandAndTheirFlags() {
        Cli r = Cli.run("completion", "bash");
        assertThat(r.status()).as(r.err()).isZero();
        String script = r.out();
        assertThat(script).contains("complete -F _complete_venti").contains("function _picocli_venti_server()");
        Main.tree().getSubcommands().keySet()
                .forEach(name -> assertThat(script).as(name).contains("function _picocli_venti_" + name + "()"));
        assertThat(script).contains("--data").contains("checkindex");
        assertThat(Cli.run("completion", "zsh").out()).as("one script serves both shells: it loads bashcompinit")
                .isEqualTo(script).contains("bashcompinit");
        assertThat(Cli.run("completion", "fish").status()).isEqualTo(Failure.EXIT_USAGE);
    }

    @Test
    void bashCompletesCommandsAndFlagsWithIt() throws Exception {
        Path script = Files.write(dir.resolve("venti.bash"), Cli.run("completion", "bash").stdout());
        Path driver = Files.writeString(dir.resolve("drive.sh"), """
                source "$1" 2>/dev/null
                complete_line() {
                  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$1"
                  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                  _complete_venti 2>/dev/null; echo "${COMPREPLY[*]}"
                }
                complete_line "venti ser"
                complete_line "venti checki"
                complete_line "venti server --da"
                """);
        Process p = new ProcessBuilder("bash", driver.toString(), script.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("server\ncheckindex\n--data\n");
    }
}
