package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import venti.store.rados.StripedObjects;

/**
 * A {@link Part} on a Ceph cluster, named {@code rados:POOL/NAME}: the partition's bytes are
 * {@link StripedObjects} in that pool, so arena, index-section and bloom partitions keep
 * their exact C layout there, and every tool and the server work on them unchanged.
 *
 * <p>As with a file, writes are durable once {@link #force} returns; reads of bytes never
 * written give zeros. Thread-safe, as {@link StripedObjects} is.
 */
public final class RadosPart implements Part {

    private final StripedObjects objects;

    private RadosPart(StripedObjects objects) {
        this.objects = objects;
    }

    /** True when {@code name} names a partition on RADOS. */
    public static boolean isRadosName(String name) {
        return name.startsWith(StripedObjects.PREFIX);
    }

    /** Opens the partition {@code rados:POOL/NAME} that {@link #create} made. */
    public static RadosPart open(String name, boolean readOnly) throws IOException {
        return new RadosPart(StripedObjects.open(name, readOnly));
    }

    /** Makes a new partition of {@code size} bytes, reading as zeros, and opens it for reading and writing. */
    public static RadosPart create(String name, long size) throws IOException {
        return new RadosPart(StripedObjects.create(name, size));
    }

    @Override
    public String name() {
        return objects.name();
    }

    @Override
    public long size() {
        return objects.size();
    }

    @Override
    public boolean isReadOnly() {
        return objects.isReadOnly();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Part.checkRange(this, "read", offset, dst.remaining());
        objects.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        Part.checkRange(this, "write", offset, src.remaining());
        objects.write(offset, src);
    }

    @Override
    public void force() throws IOException {
        objects.force();
    }

    @Override
    public void close() throws IOException {
        objects.close();
    }

    @Override
    public String toString() {
        return "RadosPart[" + name() + ", " + size() + " bytes" + (isReadOnly() ? ", read-only" : "") + "]";
    }
}
