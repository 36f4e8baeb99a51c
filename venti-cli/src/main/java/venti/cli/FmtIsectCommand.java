package venti.cli;

import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import venti.store.Part;
import venti.store.admin.Format;
import venti.store.disk.IndexSectionHeader;

/** venti fmtisect: format a file or disk partition as an index section. */
@Command(name = "fmtisect",
        header = "Format a partition as an index section",
        description = {"Format a file or disk partition as an index section named name.",
                "Prints a summary line on standard error, as the original does."})
final class FmtIsectCommand implements Callable<Integer> {

    @Option(names = "-1", description = "Make a version 1 section, for old servers (and zero the partition).")
    boolean version1;

    @CommandLine.Mixin
    FormatTarget target;

    @Override
    public Integer call() throws Exception {
        int bs = target.blockSize();
        try (Part p = target.open()) {
            Format.isect(p, target.name, bs, version1 ? IndexSectionHeader.VERSION1 : IndexSectionHeader.VERSION2,
                    target.zero(version1), RandomGenerator.getDefault(), target.err());
        }
        target.err().flush();
        return 0;
    }
}
