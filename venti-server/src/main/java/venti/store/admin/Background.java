package venti.store.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work on a platform thread of its own, for the offline tools that overlap disk work with their own. */
final class Background {

    /** What runs in the background. */
    interface Work<T> {
        T run() throws IOException;
    }

    private Background() {
    }

    /** Starts {@code work} on a new thread named {@code name}. */
    static <T> CompletableFuture<T> start(String name, Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().name(name).start(r));
    }

    /** Waits for {@code f} and returns its result, rethrowing what the work threw. */
    static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case UncheckedIOException x -> throw x.getCause();
                case RuntimeException x -> throw x;
                case Error x -> throw x;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
