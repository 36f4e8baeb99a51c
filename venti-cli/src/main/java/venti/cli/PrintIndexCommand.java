package venti.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Store;
import venti.store.admin.Print;

/** venti printindex: every index entry, bucket by bucket. */
@Command(name = "printindex",
        header = "Print every entry of the index sections",
        description = "Print every entry of the index sections, in bucket order: index address, score, type, size.")
final class PrintIndexCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InspectedStore store;

    @Parameters(index = "1..*", paramLabel = "isectname", description = "Sections to print. Default: all.")
    List<String> sections = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Store s = store.open()) {
            return Cmds.finish(spec, Print.index(s, sections, spec.commandLine().getOut(), spec.commandLine().getErr()));
        }
    }
}
