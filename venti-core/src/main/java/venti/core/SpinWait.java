package venti.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits a little, busily, for input that is about to arrive, before a blocking read would put
 * the thread to sleep.
 *
 * <p>Why. A request and its reply cross the connection in a few microseconds, but waking a
 * thread that blocked on a socket costs tens of microseconds on a virtual machine, and a
 * client with a few requests in flight pays that on both sides of every round trip. A reader
 * that has just handled a message therefore polls for the next one for up to
 * {@link #DEFAULT_MICROS} microseconds ({@code -Dventi.spin.micros=N}, 0 to never spin)
 * before blocking. So that spinning never starves real work, at most half the processors
 * (at least one) spin at once in a process; the others block at once. Thread-safe.
 */
public final class SpinWait {

    /** How long a reader polls before blocking, when not configured. */
    public static final long DEFAULT_MICROS = 50;

    private static final long NANOS = Long.getLong("venti.spin.micros", DEFAULT_MICROS) * 1000;
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNING = new AtomicInteger();

    private SpinWait() {
    }

    /**
     * Returns once {@code in} has bytes to read without blocking, or after the spin time, or
     * at once when spinning is off or enough other threads are spinning.
     */
    public static void forInput(InputStream in) throws IOException {
        if (NANOS <= 0 || in.available() > 0) {
            return;
        }
        if (SPINNING.incrementAndGet() > MAX_SPINNERS) {
            SPINNING.decrementAndGet();
            return;
        }
        try {
            long until = System.nanoTime() + NANOS;
            while (in.available() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        } finally {
            SPINNING.decrementAndGet();
        }
    }
}
