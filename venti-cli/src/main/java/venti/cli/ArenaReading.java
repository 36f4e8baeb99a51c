package venti.cli;

import picocli.CommandLine.Option;
import venti.store.admin.VerifyArena;

/** The options verifyarena and cmparenas share: how much to read at a time, and how fast. */
final class ArenaReading {

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class,
            description = "Bytes to read at a time (default 64k).")
    long blockSize = VerifyArena.DEFAULT_CHUNK;

    @Option(names = "-s", paramLabel = "ms", description = "Sleep this many milliseconds after each read, to leave "
            + "the disk to a running server (cmparenas accepts it and, as the original, ignores it).")
    int sleepMs;

    @Option(names = "-v", description = "Verbose: name each arena as it is read; twice (-vv), verifyarena also prints each "
            + "verified arena's summary as printarena does.")
    boolean[] verbose = new boolean[0];

    int chunk() {
        return Math.toIntExact(blockSize);
    }
}
