package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import venti.core.BlockStore;
import venti.core.DialAddress;
import venti.core.Score;
import venti.wire.Captures;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rping;
import venti.wire.Rread;
import venti.wire.Tgoodbye;
import venti.wire.Tping;
import venti.wire.Tread;
import venti.wire.Twrite;
import venti.wire.VersionLine;

/**
 * Each wire capture's client side sent to our server, and our replies compared with the C
 * server's, frame by frame and byte for byte; once with the in-memory store that answers in
 * the C server's words, once with the storage engine ({@link CaptureReplayTest},
 * {@link CaptureReplayOnStoreTest}).
 *
 * <p>The store is seeded with every block the captures write, since the captured sessions
 * ran one after another against one C server and later ones read what earlier ones wrote.
 * Sessions whose requests all carry different tags (16 and 18) are sent in one burst, as 18
 * was, and their replies matched by tag, because our server answers concurrently; the
 * others wait for each reply, as libventi does. The one intended difference, Tping answered
 * with Rping where the C server sends {@code Rerror "unknown request"}, is asserted as such.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaptureReplay {

    private BlockStore store;
    private VentiServer server;

    /** The store behind the server, empty. */
    abstract BlockStore openStore() throws IOException;

    /** True when the store reads SHA-1("") as the empty block, where the C server says it has no such block. */
    abstract boolean readsTheEmptyScore();

    @BeforeAll
    void start() throws IOException {
        store = openStore();
        for (String scenario : Captures.SCENARIOS) {
            if (Captures.version(scenario) == null) {
                continue;
            }
            for (Message m : Captures.session(scenario, true).messages()) {
                if (m instanceof Twrite w && w.data().length > 0 && w.data().length <= BlockStore.MAX_BLOCK) {
                    store.write(w.blockType(), w.data(), 0, w.data().length);
                }
            }
        }
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    static Stream<String> scenarios() {
        return Captures.SCENARIOS.stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void answersAsTheCServer(String scenario) throws IOException {
        byte[] c2s = Captures.c2s(scenario);
        byte[] s2c = Captures.s2c(scenario);
        int lineEnd = indexOf(c2s, (byte) '\n') + 1;
        try (RawClient c = new RawClient(server.address())) {
            c.send(Arrays.copyOf(c2s, lineEnd));
            byte[] line = c.readLine();
            assertThat(line).isEqualTo(Arrays.copyOf(s2c, line.length)).isEqualTo(VersionLine.LIBVENTI.encode());
            ProtocolVersion version = Captures.version(scenario);
            if (version == null) {
                assertThat(line.length).as("the C server sent only its line").isEqualTo(s2c.length);
                assertThat(c.closedByServer(5000)).as("closed after the version line").isTrue();
                return;
            }
            c.version(version);
            Captures.Session requests = Captures.session(scenario, true);
            Captures.Session replies = Captures.session(scenario, false);
            c.send(requests.frames().get(0));
            assertThat(c.readFrame()).as("Rhello").isEqualTo(replies.frames().get(0));

            List<Message> sent = requests.messages().subList(1, requests.messages().size());
            List<byte[]> sentFrames = requests.frames().subList(1, requests.frames().size());
            List<byte[]> expected = replies.frames().subList(1, replies.frames().size());
            boolean distinctTags = sent.stream().map(Message::tag).distinct().count() == sent.size();
            if (distinctTags) {
                sentFrames.forEach(f -> sendQuietly(c, f));
                Map<Integer, byte[]> byTag = new HashMap<>();
                for (byte[] f : expected) {
                    byTag.put(tagOf(f, version), f);
                }
                for (int i = 0; i < expected.size(); i++) {
                    byte[] got = c.readFrame();
                    int tag = tagOf(got, version);
                    check(sentWithTag(sent, tag), got, byTag.remove(tag), version);
                }
                assertThat(byTag).as("replies not received").isEmpty();
            } else {
                int next = 0;
                for (int i = 0; i < sent.size(); i++) {
                    c.send(sentFrames.get(i));
                    if (!(sent.get(i) instanceof Tgoodbye)) {
                        check(sent.get(i), c.readFrame(), expected.get(next++), version);
                    }
                }
                assertThat(next).as("replies compared").isEqualTo(expected.size());
            }
            if (sent.isEmpty() || !(sent.getLast() instanceof Tgoodbye)) {
                c.socket().shutdownOutput();
            }
            assertThat(c.closedByServer(5000)).as("the server closes the connection at the end").isTrue();
        }
    }

    /**
     * Our reply to {@code request} against the C server's. Tping is a known difference; so,
     * for our store, is a read of SHA-1(""), which gets the empty block where the C server
     * says there is none.
     */
    private void check(Message request, byte[] got, byte[] theirs, ProtocolVersion version) {
        if (request instanceof Tping ping) {
            assertThat(decode(theirs, version)).isEqualTo(new Rerror(ping.tag(), "unknown request"));
            assertThat(decode(got, version)).as("Tping gets Rping, as venti(7) says").isEqualTo(new Rping(ping.tag()));
            return;
        }
        if (request instanceof Tread read && read.score().equals(Score.EMPTY) && readsTheEmptyScore()) {
            assertThat(decode(theirs, version)).isEqualTo(new Rerror(read.tag(),
                    "no block with score " + Score.EMPTY + "/" + read.blockType().value() + " exists"));
            assertThat(decode(got, version)).as("the empty block's score reads as the empty block")
                    .isEqualTo(new Rread(read.tag(), new byte[0]));
            return;
        }
        assertThat(got).as("reply to %s: ours %s, the C server's %s", request, decode(got, version),
                decode(theirs, version)).isEqualTo(theirs);
    }

    private static Message sentWithTag(List<Message> sent, int tag) {
        return sent.stream().filter(m -> m.tag() == tag).findFirst().orElseThrow();
    }

    private static Message decode(byte[] frame, ProtocolVersion version) {
        return Message.unpack(java.nio.ByteBuffer.wrap(frame, version.lengthSize(), frame.length - version.lengthSize()));
    }

    private static int tagOf(byte[] frame, ProtocolVersion version) {
        return frame[version.lengthSize() + 1] & 0xff;
    }

    private static void sendQuietly(RawClient c, byte[] frame) {
        try {
            c.send(frame);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw new AssertionError("no newline");
    }

    static {
        assertThat(new HashSet<>(Captures.SCENARIOS)).hasSize(18);
    }
}
