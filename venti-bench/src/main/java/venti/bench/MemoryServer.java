package venti.bench;

import java.io.IOException;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
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
 * With {@code --verify-reads} after the address, it checks the SHA-1 of every block it
 * returns, as every real store of this project must: the ceiling for a store that does
 * nothing else. Runs until killed; the heap must hold every block written.
 */
public final class MemoryServer {

    private MemoryServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DialAddress address = DialAddress.parseListen(args.length > 0 ? args[0] : "127.0.0.1:17034");
        boolean verify = args.length > 1 && args[1].equals("--verify-reads");
        BlockStore store = verify ? new VerifyingReads(new MemoryStore()) : new MemoryStore();
        VentiServer server = VentiServer.start(address, store, ServerOptions.DEFAULT);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.err.println("serving an in-memory store on " + server.address() + (verify ? ", verifying reads" : ""));
        server.awaitClose();
    }

    /** A store whose reads are checked against their scores. */
    private record VerifyingReads(BlockStore store) implements BlockStore {
        @Override
        public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
            byte[] b = store.read(score, type, maxSize);
            if (!Sha1.hash(b).equals(score)) {
                throw new IOException("block " + score + " read back with another score");
            }
            return b;
        }

        @Override
        public Score write(BlockType type, byte[] data, int off, int len) throws IOException {
            return store.write(type, data, off, len);
        }

        @Override
        public void sync() throws IOException {
            store.sync();
        }
    }
}
