package venti.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.VentiConfig;
import venti.store.admin.Format;

/** venti fmtindex: tie the index sections and arenas of a venti.conf into an index. */
@Command(name = "fmtindex",
        header = "Build the index of the sections and arenas in venti.conf",
        description = {"Build the index of the sections and arenas named in venti.conf, after fmtarenas and fmtisect.",
                "Prints a summary line on standard error, as the original does."})
final class FmtIndexCommand implements Callable<Integer> {

    @Option(names = "-a", description = "Add arenas listed after the existing ones to an existing index.")
    boolean add;

    @Parameters(paramLabel = "venti.conf", description = "The configuration (a file, or a partition holding one).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Format.index(VentiConfig.read(config), Path.of(""), add, err);
        err.flush();
        return 0;
    }
}
