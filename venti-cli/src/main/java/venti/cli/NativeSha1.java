package venti.cli;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.Sha1;

/**
 * OpenSSL's SHA-1 ({@code SHA1()} of libcrypto, which uses the CPU's SHA instructions),
 * bound through JNA's direct mapping, for the archive commands: they run on the C1 compiler
 * alone, where the JDK's digest has no intrinsic and hashes 134 MB in 0.65 s instead of 0.09 s.
 *
 * <p>Where libcrypto is missing, or gives a wrong answer for a known input, the JDK's digest
 * stays in use. Thread-safe: {@code SHA1()} with an output buffer keeps no state.
 */
final class NativeSha1 implements Sha1.Engine {

    private static final Logger log = LoggerFactory.getLogger(NativeSha1.class);
    /** libcrypto's names: the development link first, then the run-time library of OpenSSL 3 and 1.1. */
    private static final String[] LIBRARIES = {"crypto", "libcrypto.so.3", "libcrypto.so.1.1"};

    private NativeSha1() {
    }

    private static native Pointer SHA1(byte[] data, long len, byte[] md);

    @Override
    public void hash(byte[] data, int len, byte[] md) {
        SHA1(data, len, md);
    }

    /** Installs libcrypto's SHA-1 in {@link Sha1} on a thread of its own (loading it takes 0.1 s), if there is one. */
    static void installInBackground() {
        Thread.ofPlatform().daemon().name("native-sha1").start(() -> load().ifPresent(Sha1::use));
    }

    /** libcrypto's SHA-1, checked against the JDK's on a few inputs; empty where it cannot be had. */
    static Optional<Sha1.Engine> load() {
        for (String name : LIBRARIES) {
            try {
                Native.register(NativeSha1.class, NativeLibrary.getInstance(name));
            } catch (LinkageError | RuntimeException e) {   // no libcrypto, or JNA's own library cannot load
                log.debug("no SHA-1 in {}: {}", name, e.getMessage());
                continue;
            }
            NativeSha1 engine = new NativeSha1();
            if (agreesWithTheJdk(engine)) {
                return Optional.of(engine);
            }
            log.warn("libcrypto's SHA-1 ({}) disagrees with the JDK's; using the JDK's", name);
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean agreesWithTheJdk(NativeSha1 engine) {
        byte[] data = new byte[8192 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        for (int len : new int[] {0, 3, 64, 8192 + 17}) {
            byte[] md = new byte[20];
            engine.hash(data, len, md);
            if (!Arrays.equals(md, Sha1.newDigest().digest(Arrays.copyOf(data, len)))) {
                return false;
            }
        }
        return true;
    }
}
