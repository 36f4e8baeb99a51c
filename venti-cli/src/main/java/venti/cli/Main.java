package venti.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import venti.store.admin.Progress;

/**
 * The {@code venti} command: one sub-command for each program of plan9port's venti(1),
 * venti(8) and venti-fmt(8), with the same names, arguments and flags.
 *
 * <p>Sub-commands are thin: they parse arguments and call a method of the library that takes
 * the output streams, so every tool is testable in-process through {@link #run}. Commands
 * that move blocks through standard input and output (read, write) reach the raw streams
 * through their parent, this object ({@link #stdin()}, {@link #stdout()}).
 */
@Command(name = "venti",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Venti archival block store: server, storage tools and clients.",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                CommandLine.HelpCommand.class,
                ServerCommand.class,
                ReadCommand.class,
                WriteCommand.class,
                SyncCommand.class,
                CopyCommand.class,
                RandTestCommand.class,
                ReadListCommand.class,
                RoCommand.class,
                DevNullCommand.class,
                MkRootCommand.class,
                RootCommand.class,
                DumpCommand.class,
                FmtArenasCommand.class,
                FmtIsectCommand.class,
                FmtBloomCommand.class,
                FmtIndexCommand.class,
                ConfCommand.class,
                PrintArenaPartCommand.class,
                PrintArenaCommand.class,
                PrintArenasCommand.class,
                PrintIndexCommand.class,
                PrintMapCommand.class,
                CheckArenasCommand.class,
                CheckIndexCommand.class,
                SyncIndexCommand.class,
                BuildIndexCommand.class,
                VerifyArenaCommand.class,
                FixArenasCommand.class,
                FindScoreCommand.class,
                ClumpStatsCommand.class,
                RdArenaCommand.class,
                WrArenaCommand.class,
                MirrorArenasCommand.class,
                CmpArenasCommand.class,
                VacCommand.class,
                UnvacCommand.class,
                ReadFileCommand.class,
                WriteFileCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final Progress progress;

    private Main(InputStream stdin, OutputStream stdout, Progress progress) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.progress = progress;
    }

    /** Standard input, as bytes. */
    InputStream stdin() {
        return stdin;
    }

    /** Standard output, as bytes; flush the command's text writer before writing here. */
    OutputStream stdout() {
        return stdout;
    }

    /** Where the long-running tools show their progress: bars on a terminal, else nowhere. */
    Progress progress() {
        return progress;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(run(args, new Main(System.in, System.out, ProgressBars.forStderr(System.err)), System.out, System.err));
    }

    /** Runs one command line with the given streams, showing no progress bars, and returns its exit status. */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        return run(args, new Main(in, out, Progress.NONE), out, err);
    }

    private static int run(String[] args, Main main, OutputStream out, OutputStream err) {
        PrintWriter text = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errors = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return run(args, main, text, errors);
        } finally {
            text.flush();
            errors.flush();
        }
    }

    private static int run(String[] args, Main main, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(main);
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
