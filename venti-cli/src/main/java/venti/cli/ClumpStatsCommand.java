package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import venti.store.admin.ClumpStats;

/** venti clumpstats: how many blocks of each size and type the arenas hold. */
@Command(name = "clumpstats",
        header = "Count the stored blocks by size and type",
        description = "Print the number of clumps, then for each block size stored: the size, the number of blocks "
                + "of that size, and how many of them have each type 0 to 16.")
final class ClumpStatsCommand extends StoreTool {

    @CommandLine.Mixin
    InspectedStore store;

    @Override
    public Integer call() throws Exception {
        try (var s = store.open()) {
            ClumpStats.run(s, out(), err());
        }
        return finish(true);
    }
}
