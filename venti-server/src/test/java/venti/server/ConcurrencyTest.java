package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;

/**
 * Many clients, each with many requests in flight, writing blocks drawn from one shared pool
 * (so the same block is written by several clients at once) and reading back blocks any of
 * them wrote. Every score and every block read is checked; the seed is in the failure text.
 */
class ConcurrencyTest {

    private static final int CLIENTS = 12;
    private static final int OPERATIONS = 400;
    private static final int POOL = 300;

    @Test
    void overlappingWritesAndReadsFromManyClients() throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        List<byte[]> pool = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            byte[] b = new byte[1 + r.nextInt(i % 10 == 0 ? 57344 : 9000)];
            r.nextBytes(b);
            pool.add(b);
        }
        MemoryStore store = new MemoryStore();
        ConcurrentHashMap<Score, byte[]> written = new ConcurrentHashMap<>();
        try (VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), store,
                ServerOptions.DEFAULT.withMaxInFlight(8));
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long clientSeed = seed + c;
                done.add(clients.submit(() -> {
                    runClient(server, pool, written, new Random(clientSeed));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(server.connections()).isLessThanOrEqualTo(CLIENTS);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e, e);
        }
        assertThat(store.size()).as("seed %d", seed).isEqualTo(written.size());
    }

    private static void runClient(VentiServer server, List<byte[]> pool, ConcurrentHashMap<Score, byte[]> written,
                                  Random r) throws Exception {
        try (VentiClient c = VentiClient.connect(server.dialAddress(),
                ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(30)))) {
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (int i = 0; i < OPERATIONS; i++) {
                byte[] block = pool.get(r.nextInt(pool.size()));
                Score expected = Sha1.hash(block);
                if (r.nextInt(3) > 0 || written.isEmpty()) {
                    checks.add(c.writeAsync(BlockType.DATA, block).thenAccept(s -> {
                        assertThat(s).isEqualTo(expected);
                        written.put(s, block);
                    }));
                } else {
                    Score known = written.keys().nextElement();
                    byte[] want = written.get(known);
                    checks.add(c.readAsync(known, BlockType.DATA, 57344)
                            .thenAccept(got -> assertThat(got).isEqualTo(want)));
                }
                if (checks.size() >= 32) {
                    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get();
                    checks.clear();
                }
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get();
            c.sync();
        }
    }
}
