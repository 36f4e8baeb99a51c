package venti.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.replica.Replication;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.TestStores;

/** The server's start and close order, without the command line. */
class VentiDaemonTest {

    @TempDir
    Path dir;

    /** How a test status server starts. */
    @FunctionalInterface
    private interface Starter<S extends AutoCloseable> {
        S start(Store store, VentiServer server, Replication replication) throws IOException;
    }

    /** A status server that binds nothing and starts with {@code starter}. */
    private static <S extends AutoCloseable> VentiDaemon.StatusServer<S> starting(Starter<S> starter) {
        return () -> new VentiDaemon.Pending<>() {
            @Override
            public S start(Store store, VentiServer server, Replication replication) throws IOException {
                return starter.start(store, server, replication);
            }

            @Override
            public void close() {
            }
        };
    }

    private VentiDaemon.Settings settings() throws IOException {
        Path conf = TestStores.format(dir, TestStores.SMALL);
        VentiConfig config = VentiConfig.read(conf);
        return new VentiDaemon.Settings(config, dir, new DialAddress("127.0.0.1", 0), false, Store.Options.of(config));
    }

    @Test
    void servesAndClosesTheStatusServerThenTheServerThenTheStore() throws Exception {
        VentiDaemon.Settings settings = settings();
        List<String> events = new ArrayList<>();
        byte[] block = TestStores.block(1, 3000);
        Score score;
        InetSocketAddress address;
        try (VentiDaemon<AutoCloseable> d = VentiDaemon.start(settings, starting((store, server, replication) -> () -> {
            events.add("status closed; server listening: " + listening(server.address())
                    + "; store reads: " + (store.read(Sha1.hash(block), BlockType.DATA).length == block.length));
        }))) {
            assertThat(d.status()).isPresent();
            address = d.server().address();
            try (VentiClient c = VentiClient.connect(address, ClientOptions.DEFAULT)) {
                score = c.write(BlockType.DATA, block);
                c.sync();
            }
        }
        assertThat(events).containsExactly("status closed; server listening: true; store reads: true");
        assertThat(listening(address)).as("listening after close").isFalse();
        try (Store s = Store.open(settings.config(), dir, Store.Mode.INSPECT)) {
            assertThat(s.read(score, BlockType.DATA)).isEqualTo(block);
        }
    }

    @Test
    void aStatusServerThatThrowsLeavesNothingOpen() throws Exception {
        VentiDaemon.Settings settings = settings();
        AtomicReference<Store> store = new AtomicReference<>();
        AtomicReference<VentiServer> server = new AtomicReference<>();
        assertThatThrownBy(() -> VentiDaemon.start(settings, starting((st, sv, rp) -> {
            store.set(st);
            server.set(sv);
            throw new IllegalStateException("no pages today");
        }))).isInstanceOf(IllegalStateException.class).hasMessage("no pages today");
        assertThat(listening(server.get().address())).as("the server still listening").isFalse();
        assertThatThrownBy(() -> store.get().index().arenas().getFirst().part().read(0, 16))
                .as("the store's partitions after the failure").isInstanceOf(IOException.class);
    }

    @Test
    void aStatusServerThatCannotListenFailsTheStartAndLeavesNothingOpen() throws Exception {
        VentiDaemon.Settings settings = settings();
        assertThatThrownBy(() -> VentiDaemon.start(settings, () -> {
            throw new IOException("address in use");
        })).isInstanceOf(IOException.class).hasMessage("address in use");
        try (Store s = Store.open(settings.config(), dir, Store.Mode.READ_WRITE)) {
            assertThat(s.isReadOnly()).as("the failed start left the store unlocked").isFalse();
        }
    }

    private static boolean listening(InetSocketAddress address) throws IOException {
        try {
            new Socket(address.getAddress(), address.getPort()).close();
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
