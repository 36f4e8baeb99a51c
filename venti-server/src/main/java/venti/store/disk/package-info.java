/**
 * The on-disk structures of plan9port's venti, one record each with its byte table, size and
 * {@code pack}/{@code unpack}: partition and arena headers, trailers, clumps, index entries,
 * buckets, the bloom header, the arena and section maps; {@link venti.store.disk.Layout}
 * (sizes shared by several), {@link venti.store.disk.Location} and the store exceptions.
 *
 * <p>A leaf: pure functions of bytes, knowing nothing of the engine that reads and writes them.
 */
package venti.store.disk;
