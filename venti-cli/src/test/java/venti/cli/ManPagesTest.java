package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man page sources the build turns into target/man: one for venti and one for each command, from the help's model. */
class ManPagesTest {

    @TempDir
    Path dir;

    @Test
    void aPageForVentiAndForEveryCommand() throws Exception {
        assertThat(ManPages.write(dir.toFile())).isZero();
        String venti = Files.readString(dir.resolve("venti.adoc"));
        assertThat(venti).contains("= venti(1)").contains("venti - Venti archival block store");
        for (var command : Main.tree().getSubcommands().entrySet()) {
            String name = command.getKey();
            Path page = dir.resolve("venti-" + name + ".adoc");
            assertThat(page).as(name).isRegularFile();
            assertThat(Files.readString(page)).contains("= venti-" + name + "(1)")
                    .contains("venti-" + name + " - " + command.getValue().getCommandSpec().usageMessage().header()[0])
                    .contains("== Synopsis");
        }
        assertThat(Files.readString(dir.resolve("venti-server.adoc"))).contains("--data").contains("httpaddress");
        try (var pages = Files.list(dir)) {
            assertThat(pages.count()).isEqualTo(Main.tree().getSubcommands().size() + 1);
        }
    }
}
