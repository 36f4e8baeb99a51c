package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** venti itself: its help, its version, and what it says to a command line it cannot run. */
class MainTest {

    private static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z]+) +(\\S.*)$");

    @Test
    void helpListsEveryCommandOnOneLineUnderItsGroup() {
        Cli r = Cli.run("--help");
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as("a screen and a half of a 40-line terminal").hasSizeLessThanOrEqualTo(60);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        List<String> listed = new ArrayList<>();
        for (String line : lines) {
            Matcher m = COMMAND_LINE.matcher(line);
            if (m.matches()) {
                listed.add(m.group(1));
                assertThat(m.group(2)).as("a whole summary, not a sentence cut short").doesNotEndWith(",")
                        .doesNotEndWith(":");
            }
        }
        Map<String, CommandLine> tree = Main.tree().getSubcommands();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(tree.keySet());
        int server = lines.indexOf("Server:");
        int checking = lines.indexOf("Checking and repair:");
        assertThat(server).isPositive();
        assertThat(lines.get(server + 1)).startsWith("  server ");
        assertThat(lines.subList(checking, lines.size())).anyMatch(l -> l.startsWith("  checkindex "));
        assertThat(lines.subList(server, checking)).noneMatch(l -> l.startsWith("  checkindex "));
    }

    @Test
    void everyCommandIsInExactlyOneGroupAndHasASummary() {
        List<Class<?>> grouped = new ArrayList<>();
        for (CommandGroup g : CommandGroup.values()) {
            grouped.addAll(g.commands());
        }
        assertThat(grouped).doesNotHaveDuplicates();
        Main.tree().getSubcommands().values().forEach(sub -> {
            assertThat(sub.getCommandSpec().usageMessage().header()).as(sub.getCommandName()).hasSize(1);
            assertThat(sub.getCommandSpec().options()).as(sub.getCommandName() + " --help")
                    .anyMatch(o -> o.usageHelp() && List.of(o.names()).contains("--help"));
        });
    }

    @Test
    void noCommandIsAUsageErrorWithTheShortUsage() {
        Cli r = Cli.run();
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("Usage: venti [-V] [--help] COMMAND\n'venti --help' lists the commands.\n");
    }

    @Test
    void anUnknownCommandNamesTheClosestOnOneLine() {
        Cli r = Cli.run("serer");
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("venti: no command 'serer'; did you mean 'server'? ('venti --help' lists them)\n");
        assertThat(Cli.run("checkidex").err()).contains("did you mean 'checkindex'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpForAnUnknownCommandIsAnError(String flag) {
        Cli r = Cli.run("no-such-command", flag);
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("venti: no command 'no-such-command'").hasLineCount(1);
    }

    @Test
    void anUnknownFlagBesideHelpIsAnError() {
        Cli r = Cli.run("read", "--bogus", "--help");
        assertThat(r.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("venti read: Unknown option: '--bogus' ('venti read --help' shows the usage)\n");
    }

    @Test
    void versionIsTheSameUnderBothNamesAndOnlyAtTheTop() {
        Cli shortName = Cli.run("-V");
        Cli longName = Cli.run("--version");
        assertThat(shortName.status()).isZero();
        assertThat(shortName.out()).startsWith("venti ").isEqualTo(longName.out());
        assertThat(Cli.run("checkarenas", "--version").status()).isEqualTo(Failure.EXIT_USAGE);
    }

    @Test
    void minusHKeepsTheOriginalsMeaning() {
        assertThat(Cli.run("printmap", "-h").status()).as("no -h but the original's").isEqualTo(Failure.EXIT_USAGE);
        assertThat(Cli.run("read", "--help").out()).contains("-h=host");
        assertThat(Cli.run("server", "--help").out()).contains("-h=httpaddress");
        assertThat(Cli.run("printmap", "--help").status()).isZero();
    }
}
