package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.MirrorArenas;

/** venti mirrorarenas: bring a copy of an arena partition up to date. */
@Command(name = "mirrorarenas",
        header = "Bring a copy of an arena partition up to date",
        description = {"Bring the arena partition dst up to date with src, which must have the same arenas in the "
                + "same places: copy only the clump data, directory blocks and trailers that changed since the last "
                + "mirror, and check each sealed arena's score on dst before storing it.",
                "The exit status is 1 when an arena could not be mirrored."})
final class MirrorArenasCommand extends StoreTool {

    @Option(names = "-s", description = "Skip computing sealed arenas' scores on dst: copy the source's.")
    boolean noScores;

    @Option(names = "-v", description = "Verbose: print each range copied; twice, every arena.")
    boolean[] verbose = new boolean[0];

    @Option(names = "-F", hidden = true, description = "Copy every arena whole.")
    boolean force;

    @Parameters(index = "0", paramLabel = "src", description = "The arena partition to copy from.")
    String src;

    @Parameters(index = "1", paramLabel = "dst", description = "The arena partition to bring up to date.")
    String dst;

    @Parameters(index = "2", arity = "0..1", paramLabel = "ranges",
            description = "Arena numbers, e.g. 0-3,7 or 5- or none. Default: all.")
    String ranges;

    @Override
    public Integer call() throws Exception {
        try (Part s = Part.open(src, true); Part d = Part.open(dst, false)) {
            return finish(MirrorArenas.run(s, d, ranges, !noScores, force, verbose.length,
                    progress(), out()));
        }
    }
}
