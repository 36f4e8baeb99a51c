package venti.cli;

import picocli.CommandLine;

/** What the inspection commands share. */
final class Cmds {

    private Cmds() {
    }

    /** Flushes the command's streams and gives its exit status: 0, or 1 when it reported an error. */
    static int finish(CommandLine.Model.CommandSpec spec, boolean ok) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return ok ? 0 : Failure.EXIT_FAILURE;
    }
}
