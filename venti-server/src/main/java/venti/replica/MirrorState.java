package venti.replica;

import java.util.Locale;

/** What a {@link Mirror} is doing, as /storage and /metrics report it. */
public enum MirrorState {
    /** Not yet connected to the replica. */
    CONNECTING,
    /** Sending the log from the cursor; more than one round behind. */
    CATCHING_UP,
    /** Holding everything it has seen of the log; sends each new clump as it comes. */
    FOLLOWING,
    /** The replica could not be reached or failed; retrying with backoff. */
    UNREACHABLE,
    /** Stopped with the server. */
    CLOSED;

    /** The lower-case name pages print. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
