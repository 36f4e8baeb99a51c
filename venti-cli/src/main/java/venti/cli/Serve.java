package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import venti.core.BlockStore;
import venti.core.DialAddress;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/**
 * Runs a {@link VentiServer} for a command until the process is told to stop (a shutdown
 * hook closes it) or the command's thread is interrupted.
 */
final class Serve {

    private Serve() {
    }

    /** The address to listen on: {@code address} when given, else every local address on the venti port. */
    static DialAddress listenAddress(String address) {
        return DialAddress.parseListen(address != null ? address : "tcp!*!venti");
    }

    /** Serves {@code store} on {@code address} until stopped; {@code verbose} logs every request. */
    static void serve(DialAddress address, BlockStore store, ServerOptions options, boolean verbose, PrintWriter err)
            throws IOException {
        if (verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("venti.server"))
                    .setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        VentiServer server = VentiServer.start(address, store, options);
        Thread hook = new Thread(server::close, "venti shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("serving on " + server.address());
        err.flush();
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and the hook is running
            }
        }
    }
}
