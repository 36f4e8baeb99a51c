package venti.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link VentiServer} has answered since it started: the request counters behind the
 * HTTP server's {@code /stats} and {@code /metrics} (the C server's {@code rpc} statistics).
 *
 * <p>One {@link LongAdder} per {@link Counter}: counting a request takes no lock and allocates
 * nothing. Thread-safe.
 */
public final class ServerStats {

    /** The counters. */
    public enum Counter {
        /** Tread requests answered with the block. */
        READS,
        /** Tread requests answered with an Rerror, missing blocks included. */
        READS_FAILED,
        /** Bytes of blocks sent in Rread replies. */
        READ_BYTES,
        /** Nanoseconds spent serving Tread requests. */
        READ_NANOS,
        /** Twrite requests answered with the score. */
        WRITES,
        /** Twrite requests answered with an Rerror. */
        WRITES_FAILED,
        /** Bytes of blocks received in Twrite requests that were answered with the score. */
        WRITE_BYTES,
        /** Nanoseconds spent serving Twrite requests. */
        WRITE_NANOS,
        /** Tsync requests answered with Rsync. */
        SYNCS,
        /** Tsync requests answered with an Rerror. */
        SYNCS_FAILED,
        /** Nanoseconds spent serving Tsync requests. */
        SYNC_NANOS,
        /** Connections accepted. */
        CONNECTIONS
    }

    private final LongAdder[] counts = new LongAdder[Counter.values().length];

    public ServerStats() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(Counter c, long n) {
        counts[c.ordinal()].add(n);
    }

    void increment(Counter c) {
        counts[c.ordinal()].increment();
    }

    /** The counter's value now. */
    public long get(Counter c) {
        return counts[c.ordinal()].sum();
    }
}
