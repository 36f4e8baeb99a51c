package venti.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How a command fails: one line "venti CMD: message" on standard error, as the original's
 * sysfatal printed "CMD: message", and exit status 1. A usage error also prints the usage.
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

    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        cl.usage(err);
        err.flush();
        return EXIT_USAGE;
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
