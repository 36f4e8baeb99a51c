package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StallWatcherTest {

    @Test
    void sleepsWithoutATimeoutWhileNoReaderIsBusyAndEndsOnClose() throws Exception {
        String name = "stall-watcher-test " + System.nanoTime();
        StallWatcher w = new StallWatcher(List.of(), name);
        w.start();
        Thread t = thread(name);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(t.getState()).as("an idle watcher parks until woken, it does not poll").isEqualTo(Thread.State.WAITING);
        w.wake();
        w.close();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
    }

    private static Thread thread(String name) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(name)) {
                    return t;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no thread " + name);
    }
}
