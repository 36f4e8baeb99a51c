package venti.bench;

import java.io.IOException;
import venti.core.DialAddress;
import venti.server.MemoryStore;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/**
 * A Venti server over an in-memory store, for measuring the protocol server with a load
 * generator in another process:
 *
 * <pre>
 * java -cp venti-bench/target/benchmarks.jar venti.bench.MemoryServer 127.0.0.1:17099 &amp;
 * ./venti randtest -q -h 127.0.0.1:17099 -n 1g -m 4
 * </pre>
 *
 * Runs until killed; the heap must hold every block written.
 */
public final class MemoryServer {

    private MemoryServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DialAddress address = DialAddress.parseListen(args.length > 0 ? args[0] : "127.0.0.1:17034");
        VentiServer server = VentiServer.start(address, new MemoryStore(), ServerOptions.DEFAULT);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.err.println("serving an in-memory store on " + server.address());
        server.awaitClose();
    }
}
