package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.GoldenStore;
import venti.store.Store;
import venti.store.StoreCounter;
import venti.store.admin.TestStores;

/** venti server --sync-mirror: the golden store is copied to a replica, and a sync waits for it. */
class ServerMirrorTest {

    @TempDir
    Path dir;

    @Test
    void aSyncMirrorGetsTheWholeLogAndEverySyncedBlock() throws Exception {
        GoldenStore.unpack(dir);
        Path conf = GoldenStore.absoluteConf(dir);
        int venti;
        try (var s = new java.net.ServerSocket(0)) {
            venti = s.getLocalPort();
        }
        try (Store replica = TestStores.open(TestStores.format(dir.resolve("replica"), TestStores.SMALL),
                Store.Mode.READ_WRITE);
             VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), replica, ServerOptions.DEFAULT)) {
            String mirror = server.dialAddress().toString();
            CompletableFuture<Cli> result = new CompletableFuture<>();
            Thread t = Thread.ofVirtual().start(() -> result.complete(Cli.run("server", "-c", conf.toString(),
                    "-a", "127.0.0.1:" + venti, "--sync-mirror", mirror)));
            Score score;
            try {
                Ports.awaitServing(venti, result);
                try (VentiClient c = VentiClient.connect(new DialAddress("127.0.0.1", venti),
                        ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(30)))) {
                    score = c.write(BlockType.DATA, "mirrored before the sync returns".getBytes());
                    c.sync();
                }
                assertThat(replica.read(score, BlockType.DATA)).asString().isEqualTo("mirrored before the sync returns");
                assertThat(replica.stats().get(StoreCounter.BLOCKS_NEW)).as("the golden store's 1,999 blocks and ours")
                        .isEqualTo(2000);
            } finally {
                t.interrupt();
            }
            Cli r = result.get();
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("venti: mirroring to " + mirror + " (sync: syncs wait for it)");
            assertThat(Files.readString(dir.resolve("mirror-" + mirror.substring(4).replace('!', '-') + ".cursor")))
                    .startsWith("venti mirror cursor\nreplica " + mirror + "\n");
        }
    }
}
