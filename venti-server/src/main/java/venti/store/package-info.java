/**
 * The storage engine and its public API: {@link venti.store.Store} over the partitions a
 * venti.conf names, the live arenas, index sections and bloom filter, the data log and its
 * writers, the caches, and the background workers.
 *
 * <p>Layering: this package uses {@code venti.store.disk} for the bytes on disk and
 * {@code venti.store.rados} for partitions on Ceph, and knows
 * nothing of the offline tools ({@code venti.store.admin}) or the servers; the tools change
 * an arena's trailer only through {@link venti.store.ArenaRepair}. {@code ArchitectureTest}
 * guards the arrows.
 */
package venti.store;
