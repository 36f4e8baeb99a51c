package venti.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.FilePart;
import venti.store.Part;

/** venti cmparenas: compare the arenas of two arena partitions. */
@Command(name = "cmparenas", mixinStandardHelpOptions = true,
        description = {"Compare the arenas of two arena partitions with identical arena tables byte for byte; print "
                + "each chunk that differs and its differing 16-byte rows, the first partition's bytes above the "
                + "second's.", "The exit status is 1 when they differ."})
final class CmpArenas implements Callable<Integer> {

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class,
            description = "Bytes compared at a time (default 64k).")
    long blockSize = venti.store.VerifyArena.DEFAULT_CHUNK;

    @Option(names = "-s", paramLabel = "ms", description = "Accepted for compatibility (the original ignores it too).")
    int sleepMs;

    @Option(names = "-v", description = "Accepted for compatibility.")
    boolean[] verbose = new boolean[0];

    @Parameters(index = "0", paramLabel = "arenapart1", description = "The first arena partition.")
    String first;

    @Parameters(index = "1", paramLabel = "arenapart2", description = "The second arena partition.")
    String second;

    @Parameters(index = "2..*", paramLabel = "name", description = "Arenas to compare. Default: all.")
    List<String> names = List.of();

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Part a = FilePart.open(first, true); Part b = FilePart.open(second, true)) {
            return Cmds.finish(spec, venti.store.CmpArenas.run(a, b, names, Math.toIntExact(blockSize),
                    main.progress(), spec.commandLine().getOut(), spec.commandLine().getErr()));
        }
    }
}
