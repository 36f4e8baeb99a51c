package venti.cli;

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
    CLIENTS("Clients", Read.class, Write.class, Sync.class, Copy.class, RandTest.class, ReadList.class, Ro.class,
            DevNull.class, MkRoot.class, RootCommand.class, Dump.class),
    FORMATTING("Formatting", FmtArenas.class, FmtIsect.class, FmtBloom.class, FmtIndex.class, Conf.class),
    INSPECTION("Inspection", PrintArenaPart.class, PrintArena.class, PrintArenas.class, PrintIndex.class,
            PrintMap.class),
    CHECKING("Checking and repair", CheckArenas.class, CheckIndex.class, SyncIndex.class, VerifyArena.class,
            FixArenas.class, BuildIndex.class),
    ARENAS("Arenas", FindScore.class, ClumpStats.class, RdArena.class, WrArena.class, MirrorArenas.class,
            CmpArenas.class),
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

    /** The command classes of the group, in the order they are listed. */
    List<Class<?>> commands() {
        return commands;
    }
}
