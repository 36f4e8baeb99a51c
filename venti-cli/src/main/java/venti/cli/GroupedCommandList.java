package venti.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * The command list of {@code venti --help}: one line per command, its name and its
 * {@code header}, under the headings of {@link CommandGroup}, in the table's order (of the
 * commands registered: all of them whenever the list is shown, see {@link Main}).
 */
final class GroupedCommandList {

    private GroupedCommandList() {
    }

    static String render(Help help) {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        help.subcommands().forEach((name, sub) -> names.put(sub.commandSpec().userObject().getClass(), name));
        int width = names.values().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder b = new StringBuilder(System.lineSeparator());
        for (CommandGroup group : CommandGroup.values()) {
            List<Class<?>> listed = group.commands().stream().filter(names::containsKey).toList();
            if (!listed.isEmpty()) {
                b.append(String.format("%s:%n", group.title()));
            }
            for (Class<?> command : listed) {
                String name = names.get(command);
                CommandLine.Model.CommandSpec spec = help.subcommands().get(name).commandSpec();
                b.append(String.format("  %-" + width + "s%s%n", name, spec.usageMessage().header()[0]));
            }
        }
        return b.toString();
    }
}
