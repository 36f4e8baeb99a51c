package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.Format;

class BloomTest {

    @TempDir
    Path dir;

    private Part fresh(long size) throws IOException {
        Path f = dir.resolve("bloom");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(size);
        }
        return FilePart.open(f.toString(), false);
    }

    /**
     * The C layout, written out plainly: hash i of a score is a + i*b with a and b XORs of
     * little-endian words of the score, moved up past the header, masked to the bitmap;
     * bit n is bit n%8 of byte n/8.
     */
    private static boolean cBitsSet(byte[] bitmap, Score s, int nhash) {
        byte[] b = s.toByteArray();
        long a = (le(b, 4) ^ le(b, 12)) & 0xffffffffL;
        long step = (le(b, 8) ^ le(b, 16)) & 0xffffffffL;
        for (int i = 0; i < nhash; i++) {
            long h = (a + i * step) & 0xffffffffL;
            long n = Math.max(h, 128) & (bitmap.length * 8L - 1);
            if ((bitmap[(int) (n / 8)] & (1 << (n % 8))) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    @Test
    void theGoldenFilterHasTheCBitsOfEveryStoredScore() throws IOException {
        GoldenStore.unpack(dir);
        byte[] bitmap = Files.readAllBytes(dir.resolve("bloom.part"));
        for (GoldenBlocks.Row r : GoldenBlocks.manifest().subList(1, 2000)) {
            assertThat(cBitsSet(bitmap, r.score(), 32)).as("block %d", r.i()).isTrue();
        }
    }

    @Test
    void onesCountTheBitsSetByMarkMarkAllAndLoad() throws IOException {
        try (Part p = fresh(1 << 20)) {
            Bloom b = Format.bloom(p, 0, 0, 24, new PrintWriter(new StringWriter()));
            assertThat(b.bits()).isEqualTo((1L << 20) * 8 - Bloom.HEADER_BITS);
            int fresh = b.mark(Sha1.hash("x".getBytes()));
            assertThat(b.ones()).isEqualTo(fresh);
            List<Score> more = IntStream.range(0, 500)
                    .mapToObj(i -> Sha1.hash(("y" + i).getBytes())).toList();
            long[] hashes = more.stream().mapToLong(s -> Bloom.hashes(s.toByteArray(), 0)).toArray();
            try (BloomMarker m = new BloomMarker(b)) {
                m.mark(hashes, hashes.length);
                m.mark(hashes, hashes.length);
            }
            long ones = b.ones();
            assertThat(ones).isGreaterThan(fresh);
            Bloom one = b.blank();
            one.mark(Sha1.hash("x".getBytes()));
            more.forEach(one::mark);
            assertThat(one.ones()).as("the same bits as mark").isEqualTo(ones);
            assertThat(more).allMatch(b::mayContain);
            b.writeAll();
            Bloom loaded = Bloom.open(p);
            loaded.load();
            assertThat(loaded.ones()).as("counted again on load").isEqualTo(ones);
        }
    }

    @Test
    void markedScoresAreFoundAndMarkSetsTheCBits() throws IOException {
        try (Part p = fresh(1 << 20)) {
            Bloom b = Format.bloom(p, 0, 0, 24, new PrintWriter(new StringWriter()));
            Score s = Sha1.hash("x".getBytes());
            assertThat(b.mayContain(s)).isFalse();
            assertThat(b.mark(s)).isBetween(20, 24);
            assertThat(b.mark(s)).isZero();
            assertThat(b.mayContain(s)).isTrue();
            assertThat(Bloom.open(p).mayContain(s)).as("not loaded: says maybe").isTrue();
        }
    }

    @Test
    void marksFromManyThreadsAreAllKept() throws Exception {
        try (Part p = fresh(1 << 20)) {
            Bloom b = Format.bloom(p, 0, 0, 0, new PrintWriter(new StringWriter()));
            List<Score> scores = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                scores.add(Sha1.hash(("s" + i).getBytes()));
            }
            try (var pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int from = t;
                    done.add(pool.submit(() -> {
                        for (int i = from; i < scores.size(); i += 4) {
                            b.mark(scores.get(i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(scores).allMatch(b::mayContain);
        }
    }

    @Test
    void markNeedsALoadedBitmap() throws IOException {
        try (Part p = fresh(1 << 20)) {
            Format.bloom(p, 0, 0, 0, new PrintWriter(new StringWriter()));
            Bloom b = Bloom.open(p);
            assertThat(b.isLoaded()).isFalse();
            assertThatThrownBy(() -> b.mark(Score.EMPTY)).hasMessageContaining("not loaded");
            b.load();
            assertThat(b.isLoaded()).isTrue();
        }
    }
}
