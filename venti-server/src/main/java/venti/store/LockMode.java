package venti.store;

/**
 * How a process holds a partition against other processes while it has it open. Every
 * process that may write a store holds its partitions {@link #EXCLUSIVE}; a read-only server
 * holds them {@link #SHARED}, which keeps writers out but not other readers; the inspection
 * tools take {@link #NONE} and only note that a writer has the store.
 */
public enum LockMode {
    /** Refused while any other process has the partition locked; keeps everyone else out. */
    EXCLUSIVE,
    /** Refused while a writer has the partition; keeps writers out. */
    SHARED,
    /** No lock: opening notes whether a writer holds the partition ({@link Part#lockedBy()}). */
    NONE
}
