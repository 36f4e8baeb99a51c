package venti.store.rados;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed-size byte range striped over objects of a RADOS pool (Ceph's object store): what
 * a partition on RADOS ({@code venti.store.RadosPart}) reads and writes, so arena,
 * index-section and bloom partitions keep their exact C layout on a cluster that replicates
 * them.
 *
 * <p>Design. The partition {@code rados:POOL/NAME} is the object {@code NAME} in {@code POOL},
 * a few lines of text giving its size and object size (its size record, written by
 * {@link #create}), and the data objects {@code NAME.0000000000000000},
 * {@code NAME.0000000000000001}, ... each holding {@link #OBJECT_SIZE} bytes of the range.
 * Data objects are made by the first write into them; bytes never written read as zeros,
 * as in a sparse file.
 *
 * <p>Writes are asynchronous, as writes into a file's page cache are: {@link #write} hands
 * them to librados and returns, and {@link #force} waits until every write issued before it
 * is durable on every replica (librados acknowledges a write only then). Small writes that
 * continue one another within an object, as appended clumps do, are gathered into one RADOS
 * write of up to {@link #BATCH} bytes, issued when it is full, when a write elsewhere comes,
 * before a read of that object, and by {@link #force}. RADOS applies one client's operations
 * on an object in order, so a read sees every write issued before it. At most
 * {@link #IN_FLIGHT} bytes are in flight; a writer beyond that waits. Scans read ahead
 * ({@link ReadAhead}).
 *
 * <p>Failures. A cluster that does not answer within the timeout (30 s) makes reads and
 * syncs fail with that reason, while the writes stay queued in librados and complete when the
 * cluster returns; a later sync then succeeds. A write the cluster refuses (an I/O error on
 * an OSD, say) is different: what was acknowledged before it no longer tells what is stored,
 * so every later write and sync fails until the partition is reopened, and recovery on
 * reopening finds what the log holds.
 *
 * <p>Thread-safe: reads run concurrently, each issuing the reads of its objects at once;
 * writes are serialised on one lock, held while a write is copied and issued (and while it
 * waits for room among the writes in flight).
 */
public final class StripedObjects implements Closeable {

    /** How a name on RADOS starts. */
    public static final String PREFIX = "rados:";
    /** Bytes per data object of a new partition. */
    public static final int OBJECT_SIZE = 4 << 20;
    /** Bytes of adjacent writes gathered into one RADOS write. */
    static final int BATCH = 1 << 20;
    /** Bytes of writes issued and not yet acknowledged, at most. */
    static final int IN_FLIGHT = 64 << 20;
    private static final String RECORD_MAGIC = "venti rados partition";
    /** The name of the partition's advisory lock, and the tag its shared holders agree on. */
    private static final String LOCK = "venti";

    private final String name;
    private final String object;
    private final RadosCluster cluster;
    private final Pointer io;
    private final long size;
    private final int objectSize;
    private final boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Set<CompletableFuture<Void>> unacknowledged = ConcurrentHashMap.newKeySet();
    /** The gathered writes: bytes batchStart..batchEnd of data object batchObject, or none when it is -1. */
    private final byte[] batch;
    private final ReadAhead readAhead;
    private volatile long batchObject = -1;
    private int batchStart;
    private int batchEnd;
    private volatile IOException failure;

    private StripedObjects(Name n, RadosCluster cluster, Pointer io, long size, int objectSize, boolean readOnly) {
        this.name = n.toString();
        this.object = n.object();
        this.cluster = cluster;
        this.io = io;
        this.size = size;
        this.objectSize = objectSize;
        this.readOnly = readOnly;
        this.batch = readOnly ? null : new byte[BATCH];
        this.readAhead = new ReadAhead(size, this::fetch);
    }

    /**
     * Opens the partition {@code rados:POOL/NAME} made by {@link #create}.
     *
     * @throws IOException when librados is missing, the cluster cannot be reached, or the
     *                     partition has no size record
     */
    public static StripedObjects open(String name, boolean readOnly) throws IOException {
        Name n = Name.parse(name);
        RadosCluster cluster = RadosCluster.get();
        Pointer io = cluster.pool(n.pool());
        Memory buf = new Memory(4096);
        int rc = await(cluster, List.of(cluster.submit(RadosCluster.Op.READ, io, n.object(), buf, buf.size(), 0)),
                "read of the size record of partition " + name).getFirst();
        if (rc == -Librados.ENOENT) {
            throw new IOException("can't open partition '" + name + "': no such partition (make it with venti mkpart "
                    + name + " SIZE)");
        }
        RadosCluster.check(rc, "can't read the size record of partition " + name);
        String record = new String(buf.getByteArray(0, rc), StandardCharsets.UTF_8);
        buf.close();
        long size = -1;
        long objectSize = -1;
        String[] lines = record.split("\n");
        for (String line : lines) {
            String[] kv = line.split(" ");
            if (kv.length == 2 && kv[0].equals("size")) {
                size = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("objectsize")) {
                objectSize = Long.parseLong(kv[1]);
            }
        }
        if (!lines[0].equals(RECORD_MAGIC) || size <= 0 || objectSize <= 0 || objectSize > Integer.MAX_VALUE) {
            throw new IOException("partition '" + name + "': object " + n.object() + " in pool " + n.pool()
                    + " is not a venti partition's size record");
        }
        return new StripedObjects(n, cluster, io, size, (int) objectSize, readOnly);
    }

    /**
     * Makes a new empty partition of {@code size} bytes (its size record; data objects come
     * with the first writes) and opens it for reading and writing.
     *
     * @throws IOException when the partition exists, or as {@link #open}
     */
    public static StripedObjects create(String name, long size) throws IOException {
        if (size <= 0) {
            throw new IOException("partition '" + name + "': size must be positive");
        }
        Name n = Name.parse(name);
        RadosCluster cluster = RadosCluster.get();
        Pointer io = cluster.pool(n.pool());
        byte[] record = (RECORD_MAGIC + "\nsize " + size + "\nobjectsize " + OBJECT_SIZE + "\n").getBytes(StandardCharsets.UTF_8);
        int rc = await(cluster, List.of(cluster.createExclusive(io, n.object(), record)), "creation of partition " + name)
                .getFirst();
        if (rc == -Librados.EEXIST) {
            throw new IOException("partition '" + name + "' exists");
        }
        RadosCluster.check(rc, "can't create partition " + name);
        return open(name, false);
    }

    /** The name it was opened by, {@code rados:POOL/NAME}. */
    public String name() {
        return name;
    }

    /** Bytes in the range. */
    public long size() {
        return size;
    }

    /** True when writes are refused. */
    public boolean isReadOnly() {
        return readOnly;
    }

    private String dataObject(long index) {
        return String.format("%s.%016x", object, index);
    }

    /** Reads {@code dst.remaining()} bytes at {@code offset}, which the caller checked lie in the range, into {@code dst}. */
    public void read(long offset, ByteBuffer dst) throws IOException {
        if (dst.hasRemaining()) {
            readAhead.read(offset, dst);
        }
    }

    /** Reads from the cluster, the pieces in different objects at once. */
    private void fetch(long offset, ByteBuffer dst) throws IOException {
        long end = offset + dst.remaining();
        long gathered = batchObject;
        if (gathered >= offset / objectSize && gathered <= (end - 1) / objectSize) {
            lock.lock();
            try {
                issueBatch();
            } finally {
                lock.unlock();
            }
        }
        List<Memory> buffers = new ArrayList<>();
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        for (long pos = offset; pos < end; ) {
            int in = (int) (pos % objectSize);
            int n = (int) Math.min(end - pos, objectSize - in);
            Memory m = new Memory(n);
            reads.add(cluster.submit(RadosCluster.Op.READ, io, dataObject(pos / objectSize), m, n, in));
            buffers.add(m);
            pos += n;
        }
        List<Integer> results = await(cluster, reads, String.format("read of %s at offset 0x%x", name, offset));
        int at = dst.position();
        for (int i = 0; i < buffers.size(); i++) {
            Memory m = buffers.get(i);
            int n = (int) m.size();
            int rc = results.get(i);
            if (rc < 0 && rc != -Librados.ENOENT) {
                throw new IOException(String.format("read of %s at offset 0x%x failed: %s", name, offset, Librados.describe(rc)));
            }
            int got = Math.max(rc, 0);
            dst.put(at, m.getByteBuffer(0, n), 0, got);
            for (int z = got; z < n; z++) {
                dst.put(at + z, (byte) 0);
            }
            at += n;
            m.close();
        }
        dst.position(dst.limit());
    }

    /** Writes {@code src.remaining()} bytes at {@code offset}, which the caller checked lie in the range; durable after {@link #force}. */
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) {
            throw new IOException("partition " + name + " is open for reading only");
        }
        checkFailure();
        lock.lock();
        try {
            readAhead.written(offset, src.remaining());
            long pos = offset;
            while (src.hasRemaining()) {
                long index = pos / objectSize;
                int in = (int) (pos % objectSize);
                int n = Math.min(src.remaining(), objectSize - in);
                ByteBuffer piece = src.slice(src.position(), n);
                if (!gather(index, in, piece)) {
                    issueBatch();
                    if (n < BATCH) {
                        batchStart = in;
                        batchEnd = in;
                        batchObject = index;
                        gather(index, in, piece);
                    } else {
                        Memory m = new Memory(n);
                        m.getByteBuffer(0, n).put(piece);
                        issue(index, in, m);
                    }
                }
                if (batchEnd - batchStart == BATCH) {
                    issueBatch();
                }
                src.position(src.position() + n);
                pos += n;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code piece}, bound for {@code in} in data object {@code index}, to the gathered writes if it continues them. */
    private boolean gather(long index, int in, ByteBuffer piece) {
        if (batchObject != index || in < batchStart || in > batchEnd || in + piece.remaining() - batchStart > BATCH) {
            return false;
        }
        piece.get(0, batch, in - batchStart, piece.remaining());
        batchEnd = Math.max(batchEnd, in + piece.remaining());
        return true;
    }

    /** Issues the gathered writes; they stay gathered if issuing fails. Called with the lock held. */
    private void issueBatch() throws IOException {
        if (batchObject < 0) {
            return;
        }
        int n = batchEnd - batchStart;
        Memory m = new Memory(n);
        m.write(0, batch, 0, n);
        issue(batchObject, batchStart, m);
        batchObject = -1;
    }

    /** Issues a write of {@code m} at {@code in} in data object {@code index}, waiting while too much is in flight. */
    private void issue(long index, int in, Memory m) throws IOException {
        int n = (int) m.size();
        try {
            if (!inFlight.tryAcquire(n, cluster.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException(String.format("write to %s: %d MiB of writes not acknowledged for %d s; %s is slow or unreachable",
                        name, (IN_FLIGHT - inFlight.availablePermits()) >> 20, cluster.timeout().toSeconds(), cluster));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting to write to " + name);
        }
        CompletableFuture<Integer> written;
        try {
            written = cluster.submit(RadosCluster.Op.WRITE, io, dataObject(index), m, n, in);
        } catch (IOException | RuntimeException e) {
            inFlight.release(n);
            throw e;
        }
        long offset = index * objectSize + in;
        CompletableFuture<Void> done = written.thenAccept(rc -> {
            m.close();
            inFlight.release(n);
            if (rc < 0 && failure == null) {
                failure = new IOException(String.format("partition %s: a write of %d bytes at offset 0x%x failed (%s);"
                        + " it refuses writes until reopened", name, n, offset, Librados.describe(rc)));
            }
        });
        unacknowledged.add(done);
        done.thenRun(() -> unacknowledged.remove(done));
    }

    private void checkFailure() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    /** Waits until every write made before the call is durable. */
    public void force() throws IOException {
        if (readOnly) {
            return;
        }
        lock.lock();
        try {
            issueBatch();
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Void>> waiting = List.copyOf(unacknowledged);
        long deadline = System.nanoTime() + cluster.timeout().toNanos();
        for (CompletableFuture<Void> w : waiting) {
            try {
                w.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long left = waiting.stream().filter(f -> !f.isDone()).count();
                throw new IOException(String.format("sync of %s: %d writes not acknowledged after %d s; %s is slow or"
                        + " unreachable (they complete when it returns)", name, left, cluster.timeout().toSeconds(), cluster));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted syncing " + name);
            } catch (ExecutionException e) {
                throw new IOException("sync of " + name + " failed", e.getCause());
            }
        }
        checkFailure();
    }

    /** The holders of a partition's lock: whether they hold it exclusively, and each one's cookie. */
    public record Lockers(boolean exclusive, List<String> cookies) {
    }

    /**
     * Starts taking, or renewing, the partition's lock for {@code cookie} until {@code duration}
     * from now: a RADOS advisory lock on the size record, which changes no byte of the partition.
     * The future completes with true once it is held, false when another holder keeps it
     * (exclusively, or shared when {@code shared} is false), and fails when the cluster refuses.
     * It never times out: the caller bounds its wait.
     */
    public CompletableFuture<Boolean> lock(boolean shared, String cookie, String description, Duration duration) {
        return cluster.lock(io, object, LOCK, shared, cookie, description, duration).thenApply(rc -> {
            if (rc < 0 && rc != -Librados.EBUSY) {
                throw new CompletionException(new IOException("can't lock partition " + name + ": " + Librados.describe(rc)));
            }
            return rc == 0;
        });
    }

    /** Takes the lock as {@link #lock} does, waiting at most the cluster's timeout; false when another holder keeps it. */
    public boolean tryLock(boolean shared, String cookie, String description, Duration duration) throws IOException {
        return await(cluster, List.of(lock(shared, cookie, description, duration)), "lock of partition " + name).getFirst();
    }

    /** Who holds the partition's lock now; holders whose lock lapsed are not listed. */
    public Lockers lockers() throws IOException {
        return await(cluster, List.of(cluster.lockers(io, object, LOCK)), "listing the lock of partition " + name).getFirst();
    }

    /** Releases {@code cookie}'s hold on the partition's lock, if it still has one. */
    public void unlock(String cookie) throws IOException {
        int rc = await(cluster, List.of(cluster.unlock(io, object, LOCK, cookie)), "unlock of partition " + name).getFirst();
        if (rc != -Librados.ENOENT) {
            RadosCluster.check(rc, "can't unlock partition " + name);
        }
    }

    /** How long to wait for the cluster before reporting it slow or unreachable. */
    public Duration timeout() {
        return cluster.timeout();
    }

    /**
     * Waits for {@code ops} until the cluster's timeout and returns their results.
     *
     * @throws IOException naming {@code what} when the cluster does not answer in time
     */
    private static <T> List<T> await(RadosCluster cluster, List<CompletableFuture<T>> ops, String what)
            throws IOException {
        long deadline = System.nanoTime() + cluster.timeout().toNanos();
        List<T> results = new ArrayList<>(ops.size());
        try {
            for (CompletableFuture<T> op : ops) {
                results.add(op.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (TimeoutException e) {
            throw new IOException(what + ": no answer after " + cluster.timeout().toSeconds() + " s; " + cluster
                    + " is slow or unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + what);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(what + " failed", e.getCause());
        }
    }

    /** Makes every write durable; the cluster connection stays for other partitions. */
    @Override
    public void close() throws IOException {
        force();
    }

    @Override
    public String toString() {
        return "StripedObjects[" + name + ", " + size + " bytes" + (readOnly ? ", read-only" : "") + "]";
    }

    /** A partition name {@code rados:POOL/NAME} taken apart. */
    record Name(String pool, String object) {

        static Name parse(String name) throws IOException {
            int slash = name.indexOf('/');
            if (!name.startsWith(PREFIX) || slash <= PREFIX.length() || slash == name.length() - 1) {
                throw new IOException("cannot parse name " + name + ": want rados:POOL/NAME");
            }
            return new Name(name.substring(PREFIX.length(), slash), name.substring(slash + 1));
        }

        @Override
        public String toString() {
            return PREFIX + pool + "/" + object;
        }
    }
}
