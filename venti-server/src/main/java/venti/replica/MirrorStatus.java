package venti.replica;

import venti.store.LogPosition;

/**
 * A mirror as seen at one moment, for /storage and /metrics.
 *
 * @param replica        the replica's dial string
 * @param sync           whether syncs wait for the replica
 * @param state          what the mirror is doing
 * @param replicated     every clump before it is on the replica's stable storage
 * @param clumpsBehind   clumps of the log the replica does not yet hold
 * @param bytesBehind    bytes of clump storage (headers included) behind
 * @param secondsBehind  how long the replica has lacked part of the log; 0 when it holds all of it
 * @param sentClumps     clumps sent since the server started
 * @param sentBytes      bytes of blocks sent since the server started, uncompressed
 */
public record MirrorStatus(String replica, boolean sync, MirrorState state, LogPosition replicated,
                           long clumpsBehind, long bytesBehind, double secondsBehind, long sentClumps,
                           long sentBytes) {
}
