package venti.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.FilePart;
import venti.store.Format;
import venti.store.IndexSectionHeader;
import venti.store.Part;

/** venti fmtisect: format a file or disk partition as an index section. */
@Command(name = "fmtisect", mixinStandardHelpOptions = true,
        description = {"Format a file or disk partition as an index section named name.",
                "Prints a summary line on standard error, as the original does."})
final class FmtIsect implements Callable<Integer> {

    @Option(names = "-1", description = "Make a version 1 section, for old servers (and zero the partition).")
    boolean version1;

    @Option(names = "-Z", description = "Do not zero the partition first (only version 1 sections are zeroed at all).")
    boolean noZero;

    @CommandLine.Mixin
    BlockSizeOption blockSize;

    @Parameters(index = "0", paramLabel = "name", description = "The section's name, unique in the index.")
    String name;

    @Parameters(index = "1", paramLabel = "file", description = "The partition, optionally file:lo-hi.")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int bs = blockSize.get();
        PrintWriter err = spec.commandLine().getErr();
        try (Part p = FilePart.open(file, false)) {
            Format.isect(p, name, bs, version1 ? IndexSectionHeader.VERSION1 : IndexSectionHeader.VERSION2,
                    version1 && !noZero, RandomGenerator.getDefault(), err);
        }
        err.flush();
        return 0;
    }
}
