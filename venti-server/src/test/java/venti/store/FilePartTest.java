package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePartTest {

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void file() throws IOException {
        file = dir.resolve("p");
        byte[] b = new byte[64 * 1024];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        Files.write(file, b);
    }

    @Test
    void readsAndWritesAtAbsoluteOffsets() throws IOException {
        try (Part p = FilePart.open("p", dir, false)) {
            assertThat(p.size()).isEqualTo(64 * 1024);
            assertThat(p.read(256, 3).array()).containsExactly(0, 1, 2);
            p.write(1000, ByteBuffer.wrap(new byte[] {9, 9}));
            p.force();
            assertThat(p.read(999, 4).array()).containsExactly((byte) 0xe7, 9, 9, (byte) 0xea);
            assertThat(p.size(8192)).isEqualTo(64 * 1024);
        }
    }

    @Test
    void aRangeIsAPartitionOfItsOwn() throws IOException {
        try (Part p = FilePart.open("p:1k-0x2000", dir, true)) {
            assertThat(p.name()).isEqualTo("p:1k-0x2000");
            assertThat(p.size()).isEqualTo(0x2000 - 1024);
            assertThat(p.read(0, 1).get(0)).isEqualTo((byte) 0);
            assertThat(p.size(4096)).isEqualTo(4096);
        }
        try (Part p = FilePart.open("p:16k", dir, true)) {
            assertThat(p.size()).isEqualTo(48 * 1024);
        }
        try (Part p = FilePart.open("p:-8k", dir, true)) {
            assertThat(p.size()).isEqualTo(8 * 1024);
        }
    }

    @Test
    void refusesWhatItCannotDo() throws IOException {
        try (Part p = FilePart.open("p", dir, true)) {
            assertThatThrownBy(() -> p.write(0, ByteBuffer.allocate(1))).hasMessage("partition p is open for reading only");
            assertThatThrownBy(() -> p.read(64 * 1024 - 1, 2))
                    .hasMessage("out of bounds read offset 0xffff count 2 to partition p size 0x10000");
            assertThatThrownBy(() -> p.read(-1, 2)).hasMessageContaining("out of bounds read");
        }
        assertThatThrownBy(() -> FilePart.open("missing", dir, true))
                .hasMessage("can't open partition 'missing': no such file in " + dir.toAbsolutePath().normalize());
        Path absolute = dir.resolve("gone").toAbsolutePath();
        assertThatThrownBy(() -> FilePart.open(absolute.toString(), dir, true))
                .hasMessage("can't open partition '" + absolute + "': no such file");
        assertThatThrownBy(() -> FilePart.open("p:0-1m", dir, true)).hasMessageContaining("bounds out of range (max 65536)");
        assertThatThrownBy(() -> FilePart.open("p:arenas", dir, true)).hasMessageContaining("sub-partitions");
        assertThatThrownBy(() -> FilePart.open("p:1x-2", dir, true)).hasMessageContaining("cannot parse name p:1x-2");
        Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> FilePart.open("empty", dir, true)).hasMessageContaining("can't determine size");
    }

    @Test
    void aShortFileIsAClearError() throws IOException {
        try (FilePart p = FilePart.open("p", dir, false)) {
            Files.write(file, new byte[10]);
            assertThatThrownBy(() -> p.read(8, 100)).hasMessageContaining("short read of p at offset 0x8");
        }
    }

    @Test
    void anInterruptedReaderDoesNotCloseThePartForOthers() throws Exception {
        try (FilePart p = FilePart.open("p", dir, true)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> p.read(0, 4)).isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertThat(p.read(256, 2).array()).containsExactly(0, 1);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Byte>> reads = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int at = i * 7;
                    reads.add(pool.submit(() -> p.read(at, 1).get(0)));
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(reads.get(i).get()).isEqualTo((byte) (i * 7));
                }
            }
        }
    }

    @Test
    void faultyPartFailsTheNthWriteAndWritesPastALimit() throws IOException {
        try (FaultyPart p = new FaultyPart(FilePart.open("p", dir, false))) {
            p.failWrite(2);
            p.write(0, ByteBuffer.allocate(1));
            assertThatThrownBy(() -> p.write(0, ByteBuffer.allocate(1))).hasMessageContaining("injected failure of write 2");
            p.write(0, ByteBuffer.allocate(1));
            p.limitWrites(100);
            p.write(99, ByteBuffer.allocate(1));
            assertThatThrownBy(() -> p.write(99, ByteBuffer.allocate(2))).hasMessageContaining("no space left");
            assertThat(p.writes()).isEqualTo(5);
        }
    }
}
