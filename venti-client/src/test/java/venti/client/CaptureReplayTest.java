package venti.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static venti.wire.Captures.random;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Score;
import venti.wire.Captures;
import venti.wire.Frame;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Tgoodbye;
import venti.wire.Thello;
import venti.wire.VersionLine;

/**
 * Our client against the C server's side of the wire captures: it gets the answers the
 * captures record, and sends the bytes libventi sent.
 */
class CaptureReplayTest {

    private static final Score HELLO = Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");
    private static final Score MISSING = Score.parse("46d94145356ab497466f4c928e00286d71d16f43");
    private static final Score MAX = Score.parse("8b036ee0d3df665049d6dd47522a2aec96f94850");
    private static final Score ROOT = Score.parse("b80e19e350f03aed9284f8549c7e1659bd457101");
    private static final Score PTR = Score.parse("192ccdfce5c2f359a777c650733d3265cc9f88eb");
    private static final byte[] GOODBYE04 = Frame.encode(new Tgoodbye(0), ProtocolVersion.V04).array();

    private interface Session {
        void run(VentiClient c) throws IOException;
    }

    /** Runs a session against a replay of the scenario and returns the bytes our client sent. */
    private static byte[] replay(String scenario, Session session) throws Exception {
        try (ReplayServer server = new ReplayServer(scenario)) {
            try (VentiClient c = VentiClient.connect(server.address(), ClientOptions.DEFAULT)) {
                session.run(c);
            }
            assertThat(server.problems()).isEmpty();
            return server.received();
        }
    }

    /** The capture's client bytes with the frames {@code drop} names left out, then our Tgoodbye. */
    private static byte[] capturedPlusGoodbye(String scenario, IntPredicate drop) {
        Captures.Session s = Captures.session(scenario, true);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(s.line().encode());
        for (int i = 0; i < s.frames().size(); i++) {
            if (!drop.test(i)) {
                b.writeBytes(s.frames().get(i));
            }
        }
        b.writeBytes(GOODBYE04);
        return b.toByteArray();
    }

    private static byte[] capturedPlusGoodbye(String scenario) {
        return capturedPlusGoodbye(scenario, i -> false);
    }

    @Test
    void connectAndCloseIsVersionHelloGoodbye() throws Exception {
        byte[] sent = replay("01-version-hello", c -> {
            assertThat(c.version()).isEqualTo(ProtocolVersion.V04);
            assertThat(c.serverId()).isEqualTo("anonymous");
        });
        assertThat(sent).startsWith(Captures.c2s("01-version-hello"));
        assertThat(sent).isEqualTo(Captures.c2s("15-goodbye"));
    }

    @Test
    void pingGetsUnknownRequest() throws Exception {
        byte[] sent = replay("02-ping", c -> assertThatThrownBy(c::ping)
                .isInstanceOf(ServerErrorException.class).hasMessage("unknown request"));
        assertThat(sent).isEqualTo(capturedPlusGoodbye("02-ping"));
    }

    @Test
    void writeData() throws Exception {
        byte[] sent = replay("03-write-data-ref",
                c -> assertThat(c.write(BlockType.DATA, Captures.hello())).isEqualTo(HELLO));
        assertThat(sent).isEqualTo(capturedPlusGoodbye("03-write-data-ref"));
    }

    @Test
    void emptyWriteNeverReachesTheServer() throws Exception {
        byte[] sent = replay("04-write-empty-ref", c -> {
            assertThat(c.write(BlockType.DATA, new byte[0])).isEqualTo(Score.EMPTY);
            assertThat(c.writeAsync(BlockType.DIR, new byte[5], 2, 0).join()).isEqualTo(Score.EMPTY);
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("04-write-empty-ref"));
    }

    @Test
    void everyBlockTypeWrites() throws Exception {
        byte[] text = Captures.text8192();
        byte[] sent = replay("05-write-types", c -> {
            assertThat(c.write(BlockType.DATA, new byte[0])).isEqualTo(Score.EMPTY);
            assertThat(c.write(BlockType.DATA, new byte[] {'A'}))
                    .isEqualTo(Score.parse("6dcd4ce23d88e2ee9568ba546c007c63d9131c1b"));
            assertThat(c.write(BlockType.DIR, Captures.dir80()))
                    .isEqualTo(Score.parse("de25ce79b8cf13016c12d081f399f9b427af4cbb"));
            assertThat(c.write(BlockType.ROOT, Captures.root300())).isEqualTo(ROOT);
            assertThat(c.write(BlockType.DATA1, Captures.ptr60())).isEqualTo(PTR);
            assertThat(c.write(BlockType.DIR1, Captures.dirptr40()))
                    .isEqualTo(Score.parse("5843ff87eb6b47bc9db5e19a2e7e7e5d6d8a7c4a"));
            assertThat(c.write(BlockType.DATA3, Captures.ptr60())).isEqualTo(PTR);
            byte[] padded = new byte[text.length + 10];
            System.arraycopy(text, 0, padded, 7, text.length);
            assertThat(c.write(BlockType.DATA, padded, 7, text.length))
                    .isEqualTo(Score.parse("0ade983dda07f37c034c9af4f5a3b8107440ce97"));
            assertThat(c.write(BlockType.DATA, new byte[8192]))
                    .isEqualTo(Score.parse("0631457264ff7f8d5fb1edc2c0211992a67c73e6"));
            assertThat(c.write(BlockType.DATA, random("max", 57344))).isEqualTo(MAX);
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("05-write-types", i -> i == 1));
    }

    @Test
    void largestBlockWritesAndLargerOnesAreRefusedBeforeSending() throws Exception {
        byte[] sent = replay("06-write-max-ref", c -> {
            assertThatThrownBy(() -> c.write(BlockType.DATA, random("over", 57345)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("block of 57345 bytes is larger than the 57344-byte maximum");
            assertThat(c.write(BlockType.DATA, random("max", 57344))).isEqualTo(MAX);
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("06-write-max-ref"));
    }

    @Test
    void readData() throws Exception {
        byte[] sent = replay("09-read-ref",
                c -> assertThat(c.read(HELLO, BlockType.DATA, 65535)).isEqualTo(Captures.hello()));
        assertThat(sent).isEqualTo(capturedPlusGoodbye("09-read-ref"));
    }

    @Test
    void readMissingCarriesTheServersTextVerbatim() throws Exception {
        byte[] sent = replay("10-read-missing-ref", c -> {
            ServerErrorException e = catchThrowableOfType(
                    ServerErrorException.class, () -> c.read(MISSING, BlockType.DATA, 65535));
            assertThat(e).hasMessage("no block with score 46d94145356ab497466f4c928e00286d71d16f43/0 exists");
            assertThat(e.server()).isEqualTo(c.server());
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("10-read-missing-ref"));
    }

    @Test
    void readEveryTypeLikeVentiRead() throws Exception {
        byte[] sent = replay("11-read-missing-alltypes-ref", c -> {
            for (int t = 0; t <= 16; t++) {
                BlockType type = BlockType.of(t);
                assertThatThrownBy(() -> c.read(MISSING, type, 65535)).isInstanceOf(ServerErrorException.class)
                        .hasMessage("no block with score " + MISSING + "/" + BlockType.fromDisk(type.diskType()).value()
                                + " exists");
            }
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("11-read-missing-alltypes-ref"));
    }

    @Test
    void readErrorsAndShortcuts() throws Exception {
        byte[] sent = replay("12-read-errors", c -> {
            assertThatThrownBy(() -> c.read(HELLO, BlockType.DATA, 5)).isInstanceOf(ServerErrorException.class)
                    .hasMessage("read too small: asked for 5 need at least 12");
            assertThatThrownBy(() -> c.read(HELLO, BlockType.DIR, 100)).isInstanceOf(ServerErrorException.class)
                    .hasMessage("no block with score " + HELLO + "/8 exists");
            assertThat(c.read(ROOT, BlockType.ROOT, 300)).isEqualTo(Captures.root300());
            assertThat(c.read(PTR, BlockType.DIR1, 60)).isEqualTo(Captures.ptr60());
            assertThat(c.read(MAX, BlockType.DATA, 70000)).isEqualTo(random("max", 57344));
            assertThat(c.read(Score.EMPTY, BlockType.DATA, 0)).isEmpty();
            assertThatThrownBy(() -> c.read(Score.ZERO, BlockType.DATA, 100)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(ServerErrorException.class)
                    .hasMessage("venti server " + c.server() + " returned a block whose score is " + Score.EMPTY
                            + " when asked for " + Score.ZERO);
        });
        assertThat(sent).isEqualTo(capturedPlusGoodbye("12-read-errors", i -> i == 6));
    }

    @Test
    void readLargestBlock() throws Exception {
        byte[] sent = replay("13-read-max-ref",
                c -> assertThat(c.readAsync(MAX, BlockType.DATA, 65535).join()).isEqualTo(random("max", 57344)));
        assertThat(sent).isEqualTo(capturedPlusGoodbye("13-read-max-ref"));
    }

    @Test
    void sync() throws Exception {
        byte[] sent = replay("14-sync-ref", VentiClient::sync);
        assertThat(sent).isEqualTo(capturedPlusGoodbye("14-sync-ref"));
    }

    @Test
    void version02Session() throws Exception {
        try (ReplayServer server = new ReplayServer("16-v02-session-pyclient", new VersionLine(List.of("02"), "libventi"), 0)) {
            try (VentiClient c = VentiClient.connect(server.address(), ClientOptions.DEFAULT)) {
                assertThat(c.version()).isEqualTo(ProtocolVersion.V02);
                assertThatThrownBy(c::ping).hasMessage("unknown request");
                assertThat(c.write(BlockType.DATA, Captures.hello())).isEqualTo(HELLO);
                assertThat(c.read(HELLO, BlockType.DATA, 8192)).isEqualTo(Captures.hello());
                c.sync();
            }
            assertThat(server.problems()).isEmpty();
            Captures.Session ours = Captures.split(server.received(), ProtocolVersion.V02);
            assertThat(ours.line()).isEqualTo(VersionLine.LIBVENTI);
            List<Message> theirs = Captures.session("16-v02-session-pyclient", true).messages();
            assertThat(ours.messages()).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.size(); i++) {
                assertThat(ours.frames().get(i)).as("frame %d, tags aside", i)
                        .isEqualTo(withTag(Captures.session("16-v02-session-pyclient", true).frames().get(i), 2, 0));
            }
        }
    }

    @Test
    void pipelinedRequestsUseTheLowestFreeTags() throws Exception {
        String scenario = "18-v04-pipelined-pyclient";
        try (ReplayServer server = new ReplayServer(scenario, VersionLine.LIBVENTI, 3)) {
            try (VentiClient c = VentiClient.connect(server.address(), ClientOptions.DEFAULT.withUid("pyuser"))) {
                CompletableFuture<byte[]> small = c.readAsync(HELLO, BlockType.DATA, 100);
                CompletableFuture<byte[]> large = c.readAsync(HELLO, BlockType.DATA, 100000);
                CompletableFuture<Void> synced = c.syncAsync();
                assertThat(small.join()).isEqualTo(Captures.hello());
                assertThat(large.join()).isEqualTo(Captures.hello());
                synced.join();
            }
            assertThat(server.problems()).isEmpty();
            List<byte[]> captured = Captures.session(scenario, true).frames();
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.writeBytes(VersionLine.LIBVENTI.encode());
            want.writeBytes(captured.get(0));
            for (int i = 1; i < captured.size(); i++) {
                want.writeBytes(withTag(captured.get(i), 4, i - 1));
            }
            want.writeBytes(GOODBYE04);
            assertThat(server.received()).isEqualTo(want.toByteArray());
            assertThat(Captures.split(server.received(), ProtocolVersion.V04).messages().get(0))
                    .isInstanceOf(Thello.class);
        }
    }

    @Test
    void noCommonVersion() throws Exception {
        try (ReplayServer server = new ReplayServer("17-bad-version-pyclient", new VersionLine(List.of("05"), "x"), 0)) {
            assertThatThrownBy(() -> VentiClient.connect(server.address(), ClientOptions.DEFAULT))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot connect to venti server tcp!" + server.address().getHostString() + "!"
                            + server.address().getPort() + ": no common protocol version: the server offers 05,"
                            + " we speak 04:02");
            assertThat(server.received()).isEqualTo(VersionLine.LIBVENTI.encode());
        }
    }

    private static byte[] withTag(byte[] frame, int prefix, int tag) {
        byte[] copy = frame.clone();
        copy[prefix + 1] = (byte) tag;
        return copy;
    }
}
