package venti.cli;

import picocli.CommandLine;

/** What the inspection commands share. */
final class Cmds {

    private Cmds() {
    }

    /** The default memory for sorting index entries: buildindex's in the C tools. */
    static final long SORT_MEMORY = 256L << 20;

    /** {@code asked} bytes for sorting index entries, or when 0, the default, at most a quarter of the heap. */
    static long sortMemory(long asked) {
        return asked > 0 ? asked : Math.min(SORT_MEMORY, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Flushes the command's streams and gives its exit status: 0, or 1 when it reported an error. */
    static int finish(CommandLine.Model.CommandSpec spec, boolean ok) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return ok ? 0 : Failure.EXIT_FAILURE;
    }
}
