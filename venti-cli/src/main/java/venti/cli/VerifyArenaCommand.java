package venti.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.VerifyArena;

/** venti verifyarena: recompute sealed arenas' scores. */
@Command(name = "verifyarena",
        header = "Check each sealed arena's SHA-1 against its trailer",
        description = {"Read each arena of an arena partition (or the one arena on standard input, as rdarena "
                + "writes it) front to back and check that its SHA-1 is the score its trailer holds.",
                "When a score does not match, the arena's clumps and directory are checked to say where it is "
                        + "damaged. The exit status is 1 when any arena did not verify."})
final class VerifyArenaCommand extends StoreTool {

    @CommandLine.Mixin
    ArenaReading reading;

    @Parameters(index = "0", arity = "0..1", paramLabel = "arenapart", description = "The arena partition. "
            + "Default: one arena on standard input.")
    String file;

    @Parameters(index = "1..*", paramLabel = "name", description = "Arenas to verify. Default: all.")
    List<String> names = List.of();

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            return finish(VerifyArena.stream(main.stdin(), reading.chunk(), reading.sleepMs,
                    reading.verbose.length, err()));
        }
        try (Part p = Part.open(file, true)) {
            return finish(VerifyArena.partition(p, names, reading.chunk(), reading.sleepMs,
                    reading.verbose.length, progress(), err()));
        }
    }
}
