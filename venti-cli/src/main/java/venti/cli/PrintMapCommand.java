package venti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import venti.store.Store;
import venti.store.admin.Print;

/** venti printmap: the index's sections and arena map. */
@Command(name = "printmap",
        header = "Print the index configuration and arena map",
        description = "Print the index configuration: buckets, sections and the arena address map.")
final class PrintMapCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InspectedStore store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Store s = store.open()) {
            Print.map(s, spec.commandLine().getOut());
            return Cmds.finish(spec, true);
        }
    }
}
