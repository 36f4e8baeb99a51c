package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Score;
import venti.store.disk.ArenaDigest;
import venti.store.disk.ArenaHead;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.TailStats;

/**
 * One arena: an append-only log of clumps inside an arena partition.
 *
 * <pre>
 * start                      head block ({@link ArenaHead})
 * start + bs                 data base: clumps, one after another, from arena offset 0
 *   ...                      free space; the clump log ends at a zero clump magic
 * trailer - k*bs             clump directory, block k-1 ... block 0 ({@link ClumpInfo}s, 25 bytes each)
 * start + size - bs          trailer block ({@link ArenaTrailer}), score in its last 20 bytes
 * </pre>
 *
 * <p>Design. Offsets inside an arena ("arena addresses") count from the data base. The
 * directory has one entry per clump, in clump order; directory block k (entries
 * k*n .. k*n+n-1, n = bs/25) sits k+1 blocks before the trailer, so the directory grows
 * backwards towards the clumps, and the clump storage ends where the directory begins. The
 * trailer's memory stats say how many clumps and bytes the arena holds; its disk stats how
 * far the index has caught up. A sealed arena never changes again; its score is the SHA-1 of
 * the whole arena with the last 20 bytes taken as zero.
 *
 * <p>Crash behaviour: a writer appends the clump, then its directory entry, then the
 * trailer. After a crash the trailer may lag behind the clumps on disk; the clumps past it
 * are found by following clump magics from {@code used} (recovery is the writer's job).
 *
 * <p>Thread-safety: reads are positional and may run from any number of threads. The
 * trailer is an immutable snapshot in a volatile field, and readers bound every read by the
 * snapshot they took. Writers are serialised outside: the {@link DataLog} appends and syncs
 * under its lock, the tools run alone.
 */
public final class Arena {

    private static final Logger log = LoggerFactory.getLogger(Arena.class);
    /** Bytes read at a time when summing an arena. */
    private static final int SUM_CHUNK = 64 * 1024;

    private final Part part;
    private final long start;
    private final long size;
    private final int blockSize;
    private final int clumpsPerBlock;
    private volatile ArenaTrailer trailer;

    private Arena(Part part, long start, long size, int blockSize, ArenaTrailer trailer) {
        this.part = part;
        this.start = start;
        this.size = size;
        this.blockSize = blockSize;
        this.clumpsPerBlock = ClumpInfo.perBlock(blockSize);
        this.trailer = trailer;
    }

    /**
     * Opens the arena of {@code size} bytes at partition offset {@code start}: reads its
     * trailer, which is authoritative, and checks the head against it (a head that
     * disagrees is logged, as the C server does, since the trailer holds the live state).
     *
     * @throws CorruptException when the trailer is unreadable or claims more than the arena holds
     */
    public static Arena open(Part part, long start, long size, int blockSize) throws IOException {
        long trailerAt = start + size - blockSize;
        Location where = new Location(part.name(), trailerAt);
        ArenaTrailer t = ArenaTrailer.unpack(part.read(trailerAt, blockSize), 0, blockSize, where);
        Arena a = new Arena(part, start, size, blockSize, t);
        a.checkUsage(t, where);
        a.checkHead();
        return a;
    }

    /**
     * Formats an empty arena (the C {@code newarena}): trailer, head, and a zeroed first data
     * block, so the clump log starts out ended.
     */
    public static Arena format(Part part, int version, String name, long start, long size, int blockSize,
                               int clumpMagic) throws IOException {
        ArenaHead head = new ArenaHead(version, name, blockSize, size, clumpMagic);
        ArenaTrailer t = ArenaTrailer.empty(version, name, clumpMagic);
        Arena a = new Arena(part, start, size, blockSize, t);
        a.writeTrailer(t);
        ByteBuffer b = ByteBuffer.allocate(blockSize);
        head.pack(b, 0);
        part.write(start, b);
        part.force();
        part.write(a.dataBase(), ByteBuffer.allocate(Math.min(blockSize, 8192)));
        return a;
    }

    private void checkUsage(ArenaTrailer t, Location where) {
        TailStats s = t.memStats();
        if (s.clumps() > Integer.MAX_VALUE || s.used() + directorySize(s.clumps()) > dataSize()) {
            throw where.corrupt("arena " + t.name() + " used > size: " + s.clumps() + " clumps in " + s.used()
                    + " bytes do not fit in " + dataSize());
        }
        if (t.diskStats().used() > s.used()) {
            log.warn("{}: arena {} has indexed more than it holds: disk stats {}, memory stats {}",
                    where, t.name(), t.diskStats(), s);
        }
        if (s.compressedClumps() > s.clumps()) {
            log.warn("{}: arena {} has more compressed clumps than total clumps", where, t.name());
        }
    }

    private void checkHead() throws IOException {
        Location where = new Location(part.name(), start);
        ArenaHead h;
        try {
            h = ArenaHead.unpack(part.read(start, ArenaHead.SIZE5), 0, where);
        } catch (CorruptException e) {
            log.warn("corrupted arena header: {}", e.getMessage());
            return;
        }
        ArenaTrailer t = trailer;
        String problem = !h.name().equals(t.name()) ? "arena tail name " + t.name() + " head " + h.name()
                : h.clumpMagic() != t.clumpMagic() ? "arena tail clumpmagic " + Layout.hex32(t.clumpMagic())
                        + " head " + Layout.hex32(h.clumpMagic())
                : h.version() != t.version() ? "arena tail version " + t.version() + " head version " + h.version()
                : h.blockSize() != blockSize ? "arena tail block size " + blockSize + " head " + h.blockSize()
                : h.size() != size ? "arena tail size " + size + " head " + h.size()
                : null;
        if (problem != null) {
            log.warn("{}: {}", where, problem);
        }
    }

    public Part part() {
        return part;
    }

    public String name() {
        return trailer.name();
    }

    public int version() {
        return trailer.version();
    }

    public int clumpMagic() {
        return trailer.clumpMagic();
    }

    /** Partition offset of the head block. */
    public long start() {
        return start;
    }

    /** Bytes of the whole arena, head and trailer included. */
    public long size() {
        return size;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Partition offset of arena address 0: the first clump. */
    public long dataBase() {
        return start + blockSize;
    }

    /** Bytes between head and trailer: clump storage plus directory. */
    public long dataSize() {
        return size - 2L * blockSize;
    }

    /** The trailer as last read or written. */
    public ArenaTrailer trailer() {
        return trailer;
    }

    /** Directory entries per directory block. */
    public int clumpsPerBlock() {
        return clumpsPerBlock;
    }

    /** Bytes of directory for {@code clumps} clumps, with room for the next one. */
    public long directorySize(long clumps) {
        return ClumpInfo.directorySize(clumps, blockSize);
    }

    /** The arena address where clump storage ends: the start of the directory. */
    public long clumpLimit() {
        return dataSize() - directorySize(trailer.memStats().clumps());
    }

    /** Where arena address {@code aa} is, for messages. */
    public Location location(long aa) {
        return new Location(part.name(), dataBase() + aa);
    }

    /** Partition offset of directory block {@code k}. */
    public long directoryBlockOffset(long k) {
        return start + size - blockSize - (k + 1) * blockSize;
    }

    /** Where the directory entry of clump number {@code clump} is, for messages. */
    public Location directoryEntryLocation(long clump) {
        return new Location(part.name(), directoryBlockOffset(clump / clumpsPerBlock) + clump % clumpsPerBlock * ClumpInfo.SIZE);
    }

    /** Reads directory block {@code k} whole, entries in forward order from its start. */
    public ByteBuffer readDirectoryBlock(long k) throws IOException {
        long max = directorySize(trailer.memStats().clumps()) / blockSize;
        if (k < 0 || k >= max) {
            throw new IllegalArgumentException("directory block " + k + " out of range: arena " + name() + " has " + max);
        }
        return part.read(directoryBlockOffset(k), blockSize);
    }

    /** The directory entry of clump number {@code clump}. */
    public ClumpInfo readClumpInfo(long clump) throws IOException {
        return readClumpInfos(clump, 1).getFirst();
    }

    /**
     * The directory entries of clumps {@code first .. first+n-1}, reading each directory
     * block once.
     */
    public List<ClumpInfo> readClumpInfos(long first, int n) throws IOException {
        byte[] packed = new byte[n * ClumpInfo.SIZE];
        readDirectory(first, n, packed);
        ByteBuffer b = ByteBuffer.wrap(packed);
        List<ClumpInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ClumpInfo.unpack(b, i * ClumpInfo.SIZE, directoryEntryLocation(first + i)));
        }
        return out;
    }

    /**
     * Reads the directory entries of clumps {@code first .. first+n-1}, packed, into
     * {@code dst} from its start, a read per directory block: for the tools that walk every
     * directory, which would otherwise make several objects per clump.
     */
    public void readDirectory(long first, int n, byte[] dst) throws IOException {
        long clumps = trailer.memStats().clumps();
        if (first < 0 || n < 0 || first + n > clumps) {
            throw new IllegalArgumentException("clump directory access out of range: clumps " + first + ".."
                    + (first + n - 1) + " of " + clumps + " in arena " + name());
        }
        for (long c = first; c < first + n; ) {
            long k = c / clumpsPerBlock;
            long end = Math.min(first + n, (k + 1) * clumpsPerBlock);
            int off = (int) (c - k * clumpsPerBlock) * ClumpInfo.SIZE;
            part.read(directoryBlockOffset(k) + off,
                    ByteBuffer.wrap(dst, (int) (c - first) * ClumpInfo.SIZE, (int) (end - c) * ClumpInfo.SIZE));
            c = end;
        }
    }

    /**
     * Reads up to {@code n} bytes of clump storage at arena address {@code aa}; fewer when
     * clump storage ends sooner (the C {@code readarena}).
     *
     * @throws CorruptException when {@code aa} is at or past the end of clump storage
     */
    public ByteBuffer readData(long aa, int n) throws IOException {
        long limit = clumpLimit();
        if (aa < 0 || aa >= limit) {
            throw location(aa).corrupt("reading beyond arena clump storage: arena " + name() + " offset " + aa
                    + ", clump storage ends at " + limit);
        }
        return part.read(dataBase() + aa, (int) Math.min(n, limit - aa));
    }

    /**
     * Reads and decodes the clump at arena address {@code aa}, without checking its score.
     * {@code blocks} is the index entry's estimate of its length in 512-byte units (0 if
     * unknown); a good estimate saves a second read.
     *
     * @throws CorruptException naming the arena and offset when the clump is not there or
     *                          does not decode
     */
    public Clump readClump(long aa, int blocks) throws IOException {
        Location where = location(aa);
        int guess = Math.max(blocks, 1) << Layout.ARENA_BLOCK_LOG;
        ByteBuffer b = readData(aa, guess);
        ClumpHeader h = ClumpHeader.unpack(b, 0, clumpMagic(), where);
        int stored = h.info().size();
        byte[] raw;
        int off;
        if (b.limit() >= ClumpHeader.SIZE + stored) {
            raw = b.array();
            off = ClumpHeader.SIZE;
        } else {
            ByteBuffer p = readData(aa + ClumpHeader.SIZE, stored);
            if (p.limit() < stored) {
                throw where.corrupt("clump of " + stored + " bytes runs past the end of clump storage");
            }
            raw = p.array();
            off = 0;
        }
        return Clump.decode(h, raw, off, where);
    }

    /** The clump magic at arena address {@code aa}: 0 where the clump log ends. */
    public int magicAt(long aa) throws IOException {
        ByteBuffer b = readData(aa, 4);
        if (b.limit() < 4) {
            throw location(aa).corrupt("clump magic runs past the end of clump storage");
        }
        return b.getInt(0);
    }

    /**
     * Computes the arena's score: the SHA-1 of the whole arena, head to trailer, with the
     * trailer's last 20 bytes (where the score is kept) taken as zero.
     */
    public Score computeScore() throws IOException {
        return computeScore(part, start, size, blockSize);
    }

    /**
     * The score of the arena of {@code size} bytes at {@code start} of {@code part}, as
     * {@link #computeScore()}, whether or not its trailer reads.
     */
    public static Score computeScore(Part part, long start, long size, int blockSize) throws IOException {
        ArenaDigest d = new ArenaDigest();
        long end = start + size - blockSize;
        int chunk = Math.max(SUM_CHUNK, blockSize);
        for (long a = start; a < end; a += chunk) {
            d.update(part.read(a, (int) Math.min(chunk, end - a)));
        }
        return d.finish(part.read(end, blockSize));
    }

    /** Writes {@code t} as the trailer block and makes it the arena's state. */
    void writeTrailer(ArenaTrailer t) throws IOException {
        storeTrailer(t);
        trailer = t;
    }

    /**
     * Makes {@code t} the arena's state in memory only: the writer does this for every clump
     * and puts the trailer on disk when it syncs.
     */
    void setTrailer(ArenaTrailer t) {
        trailer = t;
    }

    /** Writes {@code t} as the trailer block, leaving the state in memory alone. */
    void storeTrailer(ArenaTrailer t) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(blockSize);
        t.pack(b, 0, blockSize);
        part.write(start + size - blockSize, b);
    }

    /**
     * Writes bytes into clump storage at arena address {@code aa} (the C {@code writearena}),
     * for repairs; refuses to write past the clump storage the trailer allows.
     */
    void writeData(long aa, ByteBuffer src) throws IOException {
        long limit = clumpLimit();
        if (aa < 0 || aa + src.remaining() > limit) {
            throw location(aa).corrupt("writing beyond arena clump storage: arena " + name() + " offset " + aa
                    + " length " + src.remaining() + ", clump storage ends at " + limit);
        }
        part.write(dataBase() + aa, src);
    }

    /** Rewrites the directory entry of clump {@code clump} (the C {@code writeclumpinfo}). */
    void writeClumpInfo(long clump, ClumpInfo info) throws IOException {
        long k = clump / clumpsPerBlock;
        ByteBuffer b = readDirectoryBlock(k);
        info.pack(b, (int) (clump - k * clumpsPerBlock) * ClumpInfo.SIZE);
        part.write(directoryBlockOffset(k), b.rewind());
    }

    @Override
    public String toString() {
        return "Arena[" + name() + " at " + start + " in " + part.name() + "]";
    }
}
