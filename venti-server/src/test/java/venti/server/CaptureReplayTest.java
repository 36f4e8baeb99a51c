package venti.server;

import venti.core.BlockStore;

/** The captures replayed against a server on the in-memory store. */
class CaptureReplayTest extends CaptureReplay {

    @Override
    BlockStore openStore() {
        return new MemoryStore();
    }

    @Override
    boolean readsTheEmptyScore() {
        return false;
    }
}
