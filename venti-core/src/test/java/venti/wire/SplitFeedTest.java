package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The captures decode the same however the bytes are cut into pieces. */
class SplitFeedTest {

    /** Files up to this size are split in two at every byte; larger ones are fed in random pieces. */
    private static final int EXHAUSTIVE = 4096;

    static Stream<Arguments> directions() {
        return Captures.SCENARIOS.stream().flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    private static byte[] bytes(String scenario, boolean fromClient) {
        return fromClient ? Captures.c2s(scenario) : Captures.s2c(scenario);
    }

    private static ProtocolVersion version(String scenario) {
        ProtocolVersion v = Captures.version(scenario);
        return v == null ? ProtocolVersion.V04 : v;
    }

    private static void assertComplete(SessionFeeder f, String scenario, boolean fromClient, String how) {
        assertThat(f.messages()).as("%s %s", scenario, how)
                .containsExactlyElementsOf(CapturesTest.expected(scenario, fromClient));
        assertThat(f.pending()).as("%s %s: bytes left", scenario, how).isEmpty();
        assertThat(f.line()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("directions")
    void oneByteAtATime(String scenario, boolean fromClient) {
        byte[] b = bytes(scenario, fromClient);
        SessionFeeder f = new SessionFeeder(version(scenario));
        for (int i = 0; i < b.length; i++) {
            f.feed(b, i, 1);
        }
        assertComplete(f, scenario, fromClient, "byte at a time");
    }

    @ParameterizedTest
    @MethodSource("directions")
    void splitInTwoAtEveryByte(String scenario, boolean fromClient) {
        byte[] b = bytes(scenario, fromClient);
        if (b.length > EXHAUSTIVE) {
            return;
        }
        for (int cut = 0; cut <= b.length; cut++) {
            SessionFeeder f = new SessionFeeder(version(scenario));
            f.feed(b, 0, cut);
            f.feed(b, cut, b.length - cut);
            assertComplete(f, scenario, fromClient, "cut at " + cut);
        }
    }

    @ParameterizedTest
    @MethodSource("directions")
    void randomPieces(String scenario, boolean fromClient) {
        byte[] b = bytes(scenario, fromClient);
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            SessionFeeder f = new SessionFeeder(version(scenario));
            int maxPiece = 1 + rnd.nextInt(round < 10 ? 64 : 20_000);
            for (int off = 0; off < b.length; ) {
                int n = Math.min(b.length - off, 1 + rnd.nextInt(maxPiece));
                f.feed(b, off, n);
                off += n;
            }
            assertComplete(f, scenario, fromClient, "seed " + seed + " round " + round);
        }
    }

    @ParameterizedTest
    @MethodSource("directions")
    void streamReaderWithShortReads(String scenario, boolean fromClient) throws IOException {
        long seed = new Random().nextLong();
        InputStream in = new Trickle(bytes(scenario, fromClient), new Random(seed));
        VersionLine.read(in);
        FrameReader reader = new FrameReader(in, version(scenario));
        List<Message> read = new ArrayList<>();
        for (Message m; (m = reader.read()) != null; ) {
            read.add(m);
        }
        assertThat(read).as("%s seed %d", scenario, seed).containsExactlyElementsOf(CapturesTest.expected(scenario, fromClient));
    }

    /** A stream whose reads return a few bytes at a time, as a socket may. */
    private static final class Trickle extends ByteArrayInputStream {
        private final Random rnd;

        Trickle(byte[] b, Random rnd) {
            super(b);
            this.rnd = rnd;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + rnd.nextInt(7)));
        }
    }
}
