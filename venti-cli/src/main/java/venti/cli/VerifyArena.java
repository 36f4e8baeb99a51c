package venti.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.FilePart;
import venti.store.Part;

/** venti verifyarena: recompute sealed arenas' scores. */
@Command(name = "verifyarena", mixinStandardHelpOptions = true,
        description = {"Read each arena of an arena partition (or the one arena on standard input, as rdarena "
                + "writes it) front to back and check that its SHA-1 is the score its trailer holds.",
                "When a score does not match, the arena's clumps and directory are checked to say where it is "
                        + "damaged. The exit status is 1 when any arena did not verify."})
final class VerifyArena implements Callable<Integer> {

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class,
            description = "Bytes to read at a time (default 64k).")
    long blockSize = venti.store.VerifyArena.DEFAULT_CHUNK;

    @Option(names = "-s", paramLabel = "ms", description = "Sleep this many milliseconds after each read, to leave "
            + "the disk to a running server.")
    int sleepMs;

    @Option(names = "-v", description = "Verbose: say what is verified; twice, more.")
    boolean[] verbose = new boolean[0];

    @Parameters(index = "0", arity = "0..1", paramLabel = "arenapart", description = "The arena partition. "
            + "Default: one arena on standard input.")
    String file;

    @Parameters(index = "1..*", paramLabel = "name", description = "Arenas to verify. Default: all.")
    List<String> names = List.of();

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int chunk = Math.toIntExact(blockSize);
        if (file == null) {
            return Cmds.finish(spec, venti.store.VerifyArena.stream(main.stdin(), chunk, sleepMs, verbose.length,
                    spec.commandLine().getErr()));
        }
        try (Part p = FilePart.open(file, true)) {
            return Cmds.finish(spec, venti.store.VerifyArena.partition(p, names, chunk, sleepMs, verbose.length,
                    main.progress(), spec.commandLine().getErr()));
        }
    }
}
