package venti.store;

/** Times as the arenas record them: whole seconds since 1970, in 32 bits. */
final class Clock {

    private Clock() {
    }

    static long now() {
        return (System.currentTimeMillis() / 1000) & 0xffff_ffffL;
    }
}
