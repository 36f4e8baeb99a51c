package venti.store.admin;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import venti.store.Part;

/**
 * Forces a partition's writes to disk on a thread of its own each time {@code every} more
 * bytes were written, one force at a time, so that the disk writes them while the caller
 * goes on writing and its last force finds little left. Not thread-safe: one writer.
 */
final class BackgroundForce {

    private final Part part;
    private final long every;
    private long unforced;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    BackgroundForce(Part part, long every) {
        this.part = part;
        this.every = every;
    }

    /** Notes {@code bytes} more written; starts a force when enough are and none is running. */
    void wrote(long bytes) throws IOException {
        unforced += bytes;
        if (unforced >= every && running.isDone()) {
            await();
            unforced = 0;
            running = Background.start("force " + part.name(), () -> {
                part.force();
                return null;
            });
        }
    }

    /** Waits for the force running, then forces what is left. */
    void finish() throws IOException {
        await();
        part.force();
    }

    private void await() throws IOException {
        Background.join(running);
    }
}
