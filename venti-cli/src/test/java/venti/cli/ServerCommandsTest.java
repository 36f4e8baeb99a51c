package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import venti.client.ClientOptions;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.MemoryStore;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/** venti ro and venti devnull, run in-process and stopped by interrupting their thread. */
class ServerCommandsTest {

    /** Runs a serving command on a free port until {@code body} is done, then stops it. */
    private static Cli serving(String[] args, ThrowingConsumer<DialAddress> body) throws Exception {
        DialAddress address = new DialAddress("127.0.0.1", Ports.free());
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-a";
        full[args.length + 1] = address.toString();
        CompletableFuture<Cli> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run(full)));
        Ports.awaitServing(address.port(), result);
        try {
            body.accept(address);
        } finally {
            t.interrupt();
        }
        return result.get();
    }

    private interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    private static VentiClient connect(DialAddress a) throws IOException {
        return VentiClient.connect(a, ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)));
    }

    @Test
    void roServesReadsAndRefusesWrites() throws Exception {
        MemoryStore store = new MemoryStore();
        byte[] data = "upstream".getBytes();
        Score s = store.write(BlockType.DATA, data, 0, data.length);
        try (VentiServer upstream = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT)) {
            Cli ro = serving(new String[] {"ro", "-h", upstream.dialAddress().toString()}, a -> {
                try (VentiClient c = connect(a)) {
                    assertThat(c.read(s, BlockType.DATA, 100)).isEqualTo(data);
                    assertThatThrownBy(() -> c.read(Sha1.hash(new byte[1]), BlockType.DATA, 100))
                            .isInstanceOf(ServerErrorException.class).hasMessageStartingWith("no block with score");
                    assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[] {1}))
                            .isInstanceOf(ServerErrorException.class).hasMessage("read only");
                    c.sync();
                    c.ping();
                }
            });
            assertThat(ro.status()).as(ro.err()).isZero();
            assertThat(ro.err()).contains("serving on");
        }
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void devnullAnswersWritesAndFailsReads() throws Exception {
        Cli devnull = serving(new String[] {"devnull"}, a -> {
            try (VentiClient c = connect(a)) {
                byte[] data = "gone".getBytes();
                Score s = c.write(BlockType.DATA, data);
                assertThat(s).isEqualTo(Sha1.hash(data));
                assertThatThrownBy(() -> c.read(s, BlockType.DATA, 100)).isInstanceOf(ServerErrorException.class)
                        .hasMessage("no such block");
                c.sync();
            }
        });
        assertThat(devnull.status()).as(devnull.err()).isZero();
    }

    @Test
    void listenFailuresAreReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli r = Cli.run("devnull", "-a", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(r.err()).startsWith("venti devnull: cannot announce tcp!127.0.0.1!" + taken.getLocalPort());
        }
    }
}
