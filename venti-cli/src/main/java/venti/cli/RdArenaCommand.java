package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.ArenaCopy;

/** venti rdarena: copy one arena to standard output. */
@Command(name = "rdarena",
        header = "Copy an arena to standard output",
        description = "Copy the arena named, head to trailer, from an arena partition to standard output; wrarena "
                + "sends its blocks to a server, verifyarena checks it.")
final class RdArenaCommand extends StoreTool {

    @Option(names = "-q", description = "Quiet: print nothing about the arena.")
    boolean quiet;

    @Option(names = "-v", description = "Verbose: print the partition first.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "arenapart", description = "The arena partition.")
    String file;

    @Parameters(index = "1", paramLabel = "arena", description = "The arena's name.")
    String arena;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, true)) {
            ArenaCopy.read(p, arena, quiet, verbose, main.stdout(), progress(), err());
        }
        return finish(true);
    }
}
