package venti.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import venti.core.GoldenVectors;

/**
 * The small store the C venti made and filled ({@code testdata/vectors/disk}), unpacked into
 * a directory of the caller's (a JUnit {@code @TempDir}), so each test gets a pristine copy
 * it may write into. Runs of zero bytes are skipped rather than written, so the copies are
 * sparse like the originals.
 */
public final class GoldenStore {

    /** The partition files, as venti.conf names them. */
    public static final List<String> PARTITIONS = List.of("arenas.part", "isect0.part", "bloom.part");
    /** Arena names, in order. */
    public static final List<String> ARENAS = List.of(
            "arenas0.0", "arenas0.1", "arenas0.2", "arenas0.3", "arenas0.4", "arenas0.5", "arenas0.6");
    /** Partition offset of the first arena. */
    public static final long ARENA_BASE = 794_624;
    /** Size of every arena but the last. */
    public static final long ARENA_SIZE = 1 << 20;
    public static final int BLOCK_SIZE = 8192;

    private GoldenStore() {
    }

    /** Unpacks the three partitions and venti.conf into {@code dir}; returns venti.conf's path. */
    public static Path unpack(Path dir) {
        return unpack("disk", dir);
    }

    /**
     * Unpacks another store of the vectors laid out the same way (the three gzipped
     * partitions beside venti.conf in directory {@code vectors}, such as {@code vac}).
     */
    public static Path unpack(String vectors, Path dir) {
        try {
            for (String name : PARTITIONS) {
                unpackOne(GoldenVectors.path(vectors, name + ".gz"), dir.resolve(name));
            }
            Path conf = dir.resolve("venti.conf");
            Files.copy(GoldenVectors.path(vectors, "venti.conf"), conf);
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks the store into {@code dir} and opens it. */
    public static Store open(Path dir, Store.Mode mode) throws IOException {
        return Store.open(VentiConfig.read(unpack(dir)), dir, mode);
    }

    /**
     * Writes {@code abs.conf} beside {@code dir}'s venti.conf with the partitions named by
     * absolute path, so commands that resolve names against the working directory find them.
     */
    public static Path absoluteConf(Path dir) {
        try {
            Path conf = dir.resolve("abs.conf");
            Files.writeString(conf, Files.readString(dir.resolve("venti.conf"))
                    .replaceAll("(arenas|isect|bloom) (\\S+)", "$1 " + dir.toString().replace("\\", "\\\\") + "/$2"));
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output of a C tool run on the golden store ({@code tools-output/NAME}). */
    public static String toolOutput(String name) {
        try {
            return Files.readString(GoldenVectors.path("disk", "tools-output", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unpackOne(Path gz, Path out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long pos = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), buf.length);
             FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; pos += n) {
                if (!allZero(buf, n)) {
                    ch.write(ByteBuffer.wrap(buf, 0, n), pos);
                }
            }
            if (ch.size() < pos) {
                ch.write(ByteBuffer.allocate(1), pos - 1);
            }
        }
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
