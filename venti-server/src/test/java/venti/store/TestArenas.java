package venti.store;

import java.io.IOException;
import venti.store.disk.ArenaTrailer;

/** Reaches the arena state that only the engine changes, for tests in other packages that stage damage. */
public final class TestArenas {

    private TestArenas() {
    }

    /** Writes {@code t} as the arena's trailer block and makes it the arena's state. */
    public static void writeTrailer(Arena arena, ArenaTrailer t) throws IOException {
        arena.writeTrailer(t);
    }
}
