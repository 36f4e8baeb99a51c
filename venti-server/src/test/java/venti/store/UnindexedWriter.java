package venti.store;

import java.nio.file.Path;
import venti.store.admin.TestStores;

/**
 * A child process for recovery tests: opens the store of the venti.conf in {@code args[0]}
 * with a large index cache, so no write-back round runs, writes blocks {@code 0 ..
 * args[1]-1} of {@link RecoveryTest#block}, syncs, prints {@code synced} and halts at once:
 * a crash that leaves every block durable and none in the index on disk.
 */
public final class UnindexedWriter {

    private UnindexedWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path conf = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        VentiConfig c = VentiConfig.read(conf);
        Store s = Store.open(c, conf.getParent(), Store.Mode.READ_WRITE, new Store.Options(1 << 20, 256L << 20, Store.Options.heapBudget()));
        for (int i = 0; i < n; i++) {
            byte[] b = RecoveryTest.block(i);
            s.write(TestStores.type(i), b, 0, b.length);
        }
        s.sync();
        System.out.println("synced " + s.dirtyIndexEntries());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
