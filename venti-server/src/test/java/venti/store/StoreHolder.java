package venti.store;

import java.nio.file.Path;
import venti.store.admin.TestStores;

/**
 * A child process for lock tests: opens the store of the venti.conf in {@code args[0]} in
 * mode {@code args[1]}, prints {@code open}, and holds it until its standard input closes
 * or it is killed.
 */
public final class StoreHolder {

    private StoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Store s = TestStores.open(Path.of(args[0]), Store.Mode.valueOf(args[1]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes the pipe
            }
        }
    }

    /** Starts a holder of the store at {@code conf} in {@code mode} and waits until it has the store open. */
    public static Process start(Path conf, Store.Mode mode) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(), conf.toString(), mode.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] open = p.getInputStream().readNBytes(5);
        if (!new String(open, java.nio.charset.StandardCharsets.US_ASCII).equals("open\n")) {
            p.destroyForcibly();
            throw new AssertionError("the store holder did not open the store");
        }
        return p;
    }
}
