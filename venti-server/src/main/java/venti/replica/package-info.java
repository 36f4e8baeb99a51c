/**
 * Live replication: {@link venti.replica.Mirror}s that copy the data log, in log order, to
 * other Venti servers over the ordinary protocol (asynchronously, or holding each sync until
 * the replica has synced), a {@link venti.replica.MirrorCursor} file per mirror recording how
 * far its replica holds the log, and the {@link venti.replica.Healer} that reads damaged
 * blocks back from mirrors and {@code heal} sources.
 *
 * <p>Layering: hooks into the engine through {@link venti.store.Store}'s sync listeners and
 * healer only, reads the log back from the arenas with the clump structures of
 * {@code venti.store.disk}, and talks to replicas with {@code venti.client}; knows neither the
 * offline tools nor the servers. {@code ArchitectureTest} guards the arrows.
 */
package venti.replica;
