package venti.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.CheckArenas;

/** venti checkarenas: check, and repair, the arenas of an arena partition. */
@Command(name = "checkarenas",
        header = "Check arenas against their clump logs",
        description = {"Check the arenas of an arena partition against their clump logs: clump headers, data, scores "
                + "and directory entries past where each trailer says the log ends, and the trailer statistics.",
                "Reports go to standard error in the original's words; the exit status is 1 when anything was wrong."})
final class CheckArenasCommand implements Callable<Integer> {

    @Option(names = "-a", description = "Scan every clump of every arena from the start, and recompute the score of "
            + "every sealed arena, instead of checking only past the trailers.")
    boolean all;

    @Option(names = "-f", description = "Fix what can be fixed: directory entries, corrupt clumps (marked as such), "
            + "garbage after the log, and trailer statistics. Without it the partition is opened read-only.")
    boolean fix;

    @Option(names = "-v", description = "Verbose: print each arena's summary; twice, the partition's too.")
    boolean[] verbose = new boolean[0];

    @Parameters(index = "0", paramLabel = "file", description = "The arena partition.")
    String file;

    @Parameters(index = "1..*", paramLabel = "arenaname", description = "Arenas to check. Default: all.")
    List<String> arenas = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, !fix)) {
            return Cmds.finish(spec, CheckArenas.run(p, all, fix, verbose.length, arenas,
                    spec.commandLine().getErr()));
        }
    }
}
