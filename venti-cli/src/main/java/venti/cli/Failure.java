package venti.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * How a command fails: one line "venti CMD: message" on standard error, as the original's
 * sysfatal printed "CMD: message", and exit status 1; a usage error is one line too, and exit status 2.
 * The stack trace is shown only when VENTI_DEBUG is set.
 */
final class Failure implements CommandLine.IExecutionExceptionHandler {

    /** Exit status of a command that failed. */
    static final int EXIT_FAILURE = 1;
    /** Exit status of a command given bad arguments. */
    static final int EXIT_USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (System.getenv("VENTI_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /**
     * A usage error: one line saying what was wrong, and where to read the usage. A command
     * name that is not one names the closest that is.
     */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && cl.getCommandSpec().parent() == null
                && !u.isUnknownOption()) {
            String given = u.getUnmatched().getFirst();
            err.println(name + ": no command '" + given + "'" + closest(u) + " ('" + name + " --help' lists them)");
        } else {
            err.println(name + ": " + ex.getMessage() + " ('" + name + " --help' shows the usage)");
        }
        err.flush();
        return EXIT_USAGE;
    }

    private static String closest(CommandLine.UnmatchedArgumentException u) {
        List<String> similar = u.getSuggestions();
        return similar.isEmpty() ? "" : "; did you mean '" + similar.getFirst() + "'?";
    }

    private static String describe(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        return m;
    }
}
