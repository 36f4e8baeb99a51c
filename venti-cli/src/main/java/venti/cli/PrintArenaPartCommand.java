package venti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.Print;

/** venti printarenapart: the header of an arena partition and the trailer of each arena. */
@Command(name = "printarenapart",
        header = "Print an arena partition's header and arena table",
        description = "Print an arena partition's header and, for each arena in its table, the counts and times in its trailer.")
final class PrintArenaPartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "arenafile", description = "The arena partition.")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, true)) {
            boolean ok = Print.arenaPart(p, spec.commandLine().getOut(), spec.commandLine().getErr());
            return Cmds.finish(spec, ok);
        }
    }
}
