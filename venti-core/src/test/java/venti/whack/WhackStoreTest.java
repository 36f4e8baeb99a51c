package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import venti.core.GoldenVectors;
import venti.core.Score;
import venti.core.Sha1;

/**
 * Every compressed clump in the C venti's golden store ({@code vectors/disk}): decoded, checked
 * against the score in its clump header, and compressed again to the very bytes on disk.
 *
 * <p>The store is read just far enough to find the clumps: the arena map (text at 270336 in
 * the partition), each arena's clump magic (in its head block), and the clump log that starts
 * one block into the arena and ends at the first header without that magic.
 */
class WhackStoreTest {

    private static final int MAP_OFFSET = 270336;
    private static final int BLOCK_SIZE = 8192;
    private static final int HEAD_CLUMP_MAGIC = 4 + 4 + 64 + 4 + 8;
    private static final int CLUMP_HEADER = 38;
    private static final int ENCODING_WHACK = 2;

    private static ByteBuffer partition;

    @BeforeAll
    static void unpack() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GoldenVectors.path("disk", "arenas.part.gz")))) {
            partition = ByteBuffer.wrap(in.readAllBytes());
        }
    }

    @Test
    void everyWhackClumpDecodesToItsScoreAndRecompressesToItsBytes() {
        int whackClumps = 0;
        for (String line : arenaMap()) {
            String[] f = line.split("\t");
            int start = Integer.parseInt(f[1]);
            int end = Integer.parseInt(f[2]);
            int magic = partition.getInt(start + HEAD_CLUMP_MAGIC);
            for (int at = start + BLOCK_SIZE; at + CLUMP_HEADER <= end && partition.getInt(at) == magic; ) {
                int size = Short.toUnsignedInt(partition.getShort(at + 5));
                int uncsize = Short.toUnsignedInt(partition.getShort(at + 7));
                Score score = Score.read(partition, at + 9);
                int encoding = partition.get(at + 29);
                if (encoding == ENCODING_WHACK) {
                    check(f[0] + " clump at " + at, at + CLUMP_HEADER, size, uncsize, score);
                    whackClumps++;
                }
                at += CLUMP_HEADER + size;
            }
        }
        assertThat(whackClumps).isEqualTo(1499);
    }

    private static void check(String where, int payload, int size, int uncsize, Score score) {
        byte[] packed = new byte[size];
        partition.get(payload, packed);
        byte[] raw = new byte[uncsize];
        Unwhack.decompress(packed, 0, size, raw, 0, uncsize);
        assertThat(Sha1.hash(raw)).as(where).isEqualTo(score);

        byte[] again = new byte[uncsize];
        int n = Whack.compressBlock(raw, 0, uncsize, again, 0);
        assertThat(Arrays.copyOf(again, Math.max(n, 0))).as(where).isEqualTo(packed);
    }

    private static String[] arenaMap() {
        byte[] text = new byte[BLOCK_SIZE];
        partition.get(MAP_OFFSET, text);
        String[] lines = new String(text, StandardCharsets.US_ASCII).split("\n");
        int count = Integer.parseInt(lines[0]);
        assertThat(count).isEqualTo(7);
        return Arrays.copyOfRange(lines, 1, 1 + count);
    }
}
