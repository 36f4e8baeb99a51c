package venti.cli;

import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import venti.store.Part;
import venti.store.admin.Format;
import venti.store.disk.ArenaHead;

/** venti fmtarenas: format a file or disk partition as an arena partition. */
@Command(name = "fmtarenas",
        header = "Format a partition as arenas",
        description = {"Format a file or disk partition as an arena partition, with arenas named name0, name1, ...",
                "Prints a summary line on standard error, as the original does."})
final class FmtArenasCommand implements Callable<Integer> {

    @Option(names = "-4", description = "Make version 4 arenas, for old servers (and zero the partition).")
    boolean version4;

    @Option(names = "-a", paramLabel = "arenasize", converter = SizeConverter.class, defaultValue = "512m",
            description = "Size of each arena; k, m, g suffixes allowed. Default 512m.")
    long arenaSize;

    @CommandLine.Mixin
    FormatTarget target;

    @Override
    public Integer call() throws Exception {
        int bs = target.blockSize();
        try (Part p = target.open()) {
            Format.arenas(p, target.name, arenaSize, bs, version4 ? ArenaHead.VERSION4 : ArenaHead.VERSION5,
                    target.zero(version4), RandomGenerator.getDefault(), target.err());
        }
        target.err().flush();
        return 0;
    }
}
