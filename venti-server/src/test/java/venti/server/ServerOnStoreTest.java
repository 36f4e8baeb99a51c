package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.store.FilePart;
import venti.store.Part;
import venti.store.Store;
import venti.store.admin.CheckArenas;
import venti.store.admin.CheckIndex;
import venti.store.admin.Format;
import venti.store.admin.TestStores;

/**
 * Many clients at once, each with many requests in flight, writing and reading overlapping
 * blocks through the protocol server into the storage engine, while arenas fill and seal;
 * every reply is checked, and afterwards the store reopens with every block and the checkers
 * find it clean.
 */
class ServerOnStoreTest {

    @TempDir
    Path dir;

    @Test
    void concurrentClientsOnTheEngine() throws Exception {
        Path conf = TestStores.format(dir, new Format.Sizes(16 << 20, 1 << 20, 2 << 20, 1 << 20));
        int clients = 6;
        int perClient = 300;
        int distinct = clients * perClient / 2;
        try (Store store = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int me = c;
                    done.add(pool.submit(() -> {
                        try (VentiClient client = VentiClient.connect(server.address(), ClientOptions.DEFAULT)) {
                            List<java.util.concurrent.CompletableFuture<Score>> writes = new ArrayList<>();
                            for (int i = 0; i < perClient; i++) {
                                int id = (me * perClient + i) % distinct;
                                writes.add(client.writeAsync(BlockType.DATA, TestStores.block(id, 500 + id * 37 % 6000)));
                            }
                            for (int i = 0; i < perClient; i++) {
                                int id = (me * perClient + i) % distinct;
                                Score s = writes.get(i).get();
                                assertThat(client.readAsync(s, BlockType.DATA, 57344).get())
                                        .isEqualTo(TestStores.block(id, 500 + id * 37 % 6000));
                            }
                            client.sync();
                        }
                        return perClient;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get()).isEqualTo(perClient);
                }
            } finally {
                server.close();
            }
            assertThat(store.index().arenas().stream().filter(a -> a.trailer().memStats().sealed()).count())
                    .as("arenas filled and sealed on the way").isPositive();
        }
        try (Store store = TestStores.open(conf, Store.Mode.READ_ONLY)) {
            long clumps = store.index().arenas().stream().mapToLong(a -> a.trailer().memStats().clumps()).sum();
            assertThat(clumps).as("each distinct block stored once").isEqualTo(distinct);
            for (int id = 0; id < distinct; id++) {
                byte[] b = TestStores.block(id, 500 + id * 37 % 6000);
                assertThat(store.read(venti.core.Sha1.hash(b), BlockType.DATA)).isEqualTo(b);
            }
        }
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out, true);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            assertThat(CheckArenas.run(p, true, false, 0, List.of(), w)).as(out.toString()).isTrue();
        }
        try (Store store = TestStores.open(conf, Store.Mode.INSPECT)) {
            assertThat(CheckIndex.run(store, false, 1 << 30, w)).as(out.toString()).isTrue();
        }
    }
}
