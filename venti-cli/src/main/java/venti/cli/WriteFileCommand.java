package venti.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.PipelinedWrites;
import venti.client.VentiClient;
import venti.core.Score;
import venti.vac.SingleFile;

/** venti/writefile: standard input as one hash-tree file; prints its file: score. */
@Command(name = "writefile", sortOptions = false,
        header = "Write standard input to a Venti server as one file",
        description = {"Writes standard input, of any length, to a Venti server as one file in 8 KiB blocks and"
                + " prints file:<score>; readfile gives it back."})
final class WriteFileCommand implements Callable<Integer> {

    @Option(names = "-v", description = "Accepted for compatibility; writefile prints nothing more.")
    boolean verbose;
    @Mixin
    Host host;
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Score s;
        try (VentiClient c = host.connect()) {
            s = SingleFile.write(new PipelinedWrites(c), main.stdin());
        }
        spec.commandLine().getOut().println(SingleFile.ROOT_TYPE + ":" + s);
        return 0;
    }
}
