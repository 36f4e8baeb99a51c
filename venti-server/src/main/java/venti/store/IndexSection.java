package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import venti.core.Score;
import venti.store.disk.Bucket;
import venti.store.disk.IndexConfig;
import venti.store.disk.IndexEntry;
import venti.store.disk.IndexSectionHeader;
import venti.store.disk.Layout;
import venti.store.disk.Location;

/**
 * One index section: a partition holding a contiguous range of the index's buckets (the C
 * server's {@code ISect}).
 *
 * <pre>
 * 0                  untouched ({@link Layout#PART_BLANK})
 * 256K               {@link IndexSectionHeader}, in a 512-byte block
 * table base         {@link IndexConfig} text, the same in every section
 * block base         bucket start, bucket start+1, ... one block each ({@link Bucket})
 * </pre>
 *
 * <p>Immutable and thread-safe: bucket reads are positional and writes go to whole blocks.
 * Two writers of the same bucket must be serialised by the caller.
 */
public final class IndexSection {

    private final Part part;
    private final IndexSectionHeader header;

    private IndexSection(Part part, IndexSectionHeader header) {
        this.part = part;
        this.header = header;
    }

    /** Opens the index section on {@code part} (the C {@code initisect}). */
    public static IndexSection open(Part part) throws IOException {
        if (part.size() < Layout.PART_BLANK + Layout.HEAD_SIZE) {
            throw new IOException(part.name() + " is too small to be an index section: " + part.size() + " bytes");
        }
        Location where = new Location(part.name(), Layout.PART_BLANK);
        IndexSectionHeader h = IndexSectionHeader.unpack(part.read(Layout.PART_BLANK, Layout.HEAD_SIZE), 0, where);
        long end = h.blockBase() + h.blocks() * h.blockSize();
        if (end > part.size()) {
            throw where.corrupt("index section " + h.name() + " claims " + h.blocks() + " buckets ending at byte "
                    + end + ", but the partition has only " + part.size() + " bytes");
        }
        return new IndexSection(part, h);
    }

    /**
     * Formats {@code part} as an empty index section (the C {@code newisect} and
     * {@code wbisect}): the header only, with every block after the table available.
     */
    public static IndexSection format(Part part, int version, String name, int blockSize, int tableSize,
                                      int bucketMagic) throws IOException {
        long blockBase = Layout.roundUp(Layout.tableBase(blockSize) + tableSize, blockSize);
        long blocks = part.size() / blockSize - blockBase / blockSize;
        if (blocks <= 0) {
            throw new IOException(part.name() + " is too small for an index section: " + part.size()
                    + " bytes, buckets would start at " + blockBase);
        }
        IndexSectionHeader h = new IndexSectionHeader(version, name, "", blockSize, blockBase, blocks, 0, 0,
                version == IndexSectionHeader.VERSION2 ? bucketMagic : 0);
        return new IndexSection(part, h).withHeader(h);
    }

    /** Writes {@code h} as this section's header (the C {@code wbisect}) and returns the section with it. */
    public IndexSection withHeader(IndexSectionHeader h) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Layout.HEAD_SIZE);
        h.pack(b, 0);
        part.write(Layout.PART_BLANK, b);
        part.force();
        return new IndexSection(part, h);
    }

    public Part part() {
        return part;
    }

    public IndexSectionHeader header() {
        return header;
    }

    public String name() {
        return header.name();
    }

    /** Reads the index configuration stored in this section's table. */
    public IndexConfig readConfig() throws IOException {
        return IndexConfig.unpack(part.read(header.tableBase(), header.tableSize()),
                new Location(part.name(), header.tableBase()));
    }

    /** Stores {@code config} in this section's table. */
    public void writeConfig(IndexConfig config) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(header.tableSize());
        config.pack(b, 0, header.tableSize());
        part.write(header.tableBase(), b);
        part.force();
    }

    /** Partition offset of index bucket {@code bucket}, which this section must hold. */
    public long bucketOffset(long bucket) {
        if (bucket < header.start() || bucket >= header.stop()) {
            throw new IllegalArgumentException("index lookup out of range: bucket " + bucket + " is not in section "
                    + name() + " [" + header.start() + "," + header.stop() + ")");
        }
        return header.blockBase() + (bucket - header.start()) * header.blockSize();
    }

    /** Where bucket {@code bucket} is, for messages. */
    public Location bucketLocation(long bucket) {
        return new Location(part.name(), bucketOffset(bucket));
    }

    /** Reads the block of index bucket {@code bucket} whole. */
    public ByteBuffer readBucketBlock(long bucket) throws IOException {
        return part.read(bucketOffset(bucket), header.blockSize());
    }

    /** Reads and unpacks index bucket {@code bucket}. */
    public Bucket readBucket(long bucket) throws IOException {
        return Bucket.unpack(readBucketBlock(bucket), 0, header.blockSize(), header.bucketMagic(), bucketLocation(bucket));
    }

    /** Writes index bucket {@code bucket} whole. */
    public void writeBucket(long bucket, Bucket b) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(header.blockSize());
        b.pack(block, 0, header.blockSize(), header.bucketMagic());
        part.write(bucketOffset(bucket), block);
    }

    /** The entry for {@code score} and disk type {@code diskType} in bucket {@code bucket}. */
    public Optional<IndexEntry> lookup(long bucket, Score score, int diskType) throws IOException {
        return Bucket.search(readBucketBlock(bucket), 0, header.blockSize(), header.bucketMagic(), score, diskType,
                bucketLocation(bucket));
    }

    @Override
    public String toString() {
        return "IndexSection[" + name() + " in " + part.name() + "]";
    }
}
