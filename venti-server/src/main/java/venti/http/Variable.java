package venti.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * One integer variable of the {@code /set} page (the C server's {@code namedints}).
 *
 * @param name     as the C server names it
 * @param value    reads the current value
 * @param set      changes it
 * @param noEffect why setting it changes nothing in this server, or null when it does
 */
public record Variable(String name, IntSupplier value, IntConsumer set, String noEffect) {

    /** A variable that changes something. */
    public static Variable of(String name, IntSupplier value, IntConsumer set) {
        return new Variable(name, value, set, null);
    }

    /** An on/off switch shown as 1 or 0; any value but 0 turns it on. */
    public static Variable ofSwitch(String name, BooleanSupplier on, Consumer<Boolean> set) {
        return of(name, () -> on.getAsBoolean() ? 1 : 0, v -> set.accept(v != 0));
    }

    /**
     * A variable the C server has that means nothing here: it keeps the value it is given, so
     * scripts that set and read it still work, and the page says {@code why} it has no effect.
     */
    public static Variable inert(String name, int initial, String why) {
        AtomicInteger v = new AtomicInteger(initial);
        return new Variable(name, v::get, v::set, why);
    }
}
