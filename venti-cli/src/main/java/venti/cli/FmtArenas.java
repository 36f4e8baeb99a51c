package venti.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.ArenaHead;
import venti.store.FilePart;
import venti.store.Format;
import venti.store.Part;

/** venti fmtarenas: format a file or disk partition as an arena partition. */
@Command(name = "fmtarenas", mixinStandardHelpOptions = true,
        description = {"Format a file or disk partition as an arena partition, with arenas named name0, name1, ...",
                "Prints a summary line on standard error, as the original does."})
final class FmtArenas implements Callable<Integer> {

    @Option(names = "-4", description = "Make version 4 arenas, for old servers (and zero the partition).")
    boolean version4;

    @Option(names = "-Z", description = "Do not zero the partition first (only version 4 arenas are zeroed at all).")
    boolean noZero;

    @Option(names = "-a", paramLabel = "arenasize", converter = SizeConverter.class, defaultValue = "512m",
            description = "Size of each arena; k, m, g suffixes allowed. Default 512m.")
    long arenaSize;

    @CommandLine.Mixin
    BlockSizeOption blockSize;

    @Parameters(index = "0", paramLabel = "name", description = "Prefix of the arena names.")
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
            Format.arenas(p, name, arenaSize, bs, version4 ? ArenaHead.VERSION4 : ArenaHead.VERSION5,
                    version4 && !noZero, RandomGenerator.getDefault(), err);
        }
        err.flush();
        return 0;
    }
}
