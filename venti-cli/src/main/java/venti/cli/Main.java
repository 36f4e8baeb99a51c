package venti.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code venti} command: one sub-command for each program of plan9port's venti(1),
 * venti(8) and venti-fmt(8), with the same names, arguments and flags.
 *
 * <p>Sub-commands are thin: they parse arguments and call a method of the library that takes
 * the output streams, so every tool is testable in-process through {@link #run}.
 */
@Command(name = "venti",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Venti archival block store: server, storage tools and clients.",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                CommandLine.HelpCommand.class,
                FmtArenas.class,
                FmtIsect.class,
                FmtBloom.class,
                FmtIndex.class,
                Conf.class,
                PrintArenaPart.class,
                PrintArena.class,
                PrintArenas.class,
                PrintIndex.class,
                PrintMap.class,
                CheckArenas.class,
                CheckIndex.class,
                SyncIndex.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setExecutionExceptionHandler(new Failure());
        cl.setParameterExceptionHandler(Failure::usage);
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"venti " + (v != null ? v : "(development build)")};
        }
    }
}
