package venti.http;

import java.util.List;
import venti.store.Arena;
import venti.store.disk.TailStats;

/**
 * How much of the arenas is used, summed over all of them from their trailers' memory stats
 * (what the C server's {@code /storage} page prints).
 *
 * @param arenas          arenas in the index
 * @param active          arenas holding at least one clump
 * @param sealed          arenas sealed
 * @param space           bytes of clump storage and directory in all arenas
 * @param used            bytes of it used: clumps with their headers, and their directory entries
 * @param clumps          clumps stored
 * @param compressed      clumps stored compressed
 * @param data            bytes of the blocks stored, uncompressed
 * @param compressedData  bytes of clump payload stored, after compression
 */
record StorageTotals(int arenas, int active, int sealed, long space, long used, long clumps, long compressed,
                            long data, long compressedData) {

    /** The totals over {@code arenas}, read from each one's trailer now. */
    static StorageTotals of(List<Arena> arenas) {
        int active = 0;
        int sealed = 0;
        long space = 0;
        long storage = 0;
        long clumps = 0;
        long compressed = 0;
        long data = 0;
        long stored = 0;
        for (Arena a : arenas) {
            TailStats s = a.trailer().memStats();
            space += a.dataSize();
            if (s.sealed()) {
                sealed++;
            }
            if (s.clumps() != 0) {
                active++;
                clumps += s.clumps();
                compressed += s.compressedClumps();
                data += s.uncompressedSize();
                storage += s.diskStorage();
                stored += s.compressedData();
            }
        }
        return new StorageTotals(arenas.size(), active, sealed, space, storage, clumps, compressed, data, stored);
    }
}
