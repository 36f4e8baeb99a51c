package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store {@code venti server} makes for itself when it is given no configuration: one
 * arena partition, one index section and a bloom filter in a directory (the command picks
 * it), with the venti.conf naming them, made on first run and reused after.
 *
 * <p>Sizing. The arena partition takes a quarter of the free space on the disk, between
 * {@link #MIN_ARENAS} and {@link #MAX_ARENAS}; the files are sparse, so the space is used only
 * as blocks arrive. Arenas are 512 MiB as fmtarenas makes them, or an eighth of the partition
 * when that is smaller, so even a small store seals arenas. The index is 5% of the data log,
 * as venti(8) advises, and the bloom filter is sized for the log full of 8 KiB blocks.
 */
public final class DefaultStore {

    /** Where older versions made the store, relative to the working directory; still used when it is there. */
    public static final Path DIR = Path.of("venti-data");
    static final long MIN_ARENAS = 256L << 20;
    static final long MAX_ARENAS = 64L << 30;
    static final long MAX_ARENA_SIZE = 512L << 20;
    static final long MAX_BLOOM = 64L << 20;

    private DefaultStore() {
    }

    /** The venti.conf of the default store in {@code dir}, if one was made there. */
    public static Path config(Path dir) {
        return dir.resolve("venti.conf");
    }

    /** True when {@code dir} already holds a default store. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(config(dir));
    }

    /** Makes the default store in {@code dir}, sized for {@code freeBytes} of free disk; returns its venti.conf. */
    public static Path create(Path dir, long freeBytes, PrintWriter err) throws IOException {
        return Format.store(dir, sizes(freeBytes), err);
    }

    /** The sizes of a default store on a disk with {@code freeBytes} free. */
    public static Format.Sizes sizes(long freeBytes) {
        long arenas = mebibytes(Math.clamp(freeBytes / 4, MIN_ARENAS, MAX_ARENAS));
        long arenaSize = Long.highestOneBit(Math.min(MAX_ARENA_SIZE, arenas / 8));
        long isect = mebibytes(Math.max(4L << 20, arenas / 20));
        long bloom = Long.highestOneBit(Math.clamp(arenas / 8192 * 8, 1L << 20, MAX_BLOOM));
        return new Format.Sizes(arenas, arenaSize, isect, bloom);
    }

    private static long mebibytes(long n) {
        return n & -(1L << 20);
    }
}
