package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Clump;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.Part;
import venti.store.Store;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.TailStats;

/**
 * The inspection tools: printarenapart, printarena, printarenas, printindex and printmap,
 * printing exactly what the C tools print, to the same streams, so scripts that read them
 * keep working. Each returns false when it stopped at an error it reported.
 */
public final class Print {

    /** Directory entries read at a time by printarenas. */
    private static final int CLUMP_CHUNK = 32 * 1024;

    private Print() {
    }

    /** One clump or index entry: address, score, libventi type, size, in the C columns. */
    private static String entryLine(long address, Score score, BlockType type, int size) {
        return String.format(Locale.ROOT, "%22d %s %3d %5d", address, score, type.value(), size);
    }

    /**
     * printarenapart: the partition header, then for each arena in its table the trailer's
     * counts and times.
     */
    public static boolean arenaPart(Part part, PrintWriter out, PrintWriter err) throws IOException {
        ArenaPartHeader h = ArenaPartition.readHeader(part);
        out.printf("# arena part version=%d blocksize=%d arenabase=%d\n", h.version(), h.blockSize(), h.arenaBase());
        AMapTable.Rows table = AMapTable.rows(part.read(h.tableBase(), h.tableSize()), new Location(part.name(), h.tableBase()));
        boolean ok = true;
        for (AMapTable.Row row : table.rows()) {
            long offset = row.number(1, part.size() - 1);
            if (offset < 0) {
                err.print("bad line: " + row.text() + "\n");
                return false;
            }
            try {
                Location where = new Location(part.name(), offset);
                ArenaHead head = ArenaHead.unpack(part.read(offset, (int) Math.min(Layout.HEAD_SIZE, part.size() - offset)), 0, where);
                long tailAt = offset + head.size() - head.blockSize();
                ArenaTrailer t = ArenaTrailer.unpack(part.read(tailAt, head.blockSize()), 0, head.blockSize(),
                        new Location(part.name(), tailAt));
                TailStats s = t.diskStats();
                out.printf(Locale.ROOT, "arena %s %d clumps=%,d cclumps=%,d used=%,d uncsize=%,d%s\n", t.name(), offset,
                        s.clumps(), s.compressedClumps(), s.used(), s.uncompressedSize(), s.sealed() ? " sealed" : "");
                out.printf("\tctime=%s\n\tmtime=%s\n", ToolOutput.ctime(t.ctime()), ToolOutput.ctime(t.wtime()));
            } catch (CorruptException | IOException e) {
                err.print(e.getMessage() + "\n");
                ok = false;
            }
        }
        return ok;
    }

    /**
     * printarena: the head of the arena at partition offset {@code arenaOffset}, its summary
     * (to {@code err}, as the C tool does), and every clump in its log from arena address
     * {@code from}, each read, decompressed and checked.
     */
    public static boolean arena(Part part, long arenaOffset, long from, PrintWriter out, PrintWriter err)
            throws IOException {
        if (arenaOffset < 0 || arenaOffset >= part.size()) {
            throw new IOException("arena offset " + arenaOffset + " is outside " + part.name() + " (" + part.size() + " bytes)");
        }
        ByteBuffer b = part.read(arenaOffset, (int) Math.min(Layout.HEAD_SIZE, part.size() - arenaOffset));
        ArenaHead head = ArenaHead.unpack(b, 0, new Location(part.name(), arenaOffset));
        out.printf("# arena head version=%d name=%s blocksize=%d size=%d clumpmagic=%s\n", head.version(), head.name(),
                head.blockSize(), head.size(), Layout.hex32(head.clumpMagic()));
        if (arenaOffset + head.size() > part.size()) {
            throw new IOException("arena is truncated: want " + head.size() + " bytes have " + (part.size() - arenaOffset));
        }
        Arena a = Arena.open(part, arenaOffset, head.size(), head.blockSize());
        ToolOutput.arenaSummary(a, err);
        if (from >= a.dataSize()) {
            throw new IllegalArgumentException("bad offset " + from + " >= " + a.dataSize());
        }
        long aa = Math.max(from, 0);
        boolean ok = false;
        while (true) {
            try {
                int magic = a.magicAt(aa);
                if (magic == 0) {
                    ok = true;
                    break;
                }
                if (magic != a.clumpMagic()) {
                    err.printf("illegal clump magic number %s offset %d\n", Layout.hex32(magic), aa);
                    break;
                }
                Clump c = a.readClump(aa, 0);
                ClumpInfo info = c.header().info();
                if (info.type() != BlockType.CORRUPT && !c.computeScore().equals(info.score())) {
                    err.printf("clump %d has mismatched score\n", aa);
                    break;
                }
                out.print(entryLine(aa, info.score(), info.type(), info.uncompressedSize()) + "\n");
                aa += c.header().totalSize();
            } catch (CorruptException e) {
                err.printf("clump %d failed to read: %s\n", aa, e.reason());
                break;
            }
        }
        out.printf("end offset %d\n", aa);
        return ok;
    }

    /**
     * printarenas: every clump of the named arenas (all when {@code names} is empty) from
     * the arena directories, with index addresses.
     */
    public static boolean arenas(Store store, List<String> names, PrintWriter out, PrintWriter err) throws IOException {
        Index ix = store.index();
        boolean ok = true;
        for (int i = 0; i < ix.arenas().size(); i++) {
            Arena a = ix.arenas().get(i);
            if (!names.isEmpty() && !names.contains(a.name())) {
                continue;
            }
            long addr = ix.config().arenas().get(i).start();
            long clumps = a.trailer().memStats().clumps();
            try {
                for (long c = 0; c < clumps; c += CLUMP_CHUNK) {
                    for (ClumpInfo ci : a.readClumpInfos(c, (int) Math.min(CLUMP_CHUNK, clumps - c))) {
                        out.print(entryLine(addr, ci.score(), ci.type(), ci.uncompressedSize()) + "\n");
                        addr += ClumpHeader.SIZE + ci.size();
                    }
                }
            } catch (CorruptException | IOException e) {
                err.print("arena directory read failed: " + e.getMessage() + "\n");
                ok = false;
            }
        }
        return ok;
    }

    /**
     * printindex: every entry of every bucket block of the named index sections (all when
     * {@code names} is empty), in bucket order.
     */
    public static boolean index(Store store, List<String> names, PrintWriter out, PrintWriter err) throws IOException {
        boolean ok = true;
        for (IndexSection s : store.index().sections()) {
            if (!names.isEmpty() && !names.contains(s.name())) {
                continue;
            }
            IndexSectionHeader h = s.header();
            for (long i = 0; i < h.blocks(); i++) {
                long off = h.blockBase() + i * h.blockSize();
                try {
                    Bucket b = Bucket.unpack(s.part().read(off, h.blockSize()), 0, h.blockSize(), h.bucketMagic(),
                            new Location(s.part().name(), off));
                    for (IndexEntry e : b.entries()) {
                        out.print(entryLine(e.address(), e.score(), e.type(), e.size()) + "\n");
                    }
                } catch (CorruptException | IOException e) {
                    err.print(e.getMessage() + "\n");
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** printmap: the index configuration, sections and arenas with their ranges. */
    public static void map(Store store, PrintWriter out) {
        Index ix = store.index();
        IndexConfig c = ix.config();
        out.printf("index=%s version=%d blocksize=%d tabsize=%d\n", c.name(), c.version(), c.blockSize(),
                ix.sections().getFirst().header().tableSize());
        out.printf("\tbuckets=%d div=%d\n", ix.buckets(), ix.divisor());
        for (AMap m : c.sections().entries()) {
            out.printf("\tsect=%s for buckets [%d,%d)\n", m.name(), m.start(), m.stop());
        }
        for (AMap m : c.arenas().entries()) {
            out.printf("\tarena=%s at [%d,%d)\n", m.name(), m.start(), m.stop());
        }
    }
}
