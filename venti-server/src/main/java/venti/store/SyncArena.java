package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpEncoding;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * Brings an arena's memory stats and clump directory up to date with the clumps actually
 * in its log (the C {@code syncarena}): the arena log is the truth, and this is how a store
 * recovers the clumps written after its trailer was last put on disk.
 *
 * <p>Starting at the trailer's {@code used}, it follows clump magics. Each clump is read,
 * its score checked and its directory entry compared; the stats grow by one clump each
 * time. It stops at a zero magic (the end of the log), at a wrong magic (writing a zero
 * magic there when fixing, so the garbage is cut off for good), at a clump that does not
 * read, and at an uncompressed clump whose score does not match, which is the tail of a
 * clump whose write a crash cut short. A compressed clump with a wrong score is corruption
 * inside the log: it is counted, and when fixing, its header is marked corrupt. Directory
 * entries that are missing or wrong are rewritten when fixing.
 *
 * <p>The arena's trailer is updated in memory only; the caller decides whether to write it.
 * Messages are the C tool's, one line each, so scripts that read checkarenas output keep
 * working. Not thread-safe: run it while nothing else writes the arena.
 */
final class SyncArena {

    /**
     * What one pass found and did.
     *
     * @param corruptData          a compressed clump's data did not match its score
     * @param wrongDirectory       a directory entry disagreed with its clump
     * @param unwrittenDirectory   a directory entry was never written
     * @param repairFailed         a repair could not be written
     * @param statsChanged         the memory stats grew: clumps were found past them
     */
    record Result(boolean corruptData, boolean wrongDirectory, boolean unwrittenDirectory, boolean repairFailed,
                  boolean statsChanged) {

        /** Whether anything besides the memory stats was wrong. */
        boolean problems() {
            return corruptData || wrongDirectory || unwrittenDirectory || repairFailed;
        }

        /** Whether anything at all was found or changed. */
        boolean changed() {
            return problems() || statsChanged;
        }

        /** What needs an operator: corrupt data and repairs that did not land, in words; empty when neither. */
        String serious() {
            if (corruptData && repairFailed) {
                return "corrupt clump data; repairs could not be written";
            }
            return corruptData ? "corrupt clump data" : repairFailed ? "repairs could not be written" : "";
        }
    }

    /** The directory entry of a clump whose entry was never written. */
    private static final ClumpInfo UNWRITTEN = new ClumpInfo(BlockType.CORRUPT, 0, 0, Score.ZERO);

    private SyncArena() {
    }

    /**
     * Checks at most {@code n} clumps past the memory stats of {@code arena}.
     *
     * @param zeroOk quietly accept never-written directory entries (they are still flagged)
     * @param fix    write repairs to the disk
     * @param report receives one line per problem found
     * @return what the pass found and did
     */
    static Result sync(Arena arena, long n, boolean zeroOk, boolean fix, Consumer<String> report) throws IOException {
        ArenaTrailer before = arena.trailer();
        String name = arena.name();
        boolean corruptData = false;
        boolean wrongDirectory = false;
        boolean unwrittenDirectory = false;
        boolean repairFailed = false;
        boolean flush = false;
        for (; n > 0; n--) {
            TailStats s = arena.trailer().memStats();
            long aa = s.used();
            long clump = s.clumps();
            if (aa + ClumpHeader.END_MARK > arena.clumpLimit()) {
                break;
            }
            int magic = arena.magicAt(aa);
            if (magic == 0) {
                break;
            }
            if (magic != arena.clumpMagic()) {
                report.accept(String.format("%s: illegal clump magic number=%#010x at clump=%d", name, magic, clump));
                if (fix && !write(() -> arena.writeData(aa, ByteBuffer.allocate(ClumpHeader.END_MARK)), report,
                        name + ": can't write corrected clump free magic")) {
                    repairFailed = true;
                }
                break;
            }
            Clump c;
            try {
                c = arena.readClump(aa, 0);
            } catch (CorruptException e) {
                report.accept(String.format("%s: clump=%d failed to read correctly: %s", name, clump, e.reason()));
                report.accept(at(arena, aa));
                break;
            }
            ClumpHeader h = c.header();
            ClumpInfo info = h.info();
            boolean broken = false;
            if (info.type() != BlockType.CORRUPT && !c.computeScore().equals(info.score())) {
                if (h.encoding() == ClumpEncoding.NONE) {
                    break;
                }
                report.accept(String.format("%s: clump=%d has mismatched score", name, clump));
                report.accept(at(arena, aa));
                corruptData = true;
                broken = true;
                if (fix && !markCorrupt(arena, aa, h, report)) {
                    repairFailed = true;
                }
            }
            arena.setTrailer(arena.trailer().repaired(s.plus(info.size(), info.uncompressedSize()),
                    arena.trailer().ctime(), arena.trailer().wtime()));
            if (!broken) {
                ClumpInfo found = null;
                try {
                    found = arena.readClumpInfo(clump);
                } catch (CorruptException e) {
                    report.accept(name + ": arena directory read failed");
                    broken = true;
                }
                if (found != null && !found.equals(info)) {
                    if (found.equals(UNWRITTEN)) {
                        unwrittenDirectory = true;
                        if (!zeroOk) {
                            report.accept(String.format("%s: unwritten clump info for clump=%d", name, clump));
                        }
                    } else {
                        wrongDirectory = true;
                        report.accept(String.format("%s: bad clump info for clump=%d", name, clump));
                        report.accept("\tdirectory entry at " + arena.directoryEntryLocation(clump));
                        report.accept(String.format("\texpected score=%s type=%d size=%d uncsize=%d",
                                info.score(), info.type().value(), info.size(), info.uncompressedSize()));
                        report.accept(String.format("\tfound score=%s type=%d size=%d uncsize=%d",
                                found.score(), found.type().value(), found.size(), found.uncompressedSize()));
                    }
                    broken = true;
                }
            }
            if (broken && fix) {
                flush = true;
                ClumpInfo correct = h.info();
                if (!write(() -> arena.writeClumpInfo(clump, correct), report,
                        name + ": can't write correct clump directory")) {
                    repairFailed = true;
                }
            }
        }
        ArenaTrailer t = arena.trailer();
        if (flush) {
            long now = Clock.now();
            arena.setTrailer(t.repaired(t.memStats(), t.ctime() == 0 && t.memStats().clumps() > 0 ? now : t.ctime(), now));
        }
        TailStats was = before.memStats();
        TailStats is = arena.trailer().memStats();
        boolean statsChanged = was.used() != is.used() || was.clumps() != is.clumps()
                || was.compressedClumps() != is.compressedClumps() || was.uncompressedSize() != is.uncompressedSize();
        if (statsChanged) {
            report.accept(String.format("arena %s: fix=%d flush=%d %d->%d %d->%d %d->%d %d->%d", name,
                    fix ? 1 : 0, flush ? 1 : 0, was.used(), is.used(), was.clumps(), is.clumps(),
                    was.compressedClumps(), is.compressedClumps(), was.uncompressedSize(), is.uncompressedSize()));
        }
        return new Result(corruptData, wrongDirectory, unwrittenDirectory, repairFailed, statsChanged);
    }

    /** The second line of a report on the clump at {@code aa}: where it is. */
    private static String at(Arena arena, long aa) {
        return "\tclump at arena offset " + aa + ", " + arena.location(aa);
    }

    private static boolean markCorrupt(Arena arena, long aa, ClumpHeader h, Consumer<String> report) {
        ClumpInfo i = h.info();
        ClumpHeader corrupt = new ClumpHeader(new ClumpInfo(BlockType.CORRUPT, i.size(), i.uncompressedSize(), i.score()),
                h.encoding(), h.creator(), h.time());
        ByteBuffer b = ByteBuffer.allocate(ClumpHeader.SIZE);
        corrupt.pack(b, 0, arena.clumpMagic());
        return write(() -> arena.writeData(aa, b), report, arena.name() + ": can't write corrected clump header");
    }

    private interface Write {
        void run() throws IOException;
    }

    private static boolean write(Write w, Consumer<String> report, String failure) {
        try {
            w.run();
            return true;
        } catch (IOException | StoreException e) {
            report.accept(failure + ": " + e.getMessage());
            return false;
        }
    }
}
