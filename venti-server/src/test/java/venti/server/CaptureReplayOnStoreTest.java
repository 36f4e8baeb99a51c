package venti.server;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockStore;
import venti.store.Store;
import venti.store.admin.TestStores;

/** The captures replayed against a server on a fresh store of the storage engine. */
class CaptureReplayOnStoreTest extends CaptureReplay {

    @TempDir
    static Path dir;

    @Override
    BlockStore openStore() throws IOException {
        return TestStores.open(TestStores.format(dir, TestStores.SMALL), Store.Mode.READ_WRITE);
    }

    @Override
    boolean readsTheEmptyScore() {
        return true;
    }
}
