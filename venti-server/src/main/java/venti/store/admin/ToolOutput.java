package venti.store.admin;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import venti.store.Arena;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.TailStats;

/**
 * What every offline tool prints the C tools' way: the time stamp of a progress line, a
 * ctime, and an arena's summary. Stateless and thread-safe.
 */
final class ToolOutput {

    /** How the C tools print times: ctime(3) in GMT, without the newline. */
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'GMT' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** How the C tools stamp their progress lines (libventi's {@code %T}): local time, to the second. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MMdd HH:mm:ss", Locale.ROOT);

    private ToolOutput() {
    }

    /** The current time as the C tools stamp their progress lines: {@code 2026/1121 05:31:10}. */
    static String stamp() {
        return STAMP.format(LocalDateTime.now());
    }

    /** A time as the C tools print it: {@code Sat Nov 21 05:31:10 GMT 2026}. */
    static String ctime(long seconds) {
        return CTIME.format(Instant.ofEpochSecond(seconds));
    }

    /** The C {@code printarena} summary of an arena. */
    static void arenaSummary(Arena a, PrintWriter w) {
        arenaSummary(a.trailer(), a.dataBase(), a.size(), w);
    }

    /** The C {@code printarena} summary of the arena of {@code size} bytes whose trailer is {@code t}. */
    static void arenaSummary(ArenaTrailer t, long base, long size, PrintWriter w) {
        TailStats s = t.memStats();
        w.printf(Locale.ROOT, "arena='%s' [%d,%d)\n\tversion=%d created=%d modified=%d%s\n", t.name(), base,
                base + size, t.version(), (int) t.ctime(), (int) t.wtime(), s.sealed() ? " sealed" : "");
        if (t.isScored()) {
            w.printf("\tscore=%s\n", t.score());
        }
        w.printf(Locale.ROOT, "\tclumps=%,d compressed clumps=%,d data=%,d compressed data=%,d disk storage=%,d\n",
                s.clumps(), s.compressedClumps(), s.uncompressedSize(), s.compressedData(), s.diskStorage());
    }
}
