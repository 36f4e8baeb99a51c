package venti.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.wire.Frame;
import venti.wire.FrameReader;
import venti.wire.FrameWriter;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Rread;
import venti.wire.Rwrite;
import venti.wire.Tread;
import venti.wire.Twrite;

/**
 * Encoding and decoding protocol 04 frames (decoding with {@link FrameReader}, as connections
 * read them): 8 KiB Twrite and Rread, and the small Tread and Rwrite, against a plain copy of the same bytes ({@code baseline*}: a {@code ByteBuffer.put}
 * for encoding, an allocation and {@code get} for decoding, which is what decoding a block
 * must at least do). {@code streamRread56k} writes the largest reply through
 * {@link FrameWriter}, which hands the block to the stream without copying it.
 *
 * <p>Run: {@code java -jar venti-bench/target/benchmarks.jar Frame -f 1 -wi 3 -i 5 -w 1 -r 2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameBenchmark {

    private static final ProtocolVersion V04 = ProtocolVersion.V04;

    private Twrite twrite8k;
    private Rread rread8k;
    private Tread tread;
    private Rwrite rwrite;
    private Rread rread56k;
    private ByteBuffer twriteFrame;
    private ByteBuffer rreadFrame;
    private ByteBuffer treadFrame;
    private ByteBuffer rwriteFrame;
    private byte[] twriteBytes;
    private byte[] treadBytes;
    private final ByteBuffer out = ByteBuffer.allocate(Message.MAX_BLOCK + 64);
    private final FrameWriter stream = new FrameWriter(OutputStream.nullOutputStream(), V04);

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        byte[] block = new byte[8192];
        rnd.nextBytes(block);
        byte[] big = new byte[Message.MAX_BLOCK];
        rnd.nextBytes(big);
        Score score = Sha1.hash(block);
        twrite8k = Twrite.of(3, BlockType.DATA, block);
        rread8k = new Rread(3, block);
        tread = Tread.of(3, score, BlockType.DATA, Message.MAX_BLOCK);
        rwrite = new Rwrite(3, score);
        rread56k = new Rread(3, big);
        twriteFrame = Frame.encode(twrite8k, V04);
        rreadFrame = Frame.encode(rread8k, V04);
        treadFrame = Frame.encode(tread, V04);
        rwriteFrame = Frame.encode(rwrite, V04);
        twriteBytes = twriteFrame.array();
        treadBytes = treadFrame.array();
    }

    private int encode(Message m) {
        out.clear();
        Frame.encode(m, V04, out);
        return out.position();
    }

    /** Reads the frame as a connection does, with the one reader clients and the server use. */
    private static Message decode(ByteBuffer frame) {
        try {
            return new FrameReader(new ByteArrayInputStream(frame.array(), 0, frame.limit()), V04).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public int encodeTwrite8k() {
        return encode(twrite8k);
    }

    @Benchmark
    public int encodeRread8k() {
        return encode(rread8k);
    }

    @Benchmark
    public int encodeTread() {
        return encode(tread);
    }

    @Benchmark
    public int encodeRwrite() {
        return encode(rwrite);
    }

    @Benchmark
    public int baselinePut8k() {
        out.clear();
        out.put(twriteBytes);
        return out.position();
    }

    @Benchmark
    public int baselinePutSmall() {
        out.clear();
        out.put(treadBytes);
        return out.position();
    }

    @Benchmark
    public Message decodeTwrite8k() {
        return decode(twriteFrame);
    }

    @Benchmark
    public Message decodeRread8k() {
        return decode(rreadFrame);
    }

    @Benchmark
    public Message decodeTread() {
        return decode(treadFrame);
    }

    @Benchmark
    public Message decodeRwrite() {
        return decode(rwriteFrame);
    }

    @Benchmark
    public byte[] baselineGet8k() {
        twriteFrame.rewind();
        byte[] b = new byte[twriteFrame.remaining()];
        twriteFrame.get(b);
        return b;
    }

    @Benchmark
    public void streamRread56k() throws IOException {
        stream.write(rread56k);
    }
}
