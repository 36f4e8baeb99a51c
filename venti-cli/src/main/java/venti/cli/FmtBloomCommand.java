package venti.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.Format;
import venti.store.disk.BloomHeader;

/** venti fmtbloom: format a file or disk partition as a bloom filter. */
@Command(name = "fmtbloom",
        header = "Format a partition as a bloom filter",
        description = {"Format a file or disk partition as a bloom filter.",
                "Prints a summary line on standard error, as the original does."})
final class FmtBloomCommand implements Callable<Integer> {

    static final class Sizing {
        @Option(names = "-n", paramLabel = "nblocks", converter = SizeConverter.class,
                description = "Blocks the filter is expected to index; picks the size and nhash.")
        long nblocks;

        @Option(names = "-N", paramLabel = "nhash", description = "Hashes per score, at most 32.")
        int nhash;
    }

    @ArgGroup(exclusive = true)
    Sizing sizing = new Sizing();

    @Option(names = "-s", paramLabel = "size", converter = SizeConverter.class,
            description = "Size of the filter, rounded down to a power of two. Default: the whole file.")
    long size;

    @Parameters(paramLabel = "file", description = "The partition, optionally file:lo-hi.")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sizing.nhash < 0 || sizing.nhash > BloomHeader.MAX_HASH) {
            throw new CommandLine.ParameterException(spec.commandLine(), "maximum possible is -N " + BloomHeader.MAX_HASH);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Part p = Part.open(file, false)) {
            Format.bloom(p, size, sizing.nblocks, sizing.nhash, err);
        }
        err.flush();
        return 0;
    }
}
