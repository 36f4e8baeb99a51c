package venti.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import venti.core.BlockType;
import venti.core.GoldenVectors;
import venti.core.Score;
import venti.core.Sha1;

/**
 * The 2000 blocks written into the golden store: the formula in
 * {@code testdata/vectors/disk/README.md} that makes block i, and the rows of
 * {@code manifest.tsv} that say where each one went.
 */
public final class GoldenBlocks {

    /** Libventi types of the blocks, by {@code i % 10}. */
    private static final int[] TYPES = {0, 0, 0, 8, 16, 1, 2, 9, 10, 7};

    private GoldenBlocks() {
    }

    /** One row of manifest.tsv; {@code arena} is null and the offsets -1 for the empty block 0. */
    public record Row(int i, Score score, BlockType type, int diskType, BlockType readbackType, int size, int kind,
                      int encoding, int storedSize, String arena, long clumpOffset) {
    }

    /** Block {@code i} as the README defines it. */
    public static byte[] block(int i) {
        int len = (i * 37) % 8193;
        byte[] b = new byte[len];
        switch (i % 4) {
            case 0 -> letters(i, b, 0, len);
            case 1 -> stream(i, b, 0, len);
            case 2 -> {
                letters(i, b, 0, len >> 1);
                stream(i, b, len >> 1, len);
            }
            default -> {
            }
        }
        return b;
    }

    /** The libventi type block {@code i} was written with. */
    public static BlockType type(int i) {
        return BlockType.of(TYPES[i % 10]);
    }

    private static void letters(int i, byte[] b, int from, int to) {
        for (int j = from; j < to; j++) {
            b[j] = (byte) (0x61 + ((i + (j >> 3)) % 26));
        }
    }

    /** Bytes {@code from..to-1} of SHA1(be32(i)||be32(0)) || SHA1(be32(i)||be32(1)) || ... */
    private static void stream(int i, byte[] b, int from, int to) {
        for (int k = from / Score.SIZE; k * Score.SIZE < to; k++) {
            byte[] seed = ByteBuffer.allocate(8).putInt(i).putInt(k).array();
            byte[] h = Sha1.hash(seed).toByteArray();
            for (int j = 0; j < Score.SIZE; j++) {
                int at = k * Score.SIZE + j;
                if (at >= from && at < to) {
                    b[at] = h[j];
                }
            }
        }
    }

    /** The rows of manifest.tsv, block 0 first. */
    public static List<Row> manifest() {
        try {
            return Files.readAllLines(GoldenVectors.path("disk", "manifest.tsv")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(GoldenBlocks::row)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(String line) {
        String[] f = line.split("\t");
        boolean stored = !f[7].equals("-");
        return new Row(Integer.parseInt(f[0]), Score.parse(f[1]), BlockType.of(Integer.parseInt(f[2])),
                Integer.parseInt(f[3]), BlockType.of(Integer.parseInt(f[4])), Integer.parseInt(f[5]),
                Integer.parseInt(f[6]), stored ? Integer.parseInt(f[7]) : 0, stored ? Integer.parseInt(f[8]) : -1,
                stored ? f[9] : null, stored ? Long.parseLong(f[10]) : -1);
    }
}
