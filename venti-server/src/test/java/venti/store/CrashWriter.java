package venti.store;

import java.nio.file.Path;
import java.util.Random;
import venti.store.admin.TestStores;

/**
 * The child process of {@link StoreCrashTest}: opens the store (recovering from the last
 * kill), then writes blocks {@code start, start+1, ...} and syncs at random points,
 * printing {@code synced N} after each sync that completed, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path conf = Path.of(args[0]);
        Random r = new Random(Long.parseLong(args[1]));
        int start = Integer.parseInt(args[2]);
        try (Store s = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            System.out.println("open");
            for (int i = start; ; i++) {
                byte[] b = StoreCrashTest.block(i);
                s.write(TestStores.type(i), b, 0, b.length);
                if (r.nextInt(8) == 0) {
                    s.sync();
                    System.out.println("synced " + i);
                }
                if (r.nextInt(100) == 0) {
                    s.flush();
                }
            }
        }
    }
}
