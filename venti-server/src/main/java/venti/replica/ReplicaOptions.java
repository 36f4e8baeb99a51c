package venti.replica;

import java.time.Duration;

/**
 * How mirrors and heal sources talk to their servers and how long they wait.
 *
 * @param syncTimeout    how long a synchronous mirror holds a sync for its replica
 * @param connectTimeout how long to wait for a replica's connection and handshake
 * @param requestTimeout how long a request to a replica may wait for its reply
 * @param retryFirst     the first wait before reconnecting to a failed replica; it doubles
 * @param retryMax       the longest wait between reconnections
 * @param poll           how often a mirror that holds the whole log looks for new clumps
 *                       when no sync wakes it
 * @param roundBytes     bytes of the log sent between two syncs of the replica
 */
public record ReplicaOptions(Duration syncTimeout, Duration connectTimeout, Duration requestTimeout,
                             Duration retryFirst, Duration retryMax, Duration poll, long roundBytes) {

    /** 10 s for a sync, 5 s to connect, 30 s for a reply, retries from 100 ms to 30 s, polls every 100 ms, 32 MiB rounds. */
    public static final ReplicaOptions DEFAULT = new ReplicaOptions(Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMillis(100), 32L << 20);

    public ReplicaOptions {
        for (Duration d : new Duration[]{syncTimeout, connectTimeout, requestTimeout, retryFirst, retryMax, poll}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("replication timeouts must be positive, got " + d);
            }
        }
        if (roundBytes < 1) {
            throw new IllegalArgumentException("round size must be positive, got " + roundBytes);
        }
    }

    public ReplicaOptions withSyncTimeout(Duration d) {
        return new ReplicaOptions(d, connectTimeout, requestTimeout, retryFirst, retryMax, poll, roundBytes);
    }

    public ReplicaOptions withRetry(Duration first, Duration max) {
        return new ReplicaOptions(syncTimeout, connectTimeout, requestTimeout, first, max, poll, roundBytes);
    }
}
