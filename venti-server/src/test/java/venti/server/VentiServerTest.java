package venti.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import venti.client.ClientOptions;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.BlockNotFoundException;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Rauth0;
import venti.wire.Rerror;
import venti.wire.Rping;
import venti.wire.Rread;
import venti.wire.Rsync;
import venti.wire.Rwrite;
import venti.wire.Tauth0;
import venti.wire.Tauth1;
import venti.wire.Tgoodbye;
import venti.wire.Thello;
import venti.wire.Tping;
import venti.wire.Tread;
import venti.wire.Tsync;
import venti.wire.Twrite;

/** The server end to end over loopback: our client, and raw frames in both protocol versions. */
class VentiServerTest {

    private final MemoryStore store = new MemoryStore();
    private VentiServer server;

    private VentiServer start(BlockStore s, ServerOptions options) throws IOException {
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), s, options);
        return server;
    }

    private VentiClient client() throws IOException {
        return VentiClient.connect(server.dialAddress(), ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientSessionCoversEveryRequest() throws IOException {
        start(store, ServerOptions.DEFAULT);
        try (VentiClient c = client()) {
            assertThat(c.version()).isEqualTo(ProtocolVersion.V04);
            assertThat(c.serverId()).isEqualTo("anonymous");
            c.ping();
            byte[] data = "hello venti\n".getBytes();
            Score s = c.write(BlockType.DATA, data);
            assertThat(s).isEqualTo(Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b"));
            assertThat(c.read(s, BlockType.DATA, 100)).isEqualTo(data);
            byte[] pointers = Sha1.hash(data).toByteArray();
            Score p = c.write(BlockType.DATA1, pointers);
            assertThat(c.read(p, BlockType.DIR1, 20)).as("pointer types share a disk type").isEqualTo(pointers);
            assertThatThrownBy(() -> c.read(s, BlockType.DIR, 100)).isInstanceOf(ServerErrorException.class)
                    .hasMessage("no block with score " + s + "/8 exists");
            assertThatThrownBy(() -> c.read(s, BlockType.DATA, 5)).isInstanceOf(ServerErrorException.class)
                    .hasMessage("read too small: asked for 5 need at least 12");
            c.sync();
            byte[] max = new byte[BlockStore.MAX_BLOCK];
            max[7] = 1;
            assertThat(c.read(c.write(BlockType.DATA, max), BlockType.DATA, BlockStore.MAX_BLOCK)).isEqualTo(max);
        }
        assertThat(store.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rawSessionInEitherVersion(ProtocolVersion v) throws IOException {
        start(store, ServerOptions.DEFAULT);
        byte[] data = "block".getBytes();
        Score s = Sha1.hash(data);
        try (RawClient c = RawClient.session(server.address(), v)) {
            c.send(new Tping(1));
            assertThat(c.read()).isEqualTo(new Rping(1));
            c.send(Twrite.of(2, BlockType.DIR, data));
            assertThat(c.read()).isEqualTo(new Rwrite(2, s));
            c.send(Tread.of(3, s, BlockType.DIR, 8192));
            assertThat(c.read()).isEqualTo(new Rread(3, data));
            c.send(new Tsync(4));
            assertThat(c.read()).isEqualTo(new Rsync(4));
            c.send(Twrite.of(5, BlockType.DATA, new byte[0]));
            assertThat(c.read()).as("an empty write is answered, not stored").isEqualTo(new Rwrite(5, Score.EMPTY));
            c.send(Tread.of(6, Score.ZERO, BlockType.DIR, 0));
            assertThat(c.read()).as("the all-zero score is the empty block").isEqualTo(new Rread(6, new byte[0]));
            c.send(Tread.of(7, Score.EMPTY, BlockType.DATA, 100));
            assertThat(c.read()).isEqualTo(new Rerror(7, "no block with score " + Score.EMPTY + "/0 exists"));
            c.send(Twrite.of(8, BlockType.DATA, new byte[BlockStore.MAX_BLOCK + 1]));
            assertThat(c.read()).isEqualTo(new Rerror(8, "lump too large"));
            for (Message m : List.of(new Tauth0(9, new byte[3]), new Tauth1(10, new byte[0]), new Rauth0(11, new byte[0]),
                    Thello.of(v, "again"), new Rsync(12))) {
                c.send(m);
                assertThat(c.read()).as("%s", m).isEqualTo(new Rerror(m.tag(), "unknown request"));
            }
            c.send(new Tgoodbye(13));
            assertThat(c.closedByServer(5000)).isTrue();
        }
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void over64KiBWriteIsLumpTooLargeInVersion04() throws IOException {
        start(store, ServerOptions.DEFAULT);
        try (RawClient c = RawClient.session(server.address(), ProtocolVersion.V04)) {
            c.send(Twrite.of(0, BlockType.DATA, new byte[70000]));
            assertThat(c.read()).isEqualTo(new Rerror(0, "lump too large"));
            c.send(Tread.of(1, Score.ZERO, BlockType.DATA, 70000));
            assertThat(c.read()).isEqualTo(new Rread(1, new byte[0]));
        }
    }

    @Test
    void readOnlyRefusesWritesAndServesReads() throws IOException {
        Score s = store.write(BlockType.DATA, new byte[] {1, 2, 3}, 0, 3);
        start(store, ServerOptions.DEFAULT.withReadOnly(true));
        try (VentiClient c = client()) {
            assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[] {4})).isInstanceOf(ServerErrorException.class)
                    .hasMessage("read only");
            assertThat(c.read(s, BlockType.DATA, 3)).containsExactly(1, 2, 3);
            c.sync();
        }
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void storeFailuresBecomeRerrorsAndTheSessionGoesOn() throws IOException {
        BlockStore failing = new BlockStore() {
            @Override
            public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
                throw new IOException("disk on fire at offset 42");
            }

            @Override
            public Score write(BlockType type, byte[] data, int off, int len) {
                throw new IllegalStateException("a bug");
            }

            @Override
            public void sync() {
                throw venti.core.BlockStoreException.noSpace();
            }
        };
        start(failing, ServerOptions.DEFAULT);
        try (VentiClient c = client()) {
            assertThatThrownBy(() -> c.read(Sha1.hash(new byte[1]), BlockType.DATA, 1))
                    .hasMessage("disk on fire at offset 42");
            assertThatThrownBy(() -> c.write(BlockType.DATA, new byte[1])).hasMessage("a bug");
            assertThatThrownBy(c::sync).hasMessage("no space left in arenas");
            c.ping();
        }
    }

    @Test
    void pipelinedWriteThenReadOfTheSameBlockFindsIt() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        BlockStore slowWrites = new BlockStore() {
            @Override
            public byte[] read(Score score, BlockType type, int maxSize) {
                return store.read(score, type, maxSize);
            }

            @Override
            public Score write(BlockType type, byte[] data, int off, int len) {
                await(release);
                return store.write(type, data, off, len);
            }

            @Override
            public void sync() {
                assertThat(store.size()).as("sync comes after the writes before it").isEqualTo(1);
            }
        };
        start(slowWrites, ServerOptions.DEFAULT);
        byte[] data = "late block".getBytes();
        Score s = Sha1.hash(data);
        try (RawClient c = RawClient.session(server.address(), ProtocolVersion.V04)) {
            c.send(Twrite.of(1, BlockType.DATA, data));
            c.send(Tread.of(2, s, BlockType.DATA, 100));
            c.send(new Tsync(3));
            c.send(new Tping(4));
            assertThat(c.read()).as("a ping overtakes the stalled write").isEqualTo(new Rping(4));
            release.countDown();
            List<Message> replies = List.of(c.read(), c.read(), c.read());
            assertThat(replies).containsExactlyInAnyOrder(new Rwrite(1, s), new Rread(2, data), new Rsync(3));
        }
    }

    @Test
    void aReadThatMissesWhileAnEarlierWriteFinishesLooksAgain() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        BlockStore writeFinishesDuringTheMiss = new BlockStore() {
            private boolean missed;

            @Override
            public synchronized byte[] read(Score score, BlockType type, int maxSize) {
                if (!missed) {
                    // the first look misses; the write finishes, reply and all, before it says so
                    missed = true;
                    release.countDown();
                    await(written);
                    sleepMillis(200);
                    throw new BlockNotFoundException(score, type);
                }
                return store.read(score, type, maxSize);
            }

            @Override
            public Score write(BlockType type, byte[] data, int off, int len) {
                await(release);
                Score s = store.write(type, data, off, len);
                written.countDown();
                return s;
            }

            @Override
            public void sync() {
            }
        };
        start(writeFinishesDuringTheMiss, ServerOptions.DEFAULT);
        byte[] data = "written while the read looked".getBytes();
        Score s = Sha1.hash(data);
        try (RawClient c = RawClient.session(server.address(), ProtocolVersion.V04)) {
            c.send(Twrite.of(1, BlockType.DATA, data));
            c.send(Tread.of(2, s, BlockType.DATA, 100));
            assertThat(List.of(c.read(), c.read())).containsExactlyInAnyOrder(new Rwrite(1, s), new Rread(2, data));
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void closeLetsRequestsInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockStore slow = new BlockStore() {
            @Override
            public byte[] read(Score score, BlockType type, int maxSize) {
                entered.countDown();
                await(release);
                return new byte[] {9};
            }

            @Override
            public Score write(BlockType type, byte[] data, int off, int len) {
                return store.write(type, data, off, len);
            }

            @Override
            public void sync() {
            }
        };
        start(slow, ServerOptions.DEFAULT);
        try (RawClient c = RawClient.session(server.address(), ProtocolVersion.V04)) {
            c.send(Tread.of(0, Sha1.hash(new byte[] {9}), BlockType.DATA, 10));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            Thread closer = Thread.startVirtualThread(server::close);
            Thread.sleep(100);
            assertThat(closer.isAlive()).as("close waits for the request in flight").isTrue();
            release.countDown();
            assertThat(c.read()).isEqualTo(new Rread(0, new byte[] {9}));
            closer.join(5000);
            assertThat(closer.isAlive()).isFalse();
            assertThat(c.closedByServer(5000)).isTrue();
        }
        assertThat(server.connections()).isZero();
        assertThatThrownBy(() -> new RawClient(server.address())).isInstanceOf(IOException.class);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
