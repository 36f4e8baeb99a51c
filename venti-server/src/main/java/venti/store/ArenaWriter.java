package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.TailStats;

/**
 * Appends clumps to the arena being filled: the one place an arena grows.
 *
 * <p>Design. Each clump goes to the partition as soon as it is appended (into the
 * operating system's cache; {@link DataLog#sync} forces it), followed by four zero bytes,
 * so the clump log on disk always ends in a zero magic; the next clump overwrites them. The
 * directory block being filled is kept here and written when the next one is started or at
 * sync; the
 * trailer is updated in memory for every clump ({@link Arena#setTrailer}) and written at
 * sync. After a crash the clumps past the trailer on disk are found again by following
 * clump magics from its {@code used} ({@link SyncArena}), so nothing written before the
 * last completed sync is lost.
 *
 * <p>Not thread-safe: the {@link DataLog} calls it with its lock held.
 */
final class ArenaWriter {

    private final Arena arena;
    private final int perBlock;
    private final ByteBuffer directory;
    private long directoryBlock;
    private boolean directoryDirty;

    /** Starts appending after the clumps the arena's trailer counts. */
    ArenaWriter(Arena arena) throws IOException {
        this.arena = arena;
        this.perBlock = arena.clumpsPerBlock();
        this.directoryBlock = arena.trailer().memStats().clumps() / perBlock;
        this.directory = arena.readDirectoryBlock(directoryBlock);
    }

    Arena arena() {
        return arena;
    }

    /**
     * True when a clump of {@code payload} stored bytes fits, leaving room for its directory
     * entry and end mark (the test in the C {@code writeaclump}).
     */
    boolean fits(int payload) {
        TailStats s = arena.trailer().memStats();
        long clump = ClumpHeader.SIZE + payload + ClumpHeader.END_MARK;
        return !s.sealed() && s.used() + clump + ClumpHeader.END_MARK + arena.directorySize(s.clumps() + 1) <= arena.dataSize();
    }

    /**
     * Appends a clump whose payload is already in {@code buf} at {@link ClumpHeader#SIZE};
     * the header goes in front of it and the end mark after it, so {@code buf} needs
     * {@code header.totalSize() + ClumpHeader.END_MARK} bytes. Returns the clump's arena address.
     *
     * <p>Every write that can fail comes before any state changes, so a failed append leaves
     * the arena as it was and the next one may try again.
     */
    long append(byte[] buf, ClumpHeader header) throws IOException {
        ArenaTrailer t = arena.trailer();
        TailStats s = t.memStats();
        long block = s.clumps() / perBlock;
        if (block != directoryBlock) {
            writeDirectory();
            directoryBlock = block;
            directory.clear().put(new byte[directory.capacity()]).clear();
        }
        int total = header.totalSize();
        ByteBuffer b = ByteBuffer.wrap(buf, 0, total + ClumpHeader.END_MARK);
        header.pack(b, 0, arena.clumpMagic());
        b.putInt(total, 0);
        arena.part().write(arena.dataBase() + s.used(), b);

        header.info().pack(directory, (int) (s.clumps() - block * perBlock) * ClumpInfo.SIZE);
        directoryDirty = true;
        arena.setTrailer(t.written(s.plus(header.info().size(), header.info().uncompressedSize()), header.time()));
        return s.used();
    }

    /** Writes the directory block being filled, if it changed. */
    void writeDirectory() throws IOException {
        if (directoryDirty) {
            arena.part().write(arena.directoryBlockOffset(directoryBlock), directory.duplicate().clear());
            directoryDirty = false;
        }
    }

    /** Marks the arena full: no clump will be added again. */
    void seal() throws IOException {
        writeDirectory();
        ArenaTrailer t = arena.trailer();
        arena.setTrailer(t.repaired(t.memStats().seal(), t.ctime(), t.wtime()));
    }
}
