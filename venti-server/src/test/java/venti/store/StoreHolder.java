package venti.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return start(List.of(), StoreHolder.class, conf.toString(), mode.name());
    }

    /**
     * Starts {@code main} with {@code args} in a JVM of this class path and {@code options}, and
     * waits until it prints {@code open}, as a holder does once it holds what it opened.
     */
    static Process start(List<String> options, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(options);
        command.add(main.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] open = p.getInputStream().readNBytes(5);
        if (!new String(open, java.nio.charset.StandardCharsets.US_ASCII).equals("open\n")) {
            p.destroyForcibly();
            throw new AssertionError("the holder " + main.getSimpleName() + " did not open what it holds");
        }
        return p;
    }
}
