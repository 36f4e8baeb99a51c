package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import venti.core.BlockType;
import venti.store.Arena;
import venti.store.Store;
import venti.store.disk.ClumpInfo;
import venti.store.disk.Layout;

/**
 * clumpstats: how many blocks of each size and type the arenas of the index hold (the C
 * tool, with its output): one line per block size present, with the total and a count per
 * libventi type 0 to 16.
 */
public final class ClumpStats {

    /** Directory entries read at a time. */
    private static final int CHUNK = 32 * 1024;
    /** Types counted: libventi's 0 to 16. */
    private static final int TYPES = BlockType.ROOT.value() + 1;

    private ClumpStats() {
    }

    /** Prints the statistics of {@code store}'s arenas on {@code out}, progress on {@code err}. */
    public static void run(Store store, PrintWriter out, PrintWriter err) throws IOException {
        long[][] count = new long[Layout.MAX_LUMP_SIZE + 1][TYPES];
        long clumps = 0;
        for (Arena a : store.index().arenas()) {
            long n = a.trailer().memStats().clumps();
            if (n > 0) {
                err.printf("reading directory for arena=%s with %d entries\n", a.name(), n);
            }
            for (long c = 0; c < n; c += CHUNK) {
                long i = c;
                for (ClumpInfo ci : a.readClumpInfos(c, (int) Math.min(CHUNK, n - c))) {
                    if (ci.type() == BlockType.CORRUPT || ci.uncompressedSize() > Layout.MAX_LUMP_SIZE) {
                        err.printf("bad clump: %d: type = %d: size = %d\n", i, ci.type().value(), ci.uncompressedSize());
                    } else {
                        count[ci.uncompressedSize()][ci.type().value()]++;
                    }
                    i++;
                }
            }
            clumps += n;
        }
        err.flush();
        out.printf("clumps = %d\n", clumps);
        for (int size = 0; size < count.length; size++) {
            long total = 0;
            for (long c : count[size]) {
                total += c;
            }
            if (total == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder().append(size).append('\t').append(total);
            for (long c : count[size]) {
                line.append('\t').append(c);
            }
            out.print(line.append('\n'));
        }
        out.flush();
    }
}
