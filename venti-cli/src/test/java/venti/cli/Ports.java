package venti.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    /**
     * Waits until a Venti server serves on 127.0.0.1:{@code port}: answers a version line. A
     * server binds its address before it recovers its store, so accepting a connection is not
     * yet serving.
     */
    static void awaitServing(int port, CompletableFuture<Cli> result) throws Exception {
        for (int i = 0; i < 3000 && !result.isDone(); i++) {
            if (serving(port)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never served on " + port + ": " + (result.isDone() ? result.get().err() : "still starting"));
    }

    private static boolean serving(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(100);
            s.getOutputStream().write("venti-02:04-libventi\n".getBytes(StandardCharsets.US_ASCII));
            return s.getInputStream().read() == 'v';
        } catch (IOException e) {
            return false;
        }
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
