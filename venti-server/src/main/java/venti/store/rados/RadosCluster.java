package venti.store.rados;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The process's connection to a Ceph cluster, shared by every RADOS partition it opens, and
 * the asynchronous reads and writes they issue through it.
 *
 * <p>The cluster is found as Ceph's own tools find it: the configuration file in
 * {@code $CEPH_CONF} (default /etc/ceph/ceph.conf; {@code -Dventi.ceph.conf} overrides it
 * for one JVM) names the monitors and the keyring, the
 * client is {@code client.$CEPH_CLIENT_ID} (default {@code client.admin}), and
 * {@code $CEPH_ARGS} may set further options. It connects on first use and stays connected
 * until the process exits.
 *
 * <p>Operations never time out inside librados ({@code rados_osd_op_timeout} is forced to 0):
 * a write librados gave up on could still land after a later write to the same bytes, so
 * writes wait for the cluster however long it takes and librados resends them, in order,
 * when it returns. Callers bound their own waits instead ({@link #timeout()}) and report a
 * slow or unreachable cluster as an error while the operation stays pending.
 *
 * <p>Thread-safe. Completions arrive on a librados thread, which completes the future
 * returned by {@link #submit}; the native buffer of an operation is held here until then,
 * so a caller that stops waiting cannot free memory librados still uses.
 */
final class RadosCluster {

    /** How long callers wait for the cluster before reporting it slow or unreachable; -Dventi.rados.timeout=seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("venti.rados.timeout", 30));
    private static final ReentrantLock CONNECTING = new ReentrantLock();
    private static RadosCluster shared;

    enum Op { READ, WRITE }

    private record Pending(Object held, Runnable release, CompletableFuture<Integer> result) {
    }

    private final Librados lib;
    private final Pointer cluster;
    private final String description;
    private final Map<String, Pointer> pools = new ConcurrentHashMap<>();
    private final ReentrantLock poolLock = new ReentrantLock();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Librados.CompletionCallback callback = this::completed;

    private RadosCluster(Librados lib, Pointer cluster, String description) {
        this.lib = lib;
        this.cluster = cluster;
        this.description = description;
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, "rados-completion"));
    }

    /** The shared connection, made on first use. */
    static RadosCluster get() throws IOException {
        CONNECTING.lock();
        try {
            if (shared == null) {
                String id = System.getenv("CEPH_CLIENT_ID");
                shared = connect(configuration(), id == null || id.isEmpty() ? "admin" : id);
            }
            return shared;
        } finally {
            CONNECTING.unlock();
        }
    }

    /** The cluster's ceph.conf: -Dventi.ceph.conf, else $CEPH_CONF, else /etc/ceph/ceph.conf. */
    static Path configuration() {
        String conf = System.getProperty("venti.ceph.conf", System.getenv("CEPH_CONF"));
        return Path.of(conf == null || conf.isEmpty() ? "/etc/ceph/ceph.conf" : conf);
    }

    private static RadosCluster connect(Path conf, String id) throws IOException {
        String who = "the Ceph cluster of " + conf + " as client." + id;
        if (!Files.isReadable(conf)) {
            throw new IOException("can't reach " + who + ": no such file (set CEPH_CONF to the cluster's ceph.conf)");
        }
        Librados lib = Librados.load();
        PointerByReference handle = new PointerByReference();
        check(lib.rados_create2(handle, "ceph", "client." + id, 0), "can't set up a librados client for " + who);
        Pointer cluster = handle.getValue();
        try {
            check(lib.rados_conf_read_file(cluster, conf.toString()), "can't read " + conf);
            check(lib.rados_conf_set(cluster, "client_mount_timeout", Long.toString(TIMEOUT.toSeconds())), "can't configure librados");
            check(lib.rados_conf_parse_env(cluster, null), "can't parse CEPH_ARGS");
            check(lib.rados_conf_set(cluster, "rados_osd_op_timeout", "0"), "can't configure librados");
            int rc = lib.rados_connect(cluster);
            if (rc == -Librados.EACCES) {
                throw new IOException("can't connect to " + who + ": permission denied (is client." + id
                        + "'s key in the keyring? CEPH_ARGS='--keyring FILE' names one)");
            }
            check(rc, "can't connect to " + who);
            return new RadosCluster(lib, cluster, who);
        } catch (IOException e) {
            lib.rados_shutdown(cluster);
            throw e;
        }
    }

    static void check(int rc, String what) throws IOException {
        if (rc < 0) {
            throw new IOException(what + ": " + Librados.describe(rc));
        }
    }

    Duration timeout() {
        return TIMEOUT;
    }

    /** Where partitions' messages say the data lives. */
    @Override
    public String toString() {
        return description;
    }

    /** The I/O context of {@code pool}, made on first use and kept. */
    Pointer pool(String pool) throws IOException {
        Pointer io = pools.get(pool);
        if (io != null) {
            return io;
        }
        poolLock.lock();
        try {
            io = pools.get(pool);
            if (io == null) {
                PointerByReference ref = new PointerByReference();
                int rc = lib.rados_ioctx_create(cluster, pool, ref);
                if (rc == -Librados.ENOENT) {
                    throw new IOException("no pool " + pool + " in " + description + " (ceph osd pool create " + pool + ")");
                }
                check(rc, "can't open pool " + pool + " in " + description);
                io = ref.getValue();
                pools.put(pool, io);
            }
            return io;
        } finally {
            poolLock.unlock();
        }
    }

    /**
     * Starts reading into, or writing from, the first {@code length} bytes of {@code buffer}
     * at {@code offset} in object {@code oid}. The future completes with librados's return
     * value: for a read the bytes read (fewer past the object's end), -ENOENT for an object
     * never written; for a write 0 once the write is durable on every replica.
     */
    CompletableFuture<Integer> submit(Op op, Pointer io, String oid, Memory buffer, long length, long offset)
            throws IOException {
        return start(op.name().toLowerCase() + " of RADOS object " + oid, buffer, null,
                c -> op == Op.READ ? lib.rados_aio_read(io, oid, c, buffer, length, offset)
                        : lib.rados_aio_write(io, oid, c, buffer, length, offset));
    }

    /**
     * Starts creating object {@code oid} holding {@code data}; the future completes with 0,
     * or -EEXIST when the object exists.
     */
    CompletableFuture<Integer> createExclusive(Pointer io, String oid, byte[] data) throws IOException {
        Pointer op = lib.rados_create_write_op();
        lib.rados_write_op_create(op, Librados.CREATE_EXCLUSIVE, null);
        lib.rados_write_op_write_full(op, data, data.length);
        return start("creation of RADOS object " + oid, op, () -> lib.rados_release_write_op(op),
                c -> lib.rados_aio_write_op_operate(op, io, c, oid, null, 0));
    }

    /**
     * Starts taking, or renewing ({@link Librados#LOCK_FLAG_MAY_RENEW}), the advisory lock
     * {@code lock} on object {@code oid} for {@code cookie}, lasting {@code duration} unless
     * renewed; {@code lock} is also the tag shared holders agree on. The future completes with
     * 0, or -EBUSY when another cookie holds it in a conflicting way.
     */
    CompletableFuture<Integer> lock(Pointer io, String oid, String lock, boolean shared, String cookie, String description,
                                    Duration duration) {
        Librados.TimeVal tv = new Librados.TimeVal();
        tv.tv_sec = duration.toSeconds();
        tv.tv_usec = duration.toNanosPart() / 1000;
        return blocking(() -> shared
                ? lib.rados_lock_shared(io, oid, lock, cookie, lock, description, tv, Librados.LOCK_FLAG_MAY_RENEW)
                : lib.rados_lock_exclusive(io, oid, lock, cookie, description, tv, Librados.LOCK_FLAG_MAY_RENEW));
    }

    /** Starts releasing {@code cookie}'s hold on the lock {@code lock} of object {@code oid}; completes with 0 or -ENOENT when it was not held. */
    CompletableFuture<Integer> unlock(Pointer io, String oid, String lock, String cookie) {
        return blocking(() -> lib.rados_unlock(io, oid, lock, cookie));
    }

    /** Starts listing the holders of the lock {@code lock} of object {@code oid}. */
    CompletableFuture<StripedObjects.Lockers> lockers(Pointer io, String oid, String lock) {
        return blocking(() -> {
            long[] room = {256, 4096, 4096, 4096};
            while (true) {
                IntByReference exclusive = new IntByReference();
                LongByReference[] lens = Arrays.stream(room).mapToObj(LongByReference::new).toArray(LongByReference[]::new);
                byte[] cookies = new byte[(int) room[2]];
                long n = lib.rados_list_lockers(io, oid, lock, exclusive, new byte[(int) room[0]], lens[0],
                        new byte[(int) room[1]], lens[1], cookies, lens[2], new byte[(int) room[3]], lens[3]);
                if (n != -Librados.ERANGE) {
                    check((int) n, "can't list the holders of the lock of RADOS object " + oid);
                    String all = new String(cookies, 0, (int) lens[2].getValue(), StandardCharsets.UTF_8);
                    return new StripedObjects.Lockers(exclusive.getValue() != 0,
                            Arrays.stream(all.split("\0")).filter(c -> !c.isEmpty()).limit(n).toList());
                }
                room = Arrays.stream(lens).mapToLong(LongByReference::getValue).toArray();
            }
        });
    }

    /**
     * Runs a librados call that blocks until the cluster answers on a daemon thread of its own:
     * librados never gives up (see the class comment), and callers bound their own waits.
     */
    private static <T> CompletableFuture<T> blocking(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("rados-lock-call").start(() -> {
            try {
                result.complete(call.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Issues an operation on a new completion. {@code held} is kept reachable, and
     * {@code release} (or null) runs, when the operation completes.
     */
    private CompletableFuture<Integer> start(String what, Object held, Runnable release, ToIntFunction<Pointer> issue)
            throws IOException {
        long id = ids.incrementAndGet();
        PointerByReference ref = new PointerByReference();
        check(lib.rados_aio_create_completion(new Pointer(id), callback, null, ref), "can't start " + what);
        Pointer completion = ref.getValue();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        pending.put(id, new Pending(held, release, result));
        int rc = issue.applyAsInt(completion);
        if (rc < 0) {
            pending.remove(id);
            lib.rados_aio_release(completion);
            if (release != null) {
                release.run();
            }
            throw new IOException("can't start " + what + ": " + Librados.describe(rc));
        }
        return result;
    }

    private void completed(Pointer completion, Pointer arg) {
        Pending p = pending.remove(Pointer.nativeValue(arg));
        int rc = lib.rados_aio_get_return_value(completion);
        lib.rados_aio_release(completion);
        if (p.release() != null) {
            p.release().run();
        }
        p.result().complete(rc);
    }
}
