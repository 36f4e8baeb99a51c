package venti.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.client.VentiClient;
import venti.store.Part;
import venti.store.admin.ArenaCopy;

/** venti wrarena: send an arena's blocks to a server. */
@Command(name = "wrarena",
        header = "Send an arena's blocks to a Venti server",
        description = {"Send every block of an arena to a Venti server, checking each against its score, then sync. "
                + "The file is an arena partition (all its arenas are sent) or holds one arena (as rdarena writes it).",
                "-h /dev/null reads and checks the clumps without sending them."})
final class WrArenaCommand extends StoreTool {

    @Option(names = "-o", paramLabel = "fileoffset", converter = SizeConverter.class,
            description = "Where the arena starts in the file; also prints where the clumps sent end.")
    Long fileOffset;

    @Option(names = "-h", paramLabel = "host",
            description = "Venti server to write to (tcp!host!port, host:port, host); default $venti.")
    String host;

    @Option(names = "-v", description = "Print each block's score as it is sent.")
    boolean verbose;

    @Option(names = "-f", description = "Fast: do not check each clump against its score before sending it "
            + "(the server still hashes what it stores).")
    boolean fast;

    @Option(names = "-M", paramLabel = "maxwrites", description = "Send at most this many clumps.")
    long maxWrites = -1;

    @Parameters(index = "0", paramLabel = "arenafile", description = "The arena file or partition.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "clumpoffset", converter = SizeConverter.class,
            description = "Send only the clumps from this offset of the arena's clump storage on.")
    long clumpOffset;

    @Override
    public Integer call() throws Exception {
        try (Part p = Part.open(file, true); VentiClient c = "/dev/null".equals(host) ? null : Host.dial(host)) {
            ArenaCopy.Sending how = new ArenaCopy.Sending(fileOffset != null ? fileOffset : 0, clumpOffset,
                    fileOffset != null, verbose, fast, maxWrites);
            boolean ok = ArenaCopy.write(p, how, c, progress(), out(), err());
            return finish(ok);
        }
    }
}
