package venti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.Print;

/** venti printarena: every clump of one arena, read and checked. */
@Command(name = "printarena",
        header = "Print an arena's head and its log of clumps",
        description = {"Print the arena head, then each clump of the arena's log: offset, score, type, size.",
                "Each clump is read, decompressed and checked against its score."})
final class PrintArenaCommand implements Callable<Integer> {

    @Option(names = "-o", paramLabel = "aoffset", converter = SizeConverter.class,
            description = "Offset of the arena in the file. Default 0 (a file holding one arena).")
    long arenaOffset;

    @Parameters(index = "0", paramLabel = "arenafile", description = "The arena, or the partition holding it.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "offset", converter = SizeConverter.class,
            description = "Arena address of the first clump to print. Default 0.")
    Long offset;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, true)) {
            boolean ok = Print.arena(p, arenaOffset, offset == null ? 0 : offset,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            return Cmds.finish(spec, ok);
        }
    }
}
