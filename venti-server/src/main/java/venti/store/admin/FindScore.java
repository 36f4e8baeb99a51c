package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Part;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;

/**
 * findscore: looks for a score in the clump directories of every arena of a partition,
 * without the index (the C tool, with its messages): where a block lives when the index is
 * lost or suspect.
 */
public final class FindScore {

    /** Directory entries read at a time. */
    private static final int CHUNK = 32 * 1024;

    private FindScore() {
    }

    /**
     * Prints each clump of {@code part}'s arenas holding {@code score} on {@code err}, and
     * the count on {@code out}; returns the count.
     *
     * @param verbose above 1 prints the partition first
     */
    public static int run(Part part, Score score, int verbose, PrintWriter out, PrintWriter err) throws IOException {
        ArenaPartition ap = ArenaPartition.open(part);
        if (verbose > 1) {
            Print.arenaPart(part, err, err);
            err.println();
        }
        int found = 0;
        for (Arena a : ap.arenas()) {
            long clumps = a.trailer().memStats().clumps();
            if (clumps > 0) {
                err.printf("reading directory for arena=%s with %d entries\n", a.name(), clumps);
            }
            long position = 0;
            for (long c = 0; c < clumps; c += CHUNK) {
                long i = c;
                for (ClumpInfo ci : a.readClumpInfos(c, (int) Math.min(CHUNK, clumps - c))) {
                    if (ci.score().equals(score)) {
                        err.printf("found at clump=%d with type=%d size=%d csize=%d position=%d\n", i,
                                ci.type().value(), ci.uncompressedSize(), ci.size(), position);
                        found++;
                    }
                    position += ClumpHeader.SIZE + ci.size();
                    i++;
                }
            }
        }
        out.printf("found %d occurrences of %s\n", found, score);
        out.flush();
        err.flush();
        return found;
    }
}
