package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.core.Score;
import venti.store.Part;
import venti.store.admin.FindScore;

/** venti findscore: where a score is in the arenas, without the index. */
@Command(name = "findscore",
        header = "Find a score in the arenas' clump directories",
        description = "Look for a score in the clump directories of every arena of an arena partition, without the "
                + "index; each clump found is listed on standard error, the count on standard output.")
final class FindScoreCommand extends StoreTool {

    @Option(names = "-v", description = "Verbose; twice prints the partition first.")
    boolean[] verbose = new boolean[0];

    @Parameters(index = "0", paramLabel = "arenafile", description = "The arena partition.")
    String file;

    @Parameters(index = "1", paramLabel = "score", description = "The score (40 hex digits).")
    String score;

    @Override
    public Integer call() throws Exception {
        Score s = Score.parse(score);
        try (Part p = Part.open(file, true)) {
            FindScore.run(p, s, verbose.length, out(), err());
        }
        return finish(true);
    }
}
