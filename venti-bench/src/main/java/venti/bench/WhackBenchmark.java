package venti.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import venti.whack.Unwhack;
import venti.whack.Whack;

/**
 * Whack and unwhack throughput against the JDK's deflate (level 1) and inflate on the same
 * blocks: English-like text and random bytes, at 8 KiB and at 56 KiB (the largest block).
 *
 * <p>Each benchmark also reports a {@code mb} counter: raw megabytes (10<sup>6</sup> bytes)
 * per second, the figure to compare. Unwhack runs on text only: whack declines random data,
 * which venti then stores raw, so no random block is ever unwhacked.
 *
 * <pre>
 * ./mvnw -q -B -pl venti-bench -am package -DskipTests
 * $(scripts/find-jdk.sh)/bin/java -jar venti-bench/target/benchmarks.jar Whack -f 1 -wi 3 -i 5 -w 1 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WhackBenchmark {

    /** A block of either kind, one per benchmark thread. */
    @State(Scope.Thread)
    public static class Block {
        @Param({"text", "random"})
        public String kind;

        @Param({"8192", "57344"})
        public int size;

        Codecs c;

        @Setup
        public void setUp() {
            c = new Codecs(switch (kind) {
                case "text" -> TextCorpus.english(size, 1);
                case "random" -> random(size);
                default -> throw new IllegalArgumentException("unknown input kind " + kind);
            });
        }

        @TearDown
        public void tearDown() {
            c.end();
        }

        private static byte[] random(int size) {
            byte[] b = new byte[size];
            new Random(1).nextBytes(b);
            return b;
        }
    }

    /** A text block, for unwhack, which has nothing to decode for random data. */
    @State(Scope.Thread)
    public static class TextBlock {
        @Param({"8192", "57344"})
        public int size;

        Codecs c;

        @Setup
        public void setUp() {
            c = new Codecs(TextCorpus.english(size, 1));
        }

        @TearDown
        public void tearDown() {
            c.end();
        }
    }

    /** One raw block, its compressed forms, the buffers and the reusable codecs. */
    static final class Codecs {
        final byte[] raw;
        final byte[] packed;
        final int packedLen;
        final byte[] deflated;
        final int deflatedLen;
        final byte[] out;
        final Whack whack = new Whack();
        final Deflater deflater = new Deflater(1);
        final Inflater inflater = new Inflater();

        Codecs(byte[] raw) {
            this.raw = raw;
            packed = new byte[raw.length];
            packedLen = whack.compress(raw, 0, raw.length, packed, 0);
            deflated = new byte[raw.length + raw.length / 8 + 64];
            deflatedLen = deflate();
            out = new byte[raw.length];
        }

        int deflate() {
            deflater.reset();
            deflater.setInput(raw);
            deflater.finish();
            return deflater.deflate(deflated);
        }

        void end() {
            deflater.end();
            inflater.end();
        }
    }

    /** Raw megabytes processed, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Megabytes {
        public double mb;
    }

    @Benchmark
    public int whack(Block b, Megabytes m) {
        Codecs c = b.c;
        m.mb += c.raw.length / 1e6;
        return c.whack.compress(c.raw, 0, c.raw.length, c.packed, 0);
    }

    @Benchmark
    public int deflate(Block b, Megabytes m) {
        m.mb += b.c.raw.length / 1e6;
        return b.c.deflate();
    }

    @Benchmark
    public byte[] unwhack(TextBlock b, Megabytes m) {
        Codecs c = b.c;
        m.mb += c.raw.length / 1e6;
        Unwhack.decompress(c.packed, 0, c.packedLen, c.out, 0, c.raw.length);
        return c.out;
    }

    @Benchmark
    public int inflate(Block b, Megabytes m) throws DataFormatException {
        Codecs c = b.c;
        m.mb += c.raw.length / 1e6;
        c.inflater.reset();
        c.inflater.setInput(c.deflated, 0, c.deflatedLen);
        return c.inflater.inflate(c.out);
    }
}
