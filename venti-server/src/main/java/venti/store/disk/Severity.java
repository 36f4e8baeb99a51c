package venti.store.disk;

/**
 * How bad a storage error is, mirroring the C server's {@code EOk ... EInconsist}, so a
 * caller can decide what to log and what to tell a client.
 */
public enum Severity {
    /** Expected in normal operation, such as a block that is not there. */
    OK,
    /** Strange; worth a log line. */
    STRANGE,
    /** Corrupted data found in the arenas. */
    CORRUPT,
    /** Corrupted data found in the index. */
    INDEX_CORRUPT,
    /** Needs an administrator: bad configuration, unreadable disk. */
    ADMIN,
    /** The index and the arenas disagree. */
    INCONSISTENT
}
