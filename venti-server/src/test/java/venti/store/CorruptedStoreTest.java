package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockStoreException;
import venti.store.admin.CheckArenas;
import venti.store.admin.CheckIndex;
import venti.store.admin.FixArenas;
import venti.store.admin.Progress;
import venti.store.admin.TestStores;

/**
 * Damaged disks: trials that flip random bytes and zero random 4 KiB blocks in a copy of the
 * golden store, then open it as the server does, read every block, and run checkarenas,
 * checkindex and fixarenas. Nothing may crash (an exception other than an I/O error or a
 * {@link BlockStoreException} naming the problem), hang, or return bytes other than the block's.
 *
 * <p>CI runs a few trials; run many on purpose with
 * {@code ./mvnw -pl venti-server -am test -Dtest=CorruptedStoreTest -Dventi.corrupt.trials=1000
 * -Dsurefire.failIfNoSpecifiedTests=false}, and repeat one with {@code -Dventi.corrupt.seed=}.
 */
class CorruptedStoreTest {

    private static final int TRIALS = Integer.getInteger("venti.corrupt.trials", 8);
    private static final List<GoldenBlocks.Row> MANIFEST = GoldenBlocks.manifest();

    @TempDir
    Path dir;

    /** What one trial saw, for the summary line. */
    private long reads;
    private long readErrors;
    private long refusedOpens;

    @Test
    void damagedStoresNeverCrashHangOrReturnWrongBytes() throws Exception {
        long seed = Long.getLong("venti.corrupt.seed", new Random().nextLong());
        Random r = new Random(seed);
        for (int t = 0; t < TRIALS; t++) {
            long trialSeed = r.nextLong();
            String context = "seed " + seed + ", trial " + t + " (-Dventi.corrupt.seed=" + seed + ")";
            Path copy = dir.resolve("trial" + t);
            java.nio.file.Files.createDirectories(copy);
            GoldenStore.unpack(copy);
            String damage = damage(copy, new Random(trialSeed));
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> trial(copy), context + ": " + damage);
            try (var files = java.nio.file.Files.list(copy)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            if ((t + 1) % 50 == 0 || t + 1 == TRIALS) {
                System.out.printf("corrupted stores: %d trials, %d block reads (%d refused with an error, none wrong), "
                        + "%d opens refused (seed %d)%n", t + 1, reads, readErrors, refusedOpens, seed);
            }
        }
    }

    /** Flips 1 to 32 random bytes and zeroes 0 to 3 random 4 KiB blocks of the partitions; says what it did. */
    private static String damage(Path store, Random r) throws IOException {
        StringBuilder what = new StringBuilder();
        try (Part arenas = FilePart.open("arenas.part", store, false); Part isect = FilePart.open("isect0.part", store, false);
             Part bloom = FilePart.open("bloom.part", store, false)) {
            Part[] parts = {arenas, arenas, arenas, isect, bloom};
            for (int k = 1 + r.nextInt(32); k > 0; k--) {
                Part p = parts[r.nextInt(parts.length)];
                long at = (long) (r.nextDouble() * p.size());
                ByteBuffer b = p.read(at, 1);
                b.put(0, (byte) (b.get(0) ^ (1 + r.nextInt(255))));
                p.write(at, b);
                what.append(String.format("flip %s@%d ", p.name(), at));
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                Part p = parts[r.nextInt(parts.length)];
                long at = (long) (r.nextDouble() * (p.size() / 4096)) * 4096;
                p.write(at, ByteBuffer.allocate((int) Math.min(4096, p.size() - at)));
                what.append(String.format("zero %s@%d ", p.name(), at));
            }
        }
        return what.toString();
    }

    private void trial(Path store) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        survive(() -> {
            try (Part p = FilePart.open("arenas.part", store, true)) {
                CheckArenas.run(p, true, false, 0, List.of(), quiet);
            }
        });
        survive(() -> {
            try (Store s = TestStores.open(store.resolve("venti.conf"), Store.Mode.INSPECT)) {
                CheckIndex.run(s, false, 1 << 30, quiet);
            }
        });
        survive(() -> {
            Store s;
            try {
                s = TestStores.open(store.resolve("venti.conf"), Store.Mode.READ_WRITE);
            } catch (IOException | BlockStoreException e) {
                refusedOpens++;
                return;
            }
            try (s) {
                for (GoldenBlocks.Row row : MANIFEST) {
                    reads++;
                    byte[] got;
                    try {
                        got = s.read(row.score(), row.readbackType());
                    } catch (IOException | BlockStoreException e) {
                        readErrors++;
                        continue;
                    }
                    assertThat(got).as("block %d read back", row.i()).isEqualTo(GoldenBlocks.block(row.i()));
                }
            }
        });
        survive(() -> {
            try (Part p = FilePart.open("arenas.part", store, false)) {
                FixArenas.run(p, null, new FixArenas.Options(true, 0, 0, 0, null, null, false), Progress.NONE, quiet);
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** Runs {@code step}; a clear error is fine, anything else fails the trial. */
    private static void survive(Step step) throws IOException {
        try {
            step.run();
        } catch (IOException | BlockStoreException clear) {
            // an error that names the problem is the right answer to a damaged disk
        }
    }
}
