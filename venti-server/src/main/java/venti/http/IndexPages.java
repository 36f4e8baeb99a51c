package venti.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import venti.stats.StorageTotals;
import venti.store.Arena;
import venti.store.CacheMemory;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.Store;
import venti.store.disk.AMap;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.Bucket;
import venti.store.disk.TailStats;

/**
 * The text of the {@code /index}, {@code /xindex} and {@code /storage} pages: the index, its
 * sections and arenas, in the C server's formats, which scripts read.
 *
 * <p>One difference: an arena's extent is given as the partition offsets of its head block
 * and of its end, {@code [start, start+size)}. The C server prints the first clump's offset
 * and a bound one block past the arena's end in {@code /index}, and an end two blocks past
 * the first clump in {@code /xindex}.
 *
 * <p>One addition: {@code /index} follows each arena's {@code created=} and {@code modified=}
 * seconds with a line giving them as dates in UTC, for people; the C fields stay as they were
 * for scripts.
 *
 * <p>Stateless; each page reads the arenas' trailers as they are at that moment.
 */
final class IndexPages {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private IndexPages() {
    }

    /** Seconds since 1970 as a date in UTC. */
    static String date(long seconds) {
        return DATE.format(Instant.ofEpochSecond(seconds));
    }

    /** {@code /index}: the index and its sections, then each arena that holds clumps. */
    static String index(Index ix) {
        StringBuilder b = new StringBuilder();
        b.append(format("index=%s version=%d blocksize=%d tabsize=%d\n", ix.name(), ix.config().version(),
                ix.config().blockSize(), tableSize(ix)));
        b.append(format("\tbuckets=%d div=%d\n", ix.buckets(), ix.divisor()));
        for (IndexSection s : ix.sections()) {
            b.append(format("\tsect=%s for buckets [%d,%d) buckmax=%d\n", s.name(), s.header().start(),
                    s.header().stop(), Bucket.capacity(s.header().blockSize())));
        }
        List<AMap> map = ix.config().arenas().entries();
        for (int i = 0; i < ix.arenas().size(); i++) {
            Arena a = ix.arenas().get(i);
            ArenaTrailer t = a.trailer();
            if (t.memStats().clumps() == 0) {
                continue;
            }
            b.append(format("arena=%s at index [%d,%d)\n\t", map.get(i).name(), map.get(i).start(), map.get(i).stop()));
            b.append(format("arena='%s' on %s at [%d,%d)\n\tversion=%d created=%d modified=%d", a.name(),
                    a.part().name(), a.start(), a.start() + a.size(), t.version(), t.ctime(), t.wtime()));
            b.append(t.memStats().sealed() ? " mem=sealed" : "").append(t.diskStats().sealed() ? " disk=sealed" : "");
            b.append('\n');
            b.append("\tcreated ").append(date(t.ctime())).append(", modified ").append(date(t.wtime())).append('\n');
            if (t.isScored()) {
                b.append("\tscore=").append(t.score()).append('\n');
            }
            b.append(usage("written", t.memStats())).append(usage("indexed", t.diskStats()));
        }
        return b.toString();
    }

    private static String usage(String what, TailStats s) {
        return format("\t%s: clumps=%d compressed clumps=%d data=%,d compressed data=%,d storage=%,d\n", what,
                s.clumps(), s.compressedClumps(), s.uncompressedSize(), s.compressedData(),
                s.diskStorage());
    }

    /** {@code /xindex}: the index, its section map, arena map and arenas, as XML. */
    static String xindex(Index ix) {
        StringBuilder b = new StringBuilder();
        b.append("<index").append(attr("name", ix.name())).append(attr("version", ix.config().version()))
                .append(attr("blocksize", ix.config().blockSize())).append(attr("tabsize", tableSize(ix)))
                .append(attr("buckets", ix.buckets())).append(attr("buckdiv", ix.divisor())).append(">\n");
        b.append("\t<sects>\n");
        ix.config().sections().entries().forEach(m -> b.append(amap("sect", m)));
        b.append("\t</sects>\n\t<amaps>\n");
        ix.config().arenas().entries().forEach(m -> b.append(amap("amap", m)));
        b.append("\t</amaps>\n\t<arenas>\n");
        for (Arena a : ix.arenas()) {
            ArenaTrailer t = a.trailer();
            TailStats s = t.memStats();
            b.append("\t\t<arena").append(attr("name", a.name())).append(attr("version", t.version()))
                    .append(attr("partition", a.part().name())).append(attr("blocksize", a.blockSize()))
                    .append(attr("start", a.start())).append(attr("stop", a.start() + a.size()))
                    .append(attr("created", t.ctime())).append(attr("modified", t.wtime()))
                    .append(s.sealed() ? attr("sealed", "yes") : "")
                    .append(t.isScored() ? attr("score", t.score().toString()) : "")
                    .append(attr("clumps", s.clumps())).append(attr("compressedclumps", s.compressedClumps()))
                    .append(attr("data", s.uncompressedSize()))
                    .append(attr("compresseddata", s.compressedData()))
                    .append(attr("storage", s.diskStorage())).append("/>\n");
        }
        b.append("\t</arenas>\n</index>\n");
        return b.toString();
    }

    private static String amap(String tag, AMap m) {
        return "\t\t<" + tag + attr("name", m.name()) + attr("start", m.start()) + attr("stop", m.stop()) + "/>\n";
    }

    private static String attr(String name, long value) {
        return " " + name + "=\"" + value + "\"";
    }

    private static String attr(String name, String value) {
        return " " + name + "=\"" + escape(value) + "\"";
    }

    /** XML attribute text: the C server writes names as they are, which breaks on a quote or ampersand. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code /storage}: totals over all arenas, as the C server prints them, how memory is
     * split between the caches, and a last line when index buckets are full.
     */
    static String storage(Index ix, CacheMemory m, Store.CacheUse use) {
        StorageTotals t = StorageTotals.of(ix.arenas());
        return format("index=%s\n", ix.name())
                + format("total arenas=%,d active=%,d\n", t.arenas(), t.active())
                + format("total space=%,d used=%,d\n", t.space(), t.used())
                + format("clumps=%,d compressed clumps=%,d data=%,d compressed data=%,d\n", t.clumps(), t.compressed(),
                t.data(), t.compressedData())
                + format("memory lump cache=%,d index cache=%,d bloom=%,d (%s)\n", m.lumpCache(), m.indexCache(),
                m.bloom(), m.chosen())
                + (use.fullBuckets() == 0 ? "" : format("full index buckets=%,d entries held in memory=%,d: the index "
                + "is too small; format a larger index and run buildindex\n", use.fullBuckets(), use.stuckEntries()));
    }

    private static int tableSize(Index ix) {
        return ix.sections().getFirst().header().tableSize();
    }

    private static String format(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
