package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import venti.core.GoldenVectors;
import venti.core.Mutations;

/**
 * Coverage-guided fuzzing of what a server reads before any store is involved: the version
 * line and the frames after it, in both framings. The only failure allowed is a
 * {@link ProtocolException}; a decoder never throws anything else, never loops, and never
 * allocates past its frame limit. Seeded with the 36 captured C sessions (both directions),
 * which CI runs as its regression inputs; {@code JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class WireFuzzTest {

    /** Every captured session, client and server side. */
    private static final List<byte[]> SESSIONS = GoldenVectors.readAll("wire", ".bin");

    /** Reads a session as a server does: the version line, then frames of the version it settles on. */
    static int readSession(byte[] bytes, int maxFrame) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int messages = 0;
        try {
            VersionLine line = VersionLine.decode(b);
            if (line == null) {
                return 0;
            }
            ProtocolVersion v = line.negotiate().orElse(ProtocolVersion.V04);
            FrameDecoder d = new FrameDecoder(v, maxFrame);
            for (int before = b.position(); d.decode(b) != null; before = b.position()) {
                assertThat(b.position()).as("a decoded frame consumes bytes").isGreaterThan(before);
                messages++;
            }
        } catch (ProtocolException expected) {
            // the one way bad input may fail
        }
        return messages;
    }

    /** A golden session with edits the fuzzer chooses. */
    @FuzzTest(maxDuration = "4m")
    void mutatedSessions(FuzzedDataProvider data) {
        byte[] golden = SESSIONS.get(data.consumeInt(0, SESSIONS.size() - 1));
        readSession(Mutations.mutate(golden, data), data.consumeInt(2, 1 << 18));
    }

    /** Raw bytes, with every frame prefix, huge lengths included, and both framings. */
    @FuzzTest(maxDuration = "4m")
    void rawBytes(byte[] input) {
        readSession(input, 1 << 18);
        ByteBuffer b = ByteBuffer.wrap(input);
        for (ProtocolVersion v : ProtocolVersion.values()) {
            try {
                FrameDecoder d = new FrameDecoder(v);
                while (d.decode(b) != null) {
                    // keep decoding
                }
            } catch (ProtocolException expected) {
                // the one way bad input may fail
            }
            b.rewind();
        }
    }
}
