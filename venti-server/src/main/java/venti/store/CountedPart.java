package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import venti.core.Counters;

/**
 * A partition whose reads and writes, and their bytes, are counted in a store's
 * {@link Counters}: the C server's {@code apart}, {@code isect} and {@code sum} statistics,
 * which the HTTP server's {@code /graph} and dashboard show. Counting costs two
 * {@code LongAdder} increments per transfer. Thread-safe as the wrapped part is.
 */
final class CountedPart implements Part {

    /** Which counters a partition's transfers go to. */
    enum Kind {
        ARENAS(StoreCounter.ARENA_READS, StoreCounter.ARENA_READ_BYTES),
        SECTIONS(StoreCounter.SECTION_READS, StoreCounter.SECTION_READ_BYTES),
        /** The arena scorer's view of an arena partition: its writes would be arena writes. */
        SUMS(StoreCounter.SUM_READS, StoreCounter.SUM_READ_BYTES);

        final StoreCounter reads;
        final StoreCounter readBytes;

        Kind(StoreCounter reads, StoreCounter readBytes) {
            this.reads = reads;
            this.readBytes = readBytes;
        }

        StoreCounter writes() {
            return this == SECTIONS ? StoreCounter.SECTION_WRITES : StoreCounter.ARENA_WRITES;
        }

        StoreCounter writeBytes() {
            return this == SECTIONS ? StoreCounter.SECTION_WRITE_BYTES : StoreCounter.ARENA_WRITE_BYTES;
        }
    }

    private final Part part;
    private final Kind kind;
    private final Counters<StoreCounter> stats;

    CountedPart(Part part, Kind kind, Counters<StoreCounter> stats) {
        this.part = part;
        this.kind = kind;
        this.stats = stats;
    }

    @Override
    public String name() {
        return part.name();
    }

    @Override
    public long size() {
        return part.size();
    }

    @Override
    public boolean isReadOnly() {
        return part.isReadOnly();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        part.read(offset, dst);
        stats.increment(kind.reads);
        stats.add(kind.readBytes, n);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        int n = src.remaining();
        part.write(offset, src);
        stats.increment(kind.writes());
        stats.add(kind.writeBytes(), n);
    }

    @Override
    public void force() throws IOException {
        part.force();
    }

    @Override
    public void close() throws IOException {
        part.close();
    }

    @Override
    public String toString() {
        return part.toString();
    }
}
