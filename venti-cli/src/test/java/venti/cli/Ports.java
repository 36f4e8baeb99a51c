package venti.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/** Loopback ports for the tests that run a serving command in-process. */
final class Ports {

    private Ports() {
    }

    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until something listens on 127.0.0.1:{@code port}, or fails with what the command printed. */
    static void awaitListening(int port, CompletableFuture<Cli> result) throws Exception {
        for (int i = 0; i < 3000 && !result.isDone(); i++) {
            if (listening(port)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never listened on " + port + ": " + (result.isDone() ? result.get().err() : "still starting"));
    }

    static boolean listening(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
