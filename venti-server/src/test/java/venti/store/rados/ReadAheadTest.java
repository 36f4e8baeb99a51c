package venti.store.rados;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Which reads {@link ReadAhead} turns into windows, what a write makes it forget, and that readers share a window. */
class ReadAheadTest {

    private static final long SIZE = 64L << 20;

    /** A partition whose byte at {@code i} is {@code i % 251 + generation}, recording each read it serves as {@code {offset, length}}. */
    private static final class Source implements ReadAhead.Source {
        final List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
        volatile int generation;
        volatile CountDownLatch gate;

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            reads.add(new long[] {offset, dst.remaining()});
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            for (long i = offset; dst.hasRemaining(); i++) {
                dst.put((byte) (i % 251 + generation));
            }
        }

        byte at(long i) {
            return (byte) (i % 251 + generation);
        }
    }

    private final Source source = new Source();
    private final ReadAhead r = new ReadAhead(SIZE, source);

    private byte[] read(long offset, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        r.read(offset, b);
        assertThat(b.hasRemaining()).isFalse();
        return b.array();
    }

    private void awaitReads(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (source.reads.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private long[] lastRead() {
        return source.reads.getLast();
    }

    @Test
    void aScanForwardReadsAWindowFromWhereItIs() throws Exception {
        read(1000, 4);
        assertThat(lastRead()).as("a first read is read as asked").containsExactly(1000, 4);
        byte[] b = read(1000, 512);
        assertThat(lastRead()).containsExactly(1000, ReadAhead.WINDOW);
        assertThat(b[0]).isEqualTo(source.at(1000));
        int before = source.reads.size();
        for (long at = 1512; at < 1000 + ReadAhead.WINDOW - 100; at += 100) {
            assertThat(read(at, 100)[99]).isEqualTo(source.at(at + 99));
        }
        awaitReads(before + 1);
        assertThat(source.reads).as("the rest of the window comes from memory, and the next window is read ahead")
                .hasSize(before + 1);
        assertThat(lastRead()).containsExactly(1000 + ReadAhead.WINDOW, ReadAhead.WINDOW);
        for (long at = 1000 + ReadAhead.WINDOW; at < 1000 + ReadAhead.WINDOW + 1000; at += 100) {
            assertThat(read(at, 100)[99]).isEqualTo(source.at(at + 99));
        }
        assertThat(source.reads).hasSize(before + 1);
        read(SIZE - 100, 4);
        read(SIZE - 90, 4);
        assertThat(lastRead()).as("a window near the end ends there").containsExactly(SIZE - ReadAhead.WINDOW, ReadAhead.WINDOW);
    }

    @Test
    void aScanBackwardReadsAWindowAroundWhereItIs() throws IOException {
        long block = 8L << 20;
        read(block, 25);
        read(block - 8192, 25);
        assertThat(lastRead()).containsExactly(block - 8192 + 25 - ReadAhead.WINDOW / 2, ReadAhead.WINDOW);
    }

    @Test
    void randomReadsAreReadAsAsked() throws IOException {
        for (long at = 0; at < SIZE - 8192; at += 3 * ReadAhead.NEAR) {
            read(at, 8192);
            assertThat(lastRead()).containsExactly(at, 8192);
        }
        read(0, ReadAhead.WINDOW);
        assertThat(lastRead()).as("a read as big as a window").containsExactly(0, ReadAhead.WINDOW);
    }

    @Test
    void aWriteDropsTheWindowsItOverlaps() throws IOException {
        read(4096, 4);
        read(4096, 4);
        int before = source.reads.size();
        r.written(0, 4096);
        read(4200, 4);
        assertThat(source.reads).as("a write beside the window").hasSize(before);
        source.generation = 1;
        r.written(4096 + 100, 1);
        assertThat(read(4200, 4)[0]).as("a write into the window").isEqualTo(source.at(4200));
    }

    @Test
    void readersOfAWindowBeingReadWaitForItAndAWriteMeanwhileKeepsItFromBeingKept() throws Exception {
        read(0, 4);
        source.gate = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> first = threads.submit(() -> read(8, 8));
            while (source.reads.size() < 2) {
                Thread.sleep(1);
            }
            List<Future<byte[]>> more = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                long at = 8 + 1000L * i;
                more.add(threads.submit(() -> read(at, 8)));
            }
            Thread.sleep(50);
            assertThat(source.reads).as("one read of the window for every reader").hasSize(2);
            r.written(ReadAhead.WINDOW - 1, 1);
            source.gate.countDown();
            assertThat(first.get()[0]).isEqualTo(source.at(8));
            for (Future<byte[]> f : more) {
                f.get();
            }
        }
        source.gate = null;
        int before = source.reads.size();
        read(16, 8);
        assertThat(source.reads).as("the window a write overlapped was not kept").hasSize(before + 1);
    }
}
