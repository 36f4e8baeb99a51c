package venti.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import venti.store.admin.Progress;

/** What the store administration commands share: their streams, progress bars and exit status. */
abstract class StoreTool implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Progress progress() {
        return main.progress();
    }

    /** Flushes the streams; 0, or 1 when {@code ok} is false. */
    int finish(boolean ok) {
        return Cmds.finish(spec, ok);
    }
}
