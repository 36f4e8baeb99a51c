package venti.store.rados;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Which reads {@link ReadAhead} turns into windows, and what a write makes it forget. */
class ReadAheadTest {

    private static final long SIZE = 64L << 20;

    @Test
    void aScanForwardReadsAWindowFromWhereItIs() {
        ReadAhead r = new ReadAhead(SIZE);
        assertThat(r.window(1000, 4)).as("a first read is read as asked").isNull();
        assertThat(r.window(1000, 512)).containsExactly(1000, 1000 + ReadAhead.WINDOW);
        assertThat(r.window(SIZE - 100, 4)).isNull();
        assertThat(r.window(SIZE - 90, 4)).as("a window near the end ends there").containsExactly(SIZE - ReadAhead.WINDOW, SIZE);
    }

    @Test
    void aScanBackwardReadsAWindowAroundWhereItIs() {
        ReadAhead r = new ReadAhead(SIZE);
        long block = 8L << 20;
        assertThat(r.window(block, 25)).isNull();
        assertThat(r.window(block - 8192, 25)).containsExactly(block - 8192 + 25 - ReadAhead.WINDOW / 2,
                block - 8192 + 25 + ReadAhead.WINDOW / 2);
    }

    @Test
    void randomReadsAreReadAsAsked() {
        ReadAhead r = new ReadAhead(SIZE);
        for (long at = 0; at < SIZE; at += 3 * ReadAhead.NEAR) {
            assertThat(r.window(at, 8192)).isNull();
        }
        assertThat(r.window(0, ReadAhead.WINDOW)).as("a read as big as a window").isNull();
    }

    @Test
    void windowsServeReadsUntilAWriteOverlapsThem() {
        ReadAhead r = new ReadAhead(SIZE);
        byte[] bytes = new byte[ReadAhead.WINDOW];
        bytes[10] = 7;
        r.keep(r.generation(), 4096, bytes);
        ByteBuffer dst = ByteBuffer.allocate(4);
        assertThat(r.serve(4096 + 9, dst)).isTrue();
        assertThat(dst.array()).containsExactly(0, 7, 0, 0);
        assertThat(r.serve(4096 + ReadAhead.WINDOW - 2, ByteBuffer.allocate(4))).as("past the window's end").isFalse();
        r.written(0, 4096);
        assertThat(r.serve(4096 + 9, ByteBuffer.allocate(4))).as("a write beside the window").isTrue();
        r.written(4096 + 100, 1);
        assertThat(r.serve(4096 + 9, ByteBuffer.allocate(4))).as("a write into the window").isFalse();
    }

    @Test
    void aWindowReadWhileAWriteCameIsNotKept() {
        ReadAhead r = new ReadAhead(SIZE);
        long generation = r.generation();
        r.written(SIZE - 1, 1);
        r.keep(generation, 0, new byte[ReadAhead.WINDOW]);
        assertThat(r.serve(0, ByteBuffer.allocate(4))).isFalse();
    }
}
