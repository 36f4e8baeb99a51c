package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rping;
import venti.wire.Thello;
import venti.wire.Tping;
import venti.wire.Tread;

/**
 * Clients that break the protocol, on purpose or by accident: each loses only its own
 * connection (or gets an Rerror), a well-behaved client beside them is served throughout,
 * and the server's connection count comes back to zero.
 */
class HostileClientsTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    private final MemoryStore store = new MemoryStore();
    private VentiServer server;
    private VentiClient good;
    private Score goodBlock;

    @BeforeEach
    void start() throws IOException {
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT.withIdleTimeout(IDLE));
        good = VentiClient.connect(server.dialAddress(), ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)));
        goodBlock = good.write(BlockType.DATA, "still here".getBytes());
    }

    @AfterEach
    void stop() throws Exception {
        assertThat(good.read(goodBlock, BlockType.DATA, 100)).as("the good client is unaffected").isEqualTo("still here".getBytes());
        good.close();
        awaitConnections(0);
        server.close();
        assertThat(store.size()).as("nothing stored by the hostile clients").isEqualTo(1);
    }

    private void awaitConnections(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connections() > n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.connections()).as("connections open").isEqualTo(n);
    }

    private RawClient session() throws IOException {
        return RawClient.session(server.address(), ProtocolVersion.V04);
    }

    @Test
    void randomBytesAreTurnedAway() throws IOException {
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(2000)];
            random.nextBytes(junk);
            try (RawClient c = new RawClient(server.address())) {
                c.send(junk);
                c.readLine();
                assertThat(c.closedByServer(5000)).as("seed 1, round %d", i).isTrue();
            }
        }
    }

    @Test
    void randomFramesAfterHelloNeverHurtTheServer() throws IOException {
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            try (RawClient c = session()) {
                byte[] body = new byte[random.nextInt(64)];
                random.nextBytes(body);
                ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body);
                c.send(frame.array());
                c.send(new Tping(0));
                drainUntilClosedOrPing(c);
            }
        }
    }

    /** Reads replies until the Rping (the session survived) or the close (it did not). */
    private static void drainUntilClosedOrPing(RawClient c) throws IOException {
        try {
            for (int i = 0; i < 3; i++) {
                Message m = c.read();
                if (m instanceof Rping) {
                    return;
                }
                assertThat(m).isInstanceOf(Rerror.class);
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return;
        }
        throw new AssertionError("neither closed nor answered the ping");
    }

    @Test
    void badVersionLinesAndUnknownVersionsClose() throws IOException {
        for (String line : List.of("venti-05-pyclient\n", "vent1-04\n", "venti-04\u0001\n", "venti-" + "0".repeat(2000))) {
            try (RawClient c = new RawClient(server.address())) {
                c.send(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                assertThat(c.readLine()).isEqualTo("venti-04:02-libventi\n".getBytes());
                assertThat(c.closedByServer(5000)).as(line).isTrue();
            }
        }
    }

    @Test
    void anythingButAProperHelloCloses() throws IOException {
        List<Message> firsts = List.of(new Tping(0), Tread.of(0, Score.EMPTY, BlockType.DATA, 10),
                new Thello(1, "04", "x", 0, new byte[0], new byte[0]), Thello.of(ProtocolVersion.V02, "x"));
        for (Message first : firsts) {
            try (RawClient c = new RawClient(server.address())) {
                c.send("venti-04:02-test\n".getBytes());
                c.readLine();
                c.send(first);
                assertThat(c.closedByServer(5000)).as("%s", first).isTrue();
            }
        }
    }

    @Test
    void unknownTypesGetUnknownRequestAndTheSessionGoesOn() throws IOException {
        try (RawClient c = session()) {
            for (int type : new int[] {0, 7, 18, 99, 255}) {
                c.send(new byte[] {0, 0, 0, 3, (byte) type, 42, 1});
                assertThat(c.read()).as("type %d", type).isEqualTo(new Rerror(42, "unknown request"));
            }
            c.send(new Tping(1));
            assertThat(c.read()).isEqualTo(new Rping(1));
        }
    }

    @Test
    void malformedRequestsGetAnErrorAndClose() throws IOException {
        byte[][] frames = {
                {0, 0, 0, 1, 12},                                       // no tag
                {0, 0, 0, 5, 12, 3, 1, 2, 3},                            // Tread cut short
                {0, 0, 0, 3, 2, 4, 0},                                   // Tping with a trailing byte
                {0, 0, 0, 8, 14, 5, 0, 0, 0, 0, 1, 2},                   // Twrite of block type 0
                {0, 0, 0, 4, 14, 5, 13, 0},                              // Twrite without its pad
        };
        for (byte[] f : frames) {
            try (RawClient c = session()) {
                c.send(f);
                if (f.length > 5) {
                    Message m = c.read();
                    assertThat(m).isInstanceOf(Rerror.class);
                    assertThat(((Rerror) m).error()).startsWith("bad packet: ");
                }
                assertThat(c.closedByServer(5000)).isTrue();
            }
        }
        try (RawClient c = session()) {
            byte[] badType = RawClient.frame(new Tread(6, Score.EMPTY, 11, 10), ProtocolVersion.V04);
            c.send(badType);
            assertThat(((Rerror) c.read()).error()).contains("block type 11");
            assertThat(c.closedByServer(5000)).isTrue();
        }
    }

    @Test
    void hugeLengthsCloseBeforeAnythingIsAllocated() throws IOException {
        for (byte[] prefix : new byte[][] {{0x7f, -1, -1, -1}, {-1, -1, -1, -1}, {0, 0x10, 0, 0}}) {
            try (RawClient c = session()) {
                c.send(prefix);
                assertThat(c.closedByServer(5000)).isTrue();
            }
        }
    }

    @Test
    void halfAFrameThenSilenceTimesOut() throws IOException {
        for (byte[] part : new byte[][] {{0, 0}, {0, 0, 0, 30, 12, 0, 1, 2}}) {
            try (RawClient c = session()) {
                c.send(part);
                long t0 = System.nanoTime();
                assertThat(c.closedByServer(5000)).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
            }
        }
        try (RawClient c = new RawClient(server.address())) {
            c.readLine();
            assertThat(c.closedByServer(5000)).as("silence instead of a version line").isTrue();
        }
    }

    @Test
    void idleBetweenFramesIsFine() throws Exception {
        try (RawClient c = session()) {
            Thread.sleep(IDLE.toMillis() * 3);
            c.send(new Tping(5));
            assertThat(c.read()).isEqualTo(new Rping(5));
        }
    }

    @Test
    void thousandsOfConnectionsOpenedAndDropped() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(Thread.startVirtualThread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 250; i++) {
                    try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
                        switch (random.nextInt(3)) {
                            case 0 -> s.getOutputStream().write("venti-04".getBytes());
                            case 1 -> s.getOutputStream().write("venti-04:02-x\n\0\0".getBytes());
                            default -> s.setSoLinger(true, 0);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        awaitConnections(1);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("venti-conn"))
                .as("reader threads left").hasSizeLessThanOrEqualTo(1);
    }
}
