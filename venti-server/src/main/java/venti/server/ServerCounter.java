package venti.server;

/**
 * What a {@link VentiServer} counts as it answers requests, since it started: the request
 * counters behind the HTTP server's {@code /stats} and {@code /metrics} (the C server's
 * {@code rpc} statistics), kept in the server's {@link venti.core.Counters}.
 */
public enum ServerCounter {
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
