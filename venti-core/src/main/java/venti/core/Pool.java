package venti.core;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable objects (message digests, compressors) for code that
 * runs on short-lived virtual threads, where a thread-local would make a new object for
 * nearly every call. Taking and returning allocate nothing; when every slot is empty,
 * {@link #take} makes a new object, and an object returned to a full pool is dropped.
 * Thread-safe.
 */
public final class Pool<T> {

    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> make;

    /** A pool of about {@code 4 * cores} slots (a power of two), filled on demand by {@code make}. */
    public Pool(Supplier<T> make) {
        this.slots = new AtomicReferenceArray<>(Integer.highestOneBit(4 * Runtime.getRuntime().availableProcessors() - 1) * 2);
        this.make = make;
    }

    /** An object from the pool, or a new one. */
    public T take() {
        int n = slots.length();
        int start = (int) Thread.currentThread().threadId() & (n - 1);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            if (slots.getPlain(slot) != null) {
                T t = slots.getAndSet(slot, null);
                if (t != null) {
                    return t;
                }
            }
        }
        return make.get();
    }

    /** Gives {@code t} back for reuse. */
    public void give(T t) {
        int n = slots.length();
        int start = (int) Thread.currentThread().threadId() & (n - 1);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, t)) {
                return;
            }
        }
    }
}
