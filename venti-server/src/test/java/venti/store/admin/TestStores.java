package venti.store.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import venti.core.BlockType;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.rados.TestCluster;

/** Fresh stores for tests, made with our own format tools, and blocks to fill them with. */
public final class TestStores {

    /** 8 MiB of 1 MiB arenas (7 of them), a 2 MiB index section, a 1 MiB bloom filter: the golden store's shape. */
    public static final Format.Sizes SMALL = new Format.Sizes(8 << 20, 1 << 20, 2 << 20, 1 << 20);

    private TestStores() {
    }

    /** Formats a store of {@code sizes} in {@code dir}; returns its venti.conf. */
    public static Path format(Path dir, Format.Sizes sizes) throws IOException {
        return Format.store(dir, sizes, new PrintWriter(new StringWriter()));
    }

    /**
     * Formats a store of {@code sizes} on the test Ceph cluster, its venti.conf in {@code dir};
     * skips or fails the test as {@link TestCluster} does when there is no cluster.
     */
    public static Path formatOnRados(Path dir, Format.Sizes sizes) throws IOException {
        return Format.store(dir, TestCluster.location(), sizes, new PrintWriter(new StringWriter()));
    }

    public static Store open(Path conf, Store.Mode mode) throws IOException {
        return Store.open(VentiConfig.read(conf), conf.getParent(), mode);
    }

    /** A block of {@code n} bytes from {@code seed}, roughly half compressible, half random. */
    public static byte[] block(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        r.nextBytes(b);
        if ((seed & 1) == 0) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ('a' + (b[i] & 0x7) + (i / 64) % 3);
            }
        }
        return b;
    }

    /** The types tests cycle through, data and pointers and the rest. */
    public static BlockType type(long seed) {
        BlockType[] all = {BlockType.DATA, BlockType.DIR, BlockType.ROOT, BlockType.DIR1, BlockType.DIR3, BlockType.DATA};
        return all[Math.floorMod(seed, all.length)];
    }
}
