package venti.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rread;
import venti.wire.Rsync;
import venti.wire.Rwrite;
import venti.wire.Tread;
import venti.wire.VersionLine;

/** The client against a small in-test server: many threads, many requests, things going wrong. */
@Timeout(60)
class VentiClientTest {

    private TestVentiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestVentiServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static byte[] block(Random rnd, int maxSize) {
        byte[] b = new byte[1 + rnd.nextInt(maxSize)];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void manyThreadsManyRequestsInFlight() throws Exception {
        server.maxDelayMillis = 3;
        long seed = new Random().nextLong();
        int threads = 8;
        int perThread = 150;
        try (VentiClient c = server.connect(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random rnd = new Random(seed + t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        byte[] data = block(rnd, 3000);
                        BlockType type = BlockType.of(rnd.nextInt(17));
                        Score score = c.write(type, data);
                        assertThat(score).isEqualTo(Sha1.hash(data));
                        assertThat(c.read(score, type, data.length)).isEqualTo(data);
                        if (i % 50 == 0) {
                            c.sync();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(server.maxInFlight()).as("seed %d: requests in flight at once", seed).isGreaterThan(1);
    }

    @Test
    void asyncRequestsFromOneThread() throws Exception {
        server.maxDelayMillis = 2;
        Random rnd = new Random(7);
        try (VentiClient c = server.connect()) {
            List<byte[]> blocks = new ArrayList<>();
            List<CompletableFuture<Score>> writes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                byte[] b = block(rnd, 9000);
                blocks.add(b);
                writes.add(c.writeAsync(BlockType.DATA, b));
            }
            c.syncAsync().join();
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                assertThat(writes.get(i).join()).isEqualTo(Sha1.hash(blocks.get(i)));
                reads.add(c.readAsync(writes.get(i).join(), BlockType.DATA, Message.MAX_BLOCK));
            }
            for (int i = 0; i < blocks.size(); i++) {
                assertThat(reads.get(i).join()).isEqualTo(blocks.get(i));
            }
        }
        assertThat(server.maxInFlight()).isGreaterThan(1);
    }

    @Test
    void repliesInReverseOrderFindTheirRequests() throws Exception {
        try (VentiClient c = server.connect()) {
            List<byte[]> blocks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                blocks.add(("block " + i).getBytes());
                c.write(BlockType.DATA, blocks.get(i));
            }
            server.holdNext = 20;
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (byte[] b : blocks) {
                reads.add(c.readAsync(Sha1.hash(b), BlockType.DATA, 100));
            }
            for (int i = 0; i < blocks.size(); i++) {
                assertThat(reads.get(i).join()).isEqualTo(blocks.get(i));
            }
            List<Integer> tags = server.received().stream().skip(20).map(Message::tag).toList();
            assertThat(tags).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        }
        assertThat(server.maxInFlight()).isEqualTo(20);
    }

    @Test
    void callersWaitForAFreeTagWhenAll256AreInUse() throws Exception {
        try (VentiClient c = server.connect()) {
            Score s = c.write(BlockType.DATA, new byte[] {1});
            server.holdNext = 256;
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                reads.add(c.readAsync(s, BlockType.DATA, 1));
            }
            for (CompletableFuture<byte[]> r : reads) {
                assertThat(r.join()).containsExactly(1);
            }
        }
        assertThat(server.maxInFlight()).isEqualTo(256);
    }

    @Test
    void serverErrorsFailOnlyTheirRequest() throws Exception {
        try (VentiClient c = server.connect()) {
            Score missing = Sha1.hash(new byte[] {9});
            assertThatThrownBy(() -> c.read(missing, BlockType.DATA, 100)).isInstanceOf(ServerErrorException.class)
                    .hasMessage("no block with score " + missing + "/0 exists");
            CompletableFuture<byte[]> async = c.readAsync(missing, BlockType.ROOT, 100);
            assertThatThrownBy(async::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ServerErrorException.class)
                    .cause().hasMessage("no block with score " + missing + "/16 exists");
            Score s = c.write(BlockType.DATA, new byte[] {9});
            assertThat(s).isEqualTo(missing);
            assertThatThrownBy(() -> c.read(s, BlockType.DATA, 0)).hasMessage("read too small: asked for 0 need at least 1");
            c.ping();
            assertThat(c.read(s, BlockType.DATA, 1)).containsExactly(9);
        }
    }

    @Test
    void droppedConnectionFailsEveryRequestInFlightAndEveryLaterOne() throws Exception {
        try (VentiClient c = server.connect()) {
            Score s = c.write(BlockType.DATA, new byte[] {1});
            server.holdNext = Integer.MAX_VALUE;
            server.dropAfter = 1 + 5;
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                reads.add(c.readAsync(s, BlockType.DATA, 1));
            }
            for (CompletableFuture<byte[]> r : reads) {
                assertThatThrownBy(r::join).cause().isInstanceOf(IOException.class)
                        .hasMessageContaining("venti server " + c.server())
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("closed the connection", "lost"));
            }
            assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[] {2})).isInstanceOf(IOException.class)
                    .hasMessageContaining("venti server " + c.server());
            assertThatThrownBy(() -> c.readAsync(s, BlockType.DATA, 1).join()).cause().isInstanceOf(IOException.class);
        }
    }

    @Test
    void blockingCallersSeeTheDropToo() throws Exception {
        try (VentiClient c = server.connect()) {
            server.dropAfter = 1;
            assertThatThrownBy(c::sync).isInstanceOf(IOException.class)
                    .hasMessage("venti server " + c.server() + " closed the connection");
        }
    }

    @Test
    void lateRepliesTimeOutAndKeepTheirTag() throws Exception {
        server.tamper = reply -> reply instanceof Rsync ? null : reply;
        try (VentiClient c = server.connect(ClientOptions.DEFAULT.withRequestTimeout(Duration.ofMillis(200)))) {
            assertThatThrownBy(c::sync).isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("venti server " + c.server() + " did not answer Tsync (tag 0) within PT0.2S");
            assertThatThrownBy(() -> c.syncAsync().join()).cause().isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("Tsync (tag 1)");
            Score s = c.write(BlockType.DATA, new byte[] {3});
            assertThat(c.read(s, BlockType.DATA, 1)).containsExactly(3);
            assertThat(server.received()).last().isInstanceOf(Tread.class).extracting(Message::tag).isEqualTo(2);
        }
    }

    @Test
    void repliesThatLieAreCaught() throws Exception {
        Score bogus = Sha1.hash(new byte[] {42});
        server.tamper = reply -> switch (reply) {
            case Rwrite w -> new Rwrite(w.tag(), bogus);
            case Rread r -> new Rread(r.tag(), new byte[] {42});
            case Rerror e when e.error().startsWith("read too small") -> new Rread(e.tag(), new byte[] {42});
            default -> reply;
        };
        try (VentiClient c = server.connect()) {
            byte[] data = {1, 2, 3};
            assertThatThrownBy(() -> c.write(BlockType.DATA, data)).isInstanceOf(IOException.class)
                    .hasMessage("venti server " + c.server() + " stored a block as " + bogus + " but its SHA-1 is "
                            + Sha1.hash(data));
            assertThatThrownBy(() -> c.read(Sha1.hash(data), BlockType.DATA, 100)).isInstanceOf(IOException.class)
                    .hasMessage("venti server " + c.server() + " returned a block whose score is " + bogus
                            + " when asked for " + Sha1.hash(data));
            assertThat(c.write(BlockType.DATA, new byte[] {42})).isEqualTo(bogus);
            assertThatThrownBy(() -> c.read(bogus, BlockType.DATA, 0)).isInstanceOf(IOException.class)
                    .hasMessage("venti server " + c.server() + " returned 1 bytes for " + bogus
                            + ", more than the 0 asked for");
        }
    }

    @Test
    void replyTypeMustMatchTheRequest() throws Exception {
        server.tamper = reply -> reply instanceof Rsync ? new Rwrite(reply.tag(), Score.ZERO) : reply;
        try (VentiClient c = server.connect()) {
            assertThatThrownBy(c::sync).hasMessage("venti server " + c.server()
                    + " answered with Rwrite where Rsync was due");
            c.ping();
        }
    }

    @Test
    void replyWithAnUnknownTagBreaksTheConnection() throws Exception {
        server.tamper = reply -> reply instanceof Rsync ? new Rsync(99) : reply;
        try (VentiClient c = server.connect()) {
            assertThatThrownBy(c::sync).hasMessage("venti server " + c.server()
                    + " sent Rsync with tag 99, which no request in flight has");
            assertThatThrownBy(c::ping).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeWaitsForRepliesInFlightThenSaysGoodbye() throws Exception {
        server.maxDelayMillis = 100;
        VentiClient c = server.connect();
        CompletableFuture<Score> w = c.writeAsync(BlockType.DATA, new byte[] {5});
        c.close();
        assertThat(w.join()).isEqualTo(Sha1.hash(new byte[] {5}));
        assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[] {6})).isInstanceOf(IOException.class)
                .hasMessage("the connection to venti server " + c.server() + " is closed");
        c.close();
    }

    @Test
    void version02WithATwoByteFrameServer() throws Exception {
        try (TestVentiServer v02 = new TestVentiServer(new VersionLine(List.of("02"), "test"));
             VentiClient c = v02.connect()) {
            assertThat(c.version()).isEqualTo(ProtocolVersion.V02);
            byte[] big = new byte[Message.MAX_BLOCK];
            new Random(2).nextBytes(big);
            Score s = c.write(BlockType.DATA, big);
            assertThat(c.read(s, BlockType.DATA, Integer.MAX_VALUE)).isEqualTo(big);
            assertThat(v02.received()).last().isInstanceOf(Tread.class)
                    .extracting(m -> ((Tread) m).count()).isEqualTo(65535L);
        }
    }

    @Test
    void connectFailuresNameTheServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        assertThatThrownBy(() -> VentiClient.connect(nobody, ClientOptions.DEFAULT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to venti server tcp!" + nobody.getHostString() + "!" + port + ": ");
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress quiet = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            assertThatThrownBy(() -> VentiClient.connect(quiet, ClientOptions.DEFAULT.withConnectTimeout(Duration.ofMillis(200))))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot connect to venti server tcp!" + quiet.getHostString() + "!" + silent.getLocalPort()
                            + ": no answer within PT0.2S");
        }
        assertThatThrownBy(() -> VentiClient.connect("udp!x!1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VentiClient.connect(DialAddress.parseListen("*:1"), ClientOptions.DEFAULT))
                .hasMessage("cannot dial tcp!*!1: '*' is for listening");
        assertThatThrownBy(() -> server.connect(ClientOptions.DEFAULT.withUid("a\0b")))
                .hasMessage("uid contains NUL, which the protocol forbids");
    }

    @Test
    void badArguments() throws Exception {
        try (VentiClient c = server.connect()) {
            assertThatThrownBy(() -> c.read(Score.ZERO, BlockType.DATA, -1)).hasMessage("negative read size -1");
            assertThatThrownBy(() -> c.write(BlockType.CORRUPT, new byte[1])).hasMessage("block type CORRUPT has no wire number");
            assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(server.received()).isEmpty();
        }
    }
}
