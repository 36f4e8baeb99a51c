package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Appends clumps to the arena being filled: the one place an arena grows.
 *
 * <p>Design. Each clump goes to the partition as soon as it is appended (into the
 * operating system's cache; {@link DataLog#sync} forces it), followed by four zero bytes,
 * so the clump log on disk always ends in a zero magic; the next clump overwrites them. The
 * directory block being filled is kept here and written when it fills or at sync; the
 * trailer is updated in memory for every clump ({@link Arena#setTrailer}) and written at
 * sync. After a crash the clumps past the trailer on disk are found again by following
 * clump magics from its {@code used} ({@link SyncArena}), so nothing written before the
 * last completed sync is lost.
 *
 * <p>Not thread-safe: the {@link DataLog} calls it with its lock held.
 */
final class ArenaWriter {

    /** Bytes of zero magic written after the last clump. */
    static final int END_MARK = 4;

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
        long clump = ClumpHeader.SIZE + payload + END_MARK;
        return !s.sealed() && s.used() + clump + END_MARK + arena.directorySize(s.clumps() + 1) <= arena.dataSize();
    }

    /**
     * Appends a clump whose payload is already in {@code buf} at {@link ClumpHeader#SIZE};
     * the header goes in front of it and the end mark after it, so {@code buf} needs
     * {@code header.totalSize() + END_MARK} bytes. Returns the clump's arena address.
     */
    long append(byte[] buf, ClumpHeader header) throws IOException {
        ArenaTrailer t = arena.trailer();
        TailStats s = t.memStats();
        int total = header.totalSize();
        ByteBuffer b = ByteBuffer.wrap(buf, 0, total + END_MARK);
        header.pack(b, 0, arena.clumpMagic());
        b.putInt(total, 0);
        arena.part().write(arena.dataBase() + s.used(), b);

        int slot = (int) (s.clumps() - directoryBlock * perBlock);
        header.info().pack(directory, slot * ClumpInfo.SIZE);
        directoryDirty = true;
        arena.setTrailer(t.written(s.plus(header.info().size(), header.info().uncompressedSize()), header.time()));
        if (slot == perBlock - 1) {
            writeDirectory();
            directoryBlock++;
            directory.clear().put(new byte[directory.capacity()]).clear();
        }
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
