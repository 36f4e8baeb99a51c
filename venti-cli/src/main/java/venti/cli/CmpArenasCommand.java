package venti.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.admin.CmpArenas;

/** venti cmparenas: compare the arenas of two arena partitions. */
@Command(name = "cmparenas",
        header = "Compare the arenas of two partitions byte for byte",
        description = {"Compare the arenas of two arena partitions with identical arena tables byte for byte; print "
                + "each chunk that differs and its differing 16-byte rows, the first partition's bytes above the "
                + "second's.", "The exit status is 1 when they differ."})
final class CmpArenasCommand extends StoreTool {

    @CommandLine.Mixin
    ArenaReading reading;

    @Parameters(index = "0", paramLabel = "arenapart1", description = "The first arena partition.")
    String first;

    @Parameters(index = "1", paramLabel = "arenapart2", description = "The second arena partition.")
    String second;

    @Parameters(index = "2..*", paramLabel = "name", description = "Arenas to compare. Default: all.")
    List<String> names = List.of();

    @Override
    public Integer call() throws Exception {
        try (Part a = Part.open(first, true); Part b = Part.open(second, true)) {
            return finish(CmpArenas.run(a, b, names, reading.chunk(),
                    progress(), out(), err()));
        }
    }
}
