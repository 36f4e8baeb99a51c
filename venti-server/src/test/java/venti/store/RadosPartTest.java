package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import venti.store.rados.StripedObjects;
import venti.store.rados.TestCluster;

/** {@link RadosPart} on a Ceph cluster ({@link TestCluster}), against a byte array holding what it should. */
class RadosPartTest {

    private static final int SIZE = 3 * StripedObjects.OBJECT_SIZE + 12345;

    private String location;

    @BeforeEach
    void location() {
        location = TestCluster.location();
    }

    @Test
    void aNewPartitionReadsAsZerosAndKeepsWhatIsWrittenAcrossObjects() throws IOException {
        String name = location + "p";
        long boundary = StripedObjects.OBJECT_SIZE;
        byte[] b = new byte[3 * 8192];
        new Random(1).nextBytes(b);
        try (Part p = Part.create(name, SIZE)) {
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.size()).isEqualTo(SIZE);
            assertThat(p.read(boundary - 100, 200).array()).containsOnly(0);
            p.write(boundary - 8192, ByteBuffer.wrap(b));
            assertThat(p.read(boundary - 8192, b.length).array()).isEqualTo(b);
            p.write(SIZE - 10, ByteBuffer.wrap(b, 0, 10));
        }
        try (Part p = Part.open(name, true)) {
            assertThat(p.size()).isEqualTo(SIZE);
            assertThat(p.read(boundary - 8192, b.length).array()).isEqualTo(b);
            assertThat(p.read(boundary - 8193, 1).array()).containsOnly(0);
            assertThat(p.read(SIZE - 10, 10).array()).isEqualTo(Arrays.copyOf(b, 10));
            assertThatThrownBy(() -> p.write(0, ByteBuffer.allocate(1))).hasMessage("partition " + name + " is open for reading only");
        }
    }

    /** Appends as the arena log makes them, each overwriting the four-byte end mark of the one before, read back as they go. */
    @Test
    void gatheredAppendsReadBackAtOnceAndAfterReopening() throws IOException {
        String name = location + "log";
        byte[] model = new byte[SIZE];
        Random r = new Random(2);
        try (Part p = Part.create(name, SIZE)) {
            long at = StripedObjects.OBJECT_SIZE - 300_000;
            while (at < 2L * StripedObjects.OBJECT_SIZE + 200_000) {
                byte[] clump = new byte[40 + r.nextInt(9000)];
                r.nextBytes(clump);
                Arrays.fill(clump, clump.length - 4, clump.length, (byte) 0);
                p.write(at, ByteBuffer.wrap(clump));
                System.arraycopy(clump, 0, model, (int) at, clump.length);
                if (r.nextInt(50) == 0) {
                    int back = r.nextInt((int) Math.min(at, 100_000));
                    assertThat(p.read(at - back, back + clump.length).array())
                            .isEqualTo(Arrays.copyOfRange(model, (int) at - back, (int) at + clump.length));
                }
                if (r.nextInt(200) == 0) {
                    p.force();
                }
                at += clump.length - 4;
            }
        }
        try (Part p = Part.open(name, true)) {
            assertThat(p.read(0, SIZE).array()).isEqualTo(model);
        }
    }

    @Test
    void randomWritesAndConcurrentReadsAgreeWithTheModel() throws Exception {
        String name = location + "random";
        byte[] model = new byte[SIZE];
        Random r = new Random(3);
        try (Part p = Part.create(name, SIZE)) {
            for (int i = 0; i < 300; i++) {
                int n = r.nextInt(5) == 0 ? r.nextInt(3 << 20) : 1 + r.nextInt(20_000);
                int at = r.nextInt(SIZE - n);
                byte[] b = new byte[n];
                r.nextBytes(b);
                p.write(at, ByteBuffer.wrap(b));
                System.arraycopy(b, 0, model, at, n);
                if (r.nextInt(10) == 0) {
                    int m = r.nextInt(100_000);
                    int from = r.nextInt(SIZE - m);
                    assertThat(p.read(from, m).array()).isEqualTo(Arrays.copyOfRange(model, from, from + m));
                }
            }
            p.force();
            List<Callable<Void>> readers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                long seed = t;
                readers.add(() -> {
                    Random rr = new Random(seed);
                    for (int i = 0; i < 50; i++) {
                        int m = 1 + rr.nextInt(8192);
                        int from = rr.nextInt(SIZE - m);
                        ByteBuffer got = ByteBuffer.allocateDirect(m);
                        p.read(from, got);
                        byte[] bytes = new byte[m];
                        got.flip().get(bytes);
                        assertThat(bytes).isEqualTo(Arrays.copyOfRange(model, from, from + m));
                    }
                    return null;
                });
            }
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<Void> f : threads.invokeAll(readers)) {
                    f.get();
                }
            }
        }
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        String name = location + "e";
        try (Part p = Part.create(name, 1 << 20)) {
            assertThatThrownBy(() -> p.read((1 << 20) - 1, 2)).hasMessageContaining("out of bounds read offset 0xfffff count 2");
        }
        assertThatThrownBy(() -> Part.create(name, 1 << 20)).hasMessage("partition '" + name + "' exists");
        assertThatThrownBy(() -> Part.open(location + "missing", true))
                .hasMessage("can't open partition '" + location + "missing': no such partition (make it with venti mkpart "
                        + location + "missing SIZE)");
        assertThatThrownBy(() -> Part.open("rados:venti", true)).hasMessage("cannot parse name rados:venti: want rados:POOL/NAME");
        assertThatThrownBy(() -> Part.open("rados:nopool/x", true)).hasMessageStartingWith("no pool nopool in the Ceph cluster of");
    }
}
