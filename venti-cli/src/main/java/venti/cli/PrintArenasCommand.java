package venti.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Store;
import venti.store.admin.Print;

/** venti printarenas: the clump directories of the arenas, with index addresses. */
@Command(name = "printarenas",
        header = "Print the clumps in the arenas' directories",
        description = "Print each clump in the arenas' directories: index address, score, type, size.")
final class PrintArenasCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InspectedStore store;

    @Parameters(index = "1..*", paramLabel = "arenaname", description = "Arenas to print. Default: all.")
    List<String> arenas = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Store s = store.open()) {
            return Cmds.finish(spec, Print.arenas(s, arenas, spec.commandLine().getOut(), spec.commandLine().getErr()));
        }
    }
}
