package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.FixArenas;

/** venti fixarenas: find, and repair, damaged arena structures. */
@Command(name = "fixarenas",
        header = "Rebuild a damaged arena partition from its clumps",
        description = {"Check an arena partition (or a file holding one arena) trusting only the clumps: guess the "
                + "geometry from the arena heads and trailers, walk each arena's data to find the clumps whose data "
                + "matches their score, and rebuild the partition header, arena heads, clump directories, trailers "
                + "and the arena map from them. Bytes between good clumps become clumps marked corrupt.",
                "Differences are printed; -f writes the repairs. A sealed arena is resealed with the score of its "
                        + "repaired bytes. Rebuild the index (buildindex) after repairing."})
final class FixArenasCommand extends StoreTool {

    @Option(names = "-f", description = "Fix: write the repairs. Without it the file is opened read-only.")
    boolean fix;

    @Option(names = "-v", description = "Verbose: what each arena holds; twice, every clump and directory difference.")
    boolean[] verbose = new boolean[0];

    @Option(names = "-a", paramLabel = "arenasize", converter = SizeConverter.class,
            description = "Size of each arena. Default: guessed from the arena heads and trailers.")
    long arenaSize;

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class,
            description = "Block size of the partition. Default: guessed.")
    long blockSize;

    @Option(names = "-n", paramLabel = "basename", description = "Name the arenas basename0, basename1, ... (a file "
            + "holding one arena: basename) instead of guessing the names from the heads and trailers.")
    String baseName;

    @Option(names = "-x", paramLabel = "dumpbase", description = "Do not check: copy each arena's bytes, as found, "
            + "to the file dumpbase.N (N the arena's number), to keep them before repairing.")
    String dumpBase;

    @Option(names = "-U", description = "Unseal a sealed arena that has more than 64 KiB free, so writing can go on "
            + "in it.")
    boolean unseal;

    @Parameters(index = "0", paramLabel = "file", description = "The arena partition.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ranges",
            description = "Arena numbers to check, e.g. -4,8-9,10- or none. Default: all.")
    String ranges;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, !fix)) {
            FixArenas.run(p, ranges, new FixArenas.Options(fix, verbose.length, arenaSize,
                    Math.toIntExact(blockSize), baseName, dumpBase, unseal), progress(), out());
        }
        return finish(true);
    }
}
