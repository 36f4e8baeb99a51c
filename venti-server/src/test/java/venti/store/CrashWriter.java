package venti.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import venti.core.BlockType;
import venti.store.admin.TestStores;
import venti.store.disk.StoreException;

/**
 * The child process of {@link StoreCrashTest}: opens the store (recovering from the last
 * kill), then writes blocks {@code start, start+1, ...} and syncs at random points,
 * printing {@code synced N} after each sync that completed (and {@code faults F}, the faults
 * injected so far), until it is killed. With a
 * fault rate ({@code args[3]}), every partition then fails reads, writes and forces at random
 * ({@link FaultyPart#failRandomly}); a write that fails is tried again until it succeeds, so
 * a completed sync covers every block before it, and a sync that fails acknowledges nothing.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path conf = Path.of(args[0]);
        Random r = new Random(Long.parseLong(args[1]));
        int start = Integer.parseInt(args[2]);
        double faultRate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        List<FaultyPart> parts = new ArrayList<>();
        VentiConfig c = VentiConfig.read(conf);
        try (Store s = Store.open(c, conf.getParent(), Store.Mode.READ_WRITE, Store.Options.of(c), line -> {
        }, p -> {
            FaultyPart f = new FaultyPart(p);
            parts.add(f);
            return f;
        })) {
            parts.forEach(f -> f.failRandomly(r.nextLong(), faultRate));
            System.out.println("open");
            for (int i = start; ; i++) {
                byte[] b = StoreCrashTest.block(i);
                BlockType type = TestStores.type(i);
                while (!attempt(() -> s.write(type, b, 0, b.length))) {
                    Thread.onSpinWait();
                }
                if (r.nextInt(8) == 0 && attempt(s::sync)) {
                    System.out.println("synced " + i);
                    System.out.println("faults " + parts.stream().mapToInt(FaultyPart::injected).sum());
                }
                if (r.nextInt(100) == 0) {
                    attempt(s::flush);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    /** Runs {@code op}; false when an injected fault made it fail. */
    private static boolean attempt(Op op) throws Exception {
        try {
            op.run();
            return true;
        } catch (IOException | StoreException e) {
            return false;
        }
    }
}
