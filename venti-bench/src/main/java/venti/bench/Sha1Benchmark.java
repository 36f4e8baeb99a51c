package venti.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import venti.core.Score;
import venti.core.Sha1;

/**
 * SHA-1 of 8 KiB blocks, the hash every write and read pays, through {@link Sha1}'s pooled
 * digests; beside it in the same run, a fresh {@code MessageDigest} per block (what the
 * pool saves) and a plain {@code System.arraycopy} of the same bytes (the memory-bandwidth
 * ceiling).
 *
 * <p>Each invocation counts as {@value #BLOCK} operations of one byte, so the score reads
 * directly as bytes per microsecond, that is MB/s (10<sup>6</sup> bytes per second):
 * <pre>
 * java -jar venti-bench/target/benchmarks.jar Sha1 -f 1 -wi 3 -i 5 -w 1 -r 2
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Sha1Benchmark {

    /** The block size most clients write. */
    static final int BLOCK = 8192;

    private final byte[] block = new byte[BLOCK];
    private final byte[] copy = new byte[BLOCK];

    @Setup
    public void fill() {
        new Random(8192).nextBytes(block);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public Score pooledDigest() {
        return Sha1.hash(block, 0, BLOCK);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] freshDigest() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        md.update(block, 0, BLOCK);
        return md.digest();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public byte[] arraycopy() {
        System.arraycopy(block, 0, copy, 0, BLOCK);
        return copy;
    }
}
