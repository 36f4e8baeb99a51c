package venti.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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
        versionProvider = Main.Version.class,
        header = "Venti archival block store: server, storage tools and clients",
        description = "One command for each program of plan9port's venti(1), venti(8) and venti-fmt(8), with the same"
                + " names, arguments and flags.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "'venti COMMAND --help' shows a command's flags and arguments."})
public final class Main implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final Progress progress;
    private final Environment environment;

    private Main(InputStream stdin, OutputStream stdout, Progress progress, Environment environment) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.progress = progress;
        this.environment = environment;
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

    /** The environment variables and working directory the command runs with. */
    Environment environment() {
        return environment;
    }

    /** No command: the short usage, as a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CommandLine.Help help = spec.commandLine().getHelp();
        err.print(help.synopsisHeading() + help.synopsis(0));
        err.println("'venti --help' lists the commands.");
        err.flush();
        return Failure.EXIT_USAGE;
    }

    public static void main(String[] args) {
        if ("native".equals(System.getProperty("venti.sha1"))) {   // set by ./venti where it runs C1 alone
            NativeSha1.installInBackground();
        }
        Main main = new Main(System.in, System.out, ProgressBars.forStderr(System.err), Environment.system());
        System.exit(run(args, main, System.out, System.err));
    }

    /** Runs one command line with the given streams, showing no progress bars, and returns its exit status. */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        return run(args, Environment.system(), in, out, err);
    }

    /** As {@link #run(String[], InputStream, OutputStream, OutputStream)}, in the environment given. */
    public static int run(String[] args, Environment environment, InputStream in, OutputStream out, OutputStream err) {
        return run(args, new Main(in, out, Progress.NONE, environment), out, err);
    }

    private static int run(String[] args, Main main, OutputStream out, OutputStream err) {
        PrintWriter text = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errors = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            CommandLine cl = commandLine(main, commandsFor(args));
            cl.setOut(text);
            cl.setErr(errors);
            return cl.execute(args);
        } finally {
            text.flush();
            errors.flush();
        }
    }

    /** The command tree as documentation sees it (man pages, tests), with no streams to run on. */
    static CommandLine tree() {
        return commandLine(new Main(InputStream.nullInputStream(), OutputStream.nullOutputStream(), Progress.NONE,
                Environment.system()), CommandGroup.all());
    }

    /**
     * The commands to register for a command line: only the one it names, or none for an
     * option such as --version, since reading every command's annotations took most of a
     * short tool's start-up time; all of them for help, no command or an unknown name.
     */
    private static List<Class<?>> commandsFor(String[] args) {
        String first = args.length > 0 ? args[0] : "";
        boolean help = first.isEmpty() || first.equals("--help") || first.equals("help");
        List<Class<?>> named = CommandGroup.all().stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        return help || named.isEmpty() && !first.startsWith("-") ? CommandGroup.all() : named;
    }

    /** The command tree with {@code commands} of {@link CommandGroup}, each with {@code --help}. */
    private static CommandLine commandLine(Main main, List<Class<?>> commands) {
        CommandLine cl = new CommandLine(main);
        for (Class<?> command : commands) {
            CommandLine sub = new CommandLine(command);
            if (sub.getCommandSpec().options().stream().noneMatch(OptionSpec::usageHelp)) {
                sub.getCommandSpec().addOption(OptionSpec.builder("--help").usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            cl.addSubcommand(sub);
        }
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, GroupedCommandList::render);
        cl.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setExecutionStrategy(Main::execute);
        cl.setExecutionExceptionHandler(new Failure());
        cl.setParameterExceptionHandler(Failure::usage);
        return cl;
    }

    /** Runs the command given, unless an argument was not understood, even beside --help. */
    private static int execute(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"venti " + (v != null ? v : "(development build)")};
        }
    }
}
