package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import venti.store.Arena;
import venti.store.ArenaPartition;
import venti.store.Part;
import venti.store.disk.AMap;
import venti.store.disk.AMapTable;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaPartHeader;
import venti.store.disk.CorruptException;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.store.disk.TailStats;

/**
 * cmparenas: compares the arenas of two arena partitions byte for byte and prints the
 * 16-byte rows that differ, first partition's bytes above the second's (the C tool, with its
 * output). Both partitions must have the same arena table.
 */
public final class CmpArenas {

    private CmpArenas() {
    }

    /**
     * Compares the arenas named in {@code names} (all when empty) of {@code a} and {@code b},
     * reading {@code chunk} bytes at a time; differences go to {@code out}, progress to
     * {@code err}.
     *
     * @return true when the arenas compared are identical
     * @throws StoreException when the two arena tables differ
     */
    public static boolean run(Part a, Part b, List<String> names, int chunk, Progress progress, PrintWriter out,
                              PrintWriter err) throws IOException {
        if (chunk <= 0) {
            throw new IllegalArgumentException("bad block size " + chunk);
        }
        String ta = table(a, err);
        String tb = table(b, err);
        if (!ta.equals(tb)) {
            throw new StoreException(Severity.ADMIN, "arena partitions do not have identical tables");
        }
        AMapTable map = AMapTable.unpack(ByteBuffer.wrap(ta.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                new Location(a.name(), ArenaPartition.readHeader(a).tableBase()), "arena table");
        List<String> wanted = new ArrayList<>(names);
        boolean same = true;
        for (AMap m : map.entries()) {
            if (!names.isEmpty() && !wanted.remove(m.name())) {
                continue;
            }
            same &= compare(a, b, m, chunk, progress, out, err);
        }
        for (String n : wanted) {
            err.printf("%s: did not find arena\n", n);
        }
        out.flush();
        err.flush();
        return same && wanted.isEmpty();
    }

    /** The text of a partition's arena table, up to its first NUL. */
    private static String table(Part p, PrintWriter err) throws IOException {
        ArenaPartHeader h = ArenaPartition.readHeader(p);
        err.printf("# arena part version=%d blocksize=%d arenabase=%d\n", h.version(), h.blockSize(), h.arenaBase());
        ByteBuffer t = p.read(h.tableBase(), h.tableSize());
        int n = 0;
        while (n < t.limit() && t.get(n) != 0) {
            n++;
        }
        return new String(t.array(), 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean compare(Part a, Part b, AMap m, int chunk, Progress progress, PrintWriter out,
                                   PrintWriter err) throws IOException {
        String name = m.name();
        err.printf("cmp %s\n", name);
        ArenaHead head;
        try {
            head = ArenaHead.unpack(a.read(m.start(), Layout.HEAD_SIZE), 0, new Location(a.name(), m.start()));
            ArenaHead.unpack(b.read(m.start(), Layout.HEAD_SIZE), 0, new Location(b.name(), m.start()));
        } catch (CorruptException e) {
            err.printf("%s: corrupt arena header: %s\n", name, e.getMessage());
            return false;
        }
        if (m.length() != head.size()) {
            err.printf("%s: warning: unexpected length %d != %d\n", name, head.size(), m.length());
        }
        if (!head.name().equals(name)) {
            err.printf("%s: warning: unexpected name %s\n", name, head.name());
        }
        try {
            printLayout(a, m, head, err);
        } catch (CorruptException e) {
            err.printf("%s: unpack arena tail: %s\n", name, e.getMessage());
            return false;
        }
        boolean same = true;
        try (Progress.Meter meter = progress.start("cmp " + name, head.size(), "B")) {
            for (long n = 0; n < head.size(); n += chunk) {
                int k = (int) Math.min(chunk, head.size() - n);
                ByteBuffer x = a.read(m.start() + n, k);
                ByteBuffer y = b.read(m.start() + n, k);
                if (!x.equals(y)) {
                    same = false;
                    out.printf("mismatch at %x\n", n);
                    for (int i = 0; i < k; i += 16) {
                        int len = Math.min(16, k - i);
                        if (!x.slice(i, len).equals(y.slice(i, len))) {
                            String at = Long.toHexString(n + i);
                            out.println(at + " " + row(x, i, len));
                            out.println(" ".repeat(at.length()) + " " + row(y, i, len));
                        }
                    }
                }
                meter.step(k);
            }
        }
        return same;
    }

    /** Where the head, data, directory and trailer of the arena are, from the first partition's trailer. */
    private static void printLayout(Part a, AMap m, ArenaHead head, PrintWriter err) throws IOException {
        int bs = head.blockSize();
        Arena arena = Arena.open(a, m.start(), head.size(), bs);
        TailStats s = arena.trailer().diskStats();
        err.printf("%s: base=%x size=%x blocksize=%x\n", m.name(), m.start(), head.size(), bs);
        err.printf("\t%x-%x: head\n", 0, bs);
        err.printf("\t%x-%x: data (%x)\n", bs, bs + s.used(), s.used());
        long hi = head.size() - bs;
        long lo = hi - s.clumps() / arena.clumpsPerBlock() * bs;
        err.printf("\t%x-%x: clumps (%x)\n", lo, hi, hi - lo);
        err.printf("\t%x-%x: tail\n", hi, hi + bs);
        err.println("arena:");
        ToolOutput.arenaSummary(arena, err);
    }

    private static String row(ByteBuffer b, int at, int len) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < len; j++) {
            s.append(String.format(" %02x", b.get(at + j)));
            if (j == 7) {
                s.append(" -");
            }
        }
        return s.toString();
    }
}
