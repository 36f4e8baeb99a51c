package venti.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.Clump;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.Location;
import venti.store.LogPosition;
import venti.store.disk.TailStats;

/**
 * The data log read back in order, arena by arena and clump by clump, for a mirror: the log
 * is the source of truth, so a mirror needs nothing from the write path but this.
 *
 * <p>Design. An arena's clumps lie end to end from arena address 0, each a header followed
 * by its payload, up to the {@code used} of the trailer's memory stats. The writer puts a
 * clump on the partition before it counts it in the (volatile) trailer, so everything below
 * {@code used} can be read at once, before any sync; the log moves to the next arena only
 * after sealing this one. Clumps are read in runs of up to {@link #RUN} bytes and
 * decompressed here. A clump whose header or payload does not decode is reported and
 * skipped, its length taken from the arena directory.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
final class ClumpLog {

    private static final Logger log = LoggerFactory.getLogger(ClumpLog.class);

    /** Bytes of clump storage read at once. */
    static final int RUN = 1 << 20;

    /** A clump as the mirror sends it: the block, uncompressed, with its type and score. */
    record LogClump(BlockType type, Score score, byte[] data, Location where) {
    }

    /** Takes the clumps read, in log order. */
    @FunctionalInterface
    interface Sink {
        void accept(LogClump c) throws IOException;
    }

    private final List<Arena> arenas;

    ClumpLog(List<Arena> arenas) {
        if (arenas.isEmpty()) {
            throw new IllegalArgumentException("a store without arenas has no log to mirror");
        }
        this.arenas = List.copyOf(arenas);
    }

    List<Arena> arenas() {
        return arenas;
    }

    /** Where the log ends now: after the last clump of the first arena not sealed, or of the last arena. */
    LogPosition end() {
        for (int i = 0; i < arenas.size(); i++) {
            TailStats s = arenas.get(i).trailer().memStats();
            if (!s.sealed() || i == arenas.size() - 1) {
                return new LogPosition(i, s.clumps(), s.used());
            }
        }
        throw new IllegalStateException("unreachable: the loop returns at the last arena");
    }

    /** Clumps and bytes of clump storage from {@code from} to {@code to}. */
    Lag distance(LogPosition from, LogPosition to) {
        long clumps = 0;
        long bytes = 0;
        for (int i = from.arena(); i <= to.arena() && i < arenas.size(); i++) {
            TailStats s = arenas.get(i).trailer().memStats();
            long endClumps = i == to.arena() ? to.clumps() : s.clumps();
            long endBytes = i == to.arena() ? to.offset() : s.used();
            clumps += endClumps - (i == from.arena() ? from.clumps() : 0);
            bytes += endBytes - (i == from.arena() ? from.offset() : 0);
        }
        return new Lag(Math.max(clumps, 0), Math.max(bytes, 0));
    }

    /** Clumps and bytes between two positions. */
    record Lag(long clumps, long bytes) {
    }

    /**
     * Gives {@code sink} the clumps from {@code from}, in order, until about {@code maxBytes}
     * of clump storage are read or the log ends; returns the position after the last one given.
     */
    LogPosition read(LogPosition from, long maxBytes, Sink sink) throws IOException {
        LogPosition at = from;
        long read = 0;
        while (read < maxBytes) {
            Arena a = arenas.get(at.arena());
            TailStats s = a.trailer().memStats();
            if (at.offset() >= s.used()) {
                if (s.sealed() && at.arena() + 1 < arenas.size()) {
                    at = new LogPosition(at.arena() + 1, 0, 0);
                    continue;
                }
                break;
            }
            LogPosition next = readRun(a, at, s.used(), sink);
            read += next.offset() - at.offset();
            at = next;
        }
        return at;
    }

    /** Gives {@code sink} the clumps wholly inside one run from {@code at}; returns where the run's last clump ends. */
    private LogPosition readRun(Arena a, LogPosition at, long used, Sink sink) throws IOException {
        ByteBuffer b = a.readData(at.offset(), (int) Math.min(RUN, used - at.offset()));
        byte[] raw = b.array();
        int off = 0;
        long clumps = at.clumps();
        while (off + ClumpHeader.SIZE <= b.limit()) {
            Location where = a.location(at.offset() + off);
            int length;
            try {
                ClumpHeader h = ClumpHeader.unpack(b, off, a.clumpMagic(), where);
                length = h.totalSize();
                if (off + length > b.limit()) {
                    break;
                }
                ClumpInfo info = h.info();
                Clump c = Clump.decode(h, raw, off + ClumpHeader.SIZE, where);
                sink.accept(new LogClump(info.type(), info.score(), c.data(), where));
            } catch (CorruptException e) {
                length = skip(a, clumps, where, e);
            }
            off += length;
            clumps++;
        }
        if (off == 0) {
            throw a.location(at.offset()).corrupt("arena " + a.name() + ": no whole clump in the " + b.limit()
                    + " bytes at offset " + at.offset());
        }
        return new LogPosition(at.arena(), clumps, at.offset() + off);
    }

    /** The length of a damaged clump, from the arena directory, which it is reported with. */
    private static int skip(Arena a, long clump, Location where, CorruptException damage) throws IOException {
        if (clump >= a.trailer().memStats().clumps()) {
            throw damage;
        }
        ClumpInfo info = a.readClumpInfo(clump);
        log.warn("arena {} clump {} at {} is damaged and is not mirrored: {}", a.name(), clump, where,
                damage.getMessage());
        return ClumpHeader.SIZE + info.size();
    }
}
