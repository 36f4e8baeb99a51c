package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import venti.core.BlockStore;
import venti.core.DialAddress;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/**
 * The {@code -a address} and {@code -v} options of the commands that serve (ro, devnull), and
 * the serving itself: a {@link VentiServer} that runs until the process is told to stop (a
 * shutdown hook closes it) or the command's thread is interrupted.
 */
final class Listen {

    @Option(names = "-v", description = "Log every request and reply on standard error.")
    boolean verbose;
    @Option(names = "-a", paramLabel = "address", defaultValue = "tcp!*!venti",
            description = "Address to listen on (default tcp!*!venti: every local address, port 17034; a port alone is on 127.0.0.1).")
    String address;

    /** Serves {@code store} until stopped. */
    void serve(BlockStore store, ServerOptions options, PrintWriter err) throws IOException {
        if (verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("venti.server"))
                    .setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        VentiServer server = VentiServer.start(ListenAddress.parse(address, DialAddress::parseListen), store, options);
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
