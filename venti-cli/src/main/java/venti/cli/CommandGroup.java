package venti.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The sub-commands of {@code venti}, in the groups and order {@code venti --help} lists them.
 * This table is the one place a command is declared: {@link Main} adds every class named here
 * to the command tree, and the help, man pages and completion scripts follow from that tree.
 * Each command's {@code header} is its one-line summary in the list.
 */
enum CommandGroup {
    SERVER("Server", ServerCommand.class),
    CLIENTS("Clients", ReadCommand.class, WriteCommand.class, SyncCommand.class, CopyCommand.class,
            RandTestCommand.class, ReadListCommand.class, RoCommand.class, DevNullCommand.class, MkRootCommand.class,
            RootCommand.class, DumpCommand.class),
    ARCHIVES("Archives", VacCommand.class, UnvacCommand.class, ReadFileCommand.class, WriteFileCommand.class),
    FORMATTING("Formatting", MkPartCommand.class, FmtArenasCommand.class, FmtIsectCommand.class, FmtBloomCommand.class,
            FmtIndexCommand.class, ConfCommand.class),
    INSPECTION("Inspection", PrintArenaPartCommand.class, PrintArenaCommand.class, PrintArenasCommand.class,
            PrintIndexCommand.class, PrintMapCommand.class),
    CHECKING("Checking and repair", CheckArenasCommand.class, CheckIndexCommand.class, SyncIndexCommand.class,
            VerifyArenaCommand.class, FixArenasCommand.class, BuildIndexCommand.class),
    ARENAS("Arenas", FindScoreCommand.class, ClumpStatsCommand.class, RdArenaCommand.class, WrArenaCommand.class,
            MirrorArenasCommand.class, CmpArenasCommand.class),
    HELP("Help", CommandLine.HelpCommand.class, CompletionCommand.class);

    private final String title;
    private final List<Class<?>> commands;

    CommandGroup(String title, Class<?>... commands) {
        this.title = title;
        this.commands = List.of(commands);
    }

    /** The heading of the group in {@code venti --help}. */
    String title() {
        return title;
    }

    /** Every command class, group by group. */
    static List<Class<?>> all() {
        return Arrays.stream(values()).flatMap(g -> g.commands.stream()).toList();
    }

    /** The command classes of the group, in the order they are listed. */
    List<Class<?>> commands() {
        return commands;
    }
}
