package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.GoldenVectors;
import venti.core.Mutations;
import venti.core.Score;

/**
 * Coverage-guided fuzzing of a live server connection: the C clients' captured sessions,
 * damaged by edits the fuzzer chooses (huge lengths, half frames, bad versions), sent whole
 * or cut short, on a server over a {@link MemoryStore}. Whatever a connection gets, the
 * server answers or closes it within the timeout, and keeps serving every other client: a
 * proper client writes and reads a block after every input.
 */
class ConnectionFuzzTest {

    private static final List<byte[]> SESSIONS = GoldenVectors.readAll("wire", ".c2s.bin");
    private static final VentiServer SERVER = start();
    private static final byte[] BLOCK = "still serving".getBytes();
    private static final Score SCORE = venti.core.Sha1.hash(BLOCK);

    private static VentiServer start() {
        try {
            return VentiServer.start(venti.core.DialAddress.parseListen("127.0.0.1:0"), new MemoryStore(64L << 20),
                    ServerOptions.DEFAULT.withIdleTimeout(Duration.ofSeconds(2)).withDrainTimeout(Duration.ofSeconds(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void session(FuzzedDataProvider data) throws IOException {
        byte[] golden = SESSIONS.get(data.consumeInt(0, SESSIONS.size() - 1));
        boolean closeEarly = data.consumeBoolean();
        byte[] bytes = Mutations.mutate(golden, data);
        try (Socket s = new Socket(SERVER.address().getAddress(), SERVER.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(bytes);
                if (!closeEarly) {
                    s.shutdownOutput();
                    drain(s.getInputStream());
                }
            } catch (IOException closedByTheServer) {
                // the server may close a connection that broke the protocol while we write
            }
        }
        try (VentiClient c = VentiClient.connect(SERVER.dialAddress(), ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(10)))) {
            assertThat(c.write(BlockType.DATA, BLOCK)).isEqualTo(SCORE);
            assertThat(c.read(SCORE, BlockType.DATA, BLOCK.length)).isEqualTo(BLOCK);
        }
    }

    /** Reads until the server closes; a server that neither answers nor closes within the timeout is a finding. */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf) >= 0) {
                // the replies are not checked here; CaptureReplayTest checks the golden ones
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed the connection within 5 s", e);
        } catch (IOException reset) {
            // a reset is a close
        }
    }
}
