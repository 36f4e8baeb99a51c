package venti.store.rados;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;

/**
 * The part of the librados C API ({@code rados/librados.h}, Ceph 16.2) that partitions use,
 * bound through JNA: the only place the store touches native code.
 *
 * <p>Handles ({@code rados_t}, {@code rados_ioctx_t}, {@code rados_completion_t},
 * {@code rados_write_op_t}) are opaque pointers; {@code size_t} and {@code uint64_t} are
 * Java longs (64-bit Linux). Functions return 0 or a byte count on success and a negated
 * errno on failure; {@link #describe} turns one into words.
 */
interface Librados extends Library {

    /** {@code LIBRADOS_CREATE_EXCLUSIVE}: fail with EEXIST when the object is already there. */
    int CREATE_EXCLUSIVE = 1;
    int ENOENT = 2;
    int EACCES = 13;
    int EBUSY = 16;
    int EEXIST = 17;
    int ERANGE = 34;
    /** {@code LIBRADOS_LOCK_FLAG_MAY_RENEW}: taking a lock this cookie holds renews it instead of failing with EEXIST. */
    byte LOCK_FLAG_MAY_RENEW = 1;

    /** {@code struct timeval}: a lock's duration. */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    final class TimeVal extends Structure {
        public long tv_sec;
        public long tv_usec;
    }

    /** Called on a librados thread when an asynchronous operation completes. */
    interface CompletionCallback extends Callback {
        void invoke(Pointer completion, Pointer arg);
    }

    int rados_create2(PointerByReference cluster, String clusterName, String name, long flags);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_parse_env(Pointer cluster, String variable);

    int rados_conf_set(Pointer cluster, String option, String value);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    int rados_ioctx_create(Pointer cluster, String pool, PointerByReference ioctx);

    int rados_aio_create_completion(Pointer arg, CompletionCallback complete, CompletionCallback safe,
                                    PointerByReference completion);

    int rados_aio_write(Pointer ioctx, String oid, Pointer completion, Pointer buf, long len, long off);

    int rados_aio_read(Pointer ioctx, String oid, Pointer completion, Pointer buf, long len, long off);

    int rados_aio_get_return_value(Pointer completion);

    void rados_aio_release(Pointer completion);

    Pointer rados_create_write_op();

    void rados_release_write_op(Pointer op);

    void rados_write_op_create(Pointer op, int exclusive, String category);

    void rados_write_op_write_full(Pointer op, byte[] buffer, long len);

    int rados_aio_write_op_operate(Pointer op, Pointer ioctx, Pointer completion, String oid, Pointer mtime, int flags);

    int rados_lock_exclusive(Pointer ioctx, String oid, String name, String cookie, String desc, TimeVal duration, byte flags);

    int rados_lock_shared(Pointer ioctx, String oid, String name, String cookie, String tag, String desc,
                          TimeVal duration, byte flags);

    int rados_unlock(Pointer ioctx, String oid, String name, String cookie);

    /** Lists a lock's holders; each {@code char *} receives NUL-separated strings, and -ERANGE sets the lengths needed. */
    long rados_list_lockers(Pointer ioctx, String oid, String name, IntByReference exclusive, byte[] tag, LongByReference tagLen,
                            byte[] clients, LongByReference clientsLen, byte[] cookies, LongByReference cookiesLen,
                            byte[] addrs, LongByReference addrsLen);

    /** The C library's {@code strerror}, for librados's negated errno values. */
    interface LibC extends Library {
        String strerror(int errno);
    }

    /**
     * Loads librados.
     *
     * @throws IOException "librados2 not installed" when the library cannot be found
     */
    static Librados load() throws IOException {
        try {
            return Native.load("rados", Librados.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("librados2 not installed: apt-get install librados2", e);
        }
    }

    /** The words for a librados return value {@code rc < 0}, as "No such file or directory (errno 2)". */
    static String describe(int rc) {
        return Errno.LIBC.strerror(-rc) + " (errno " + -rc + ")";
    }

    /** Holds libc apart so that loading librados does not depend on it. */
    final class Errno {
        static final LibC LIBC = Native.load("c", LibC.class);

        private Errno() {
        }
    }
}
