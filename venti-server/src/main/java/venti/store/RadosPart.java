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
 * written give zeros; and a partition opened for writing is locked {@link LockMode#EXCLUSIVE},
 * one opened for reading as its caller asks, until {@link #close} ({@link RadosLock}).
 * Thread-safe, as {@link StripedObjects} is.
 */
public final class RadosPart implements Part {

    private final StripedObjects objects;
    private final RadosLock lock;
    private final String lockedBy;

    private RadosPart(StripedObjects objects, RadosLock lock, String lockedBy) {
        this.objects = objects;
        this.lock = lock;
        this.lockedBy = lockedBy;
    }

    /** True when {@code name} names a partition on RADOS. */
    public static boolean isRadosName(String name) {
        return name.startsWith(StripedObjects.PREFIX);
    }

    /**
     * Opens the partition {@code rados:POOL/NAME} that {@link #create} made and locks it as
     * {@code mode} says (a writable partition always exclusively). The size record is read
     * first, since locking an object that is not there would make it; it never changes.
     *
     * @throws StoreInUseException when another process or another open store holds it
     */
    public static RadosPart open(String name, boolean readOnly, LockMode mode) throws IOException {
        return locked(StripedObjects.open(name, readOnly), readOnly ? mode : LockMode.EXCLUSIVE);
    }

    /** Makes a new partition of {@code size} bytes, reading as zeros, and opens it for reading and writing. */
    public static RadosPart create(String name, long size) throws IOException {
        return locked(StripedObjects.create(name, size), LockMode.EXCLUSIVE);
    }

    private static RadosPart locked(StripedObjects objects, LockMode mode) throws IOException {
        return mode == LockMode.NONE ? new RadosPart(objects, null, RadosLock.writer(objects))
                : new RadosPart(objects, RadosLock.take(objects, mode), null);
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
    public String lockedBy() {
        return lockedBy;
    }

    /** Syncs and releases the lock; when the sync fails, writes may still land, so the lock is left to lapse. */
    @Override
    public void close() throws IOException {
        try {
            objects.close();
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close(false);
            }
            throw e;
        }
        if (lock != null) {
            lock.close(true);
        }
    }

    @Override
    public String toString() {
        return "RadosPart[" + name() + ", " + size() + " bytes" + (isReadOnly() ? ", read-only" : "") + "]";
    }
}
