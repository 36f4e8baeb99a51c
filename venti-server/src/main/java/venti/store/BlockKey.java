package venti.store;

import venti.core.BlockType;
import venti.core.Score;
import venti.store.disk.IndexEntry;

/**
 * What names a stored block: its score and its disk type. A data pointer and a directory
 * pointer of the same depth share a disk type, so they are one block, as in the C server;
 * the same bytes written as two different disk types are two blocks.
 */
record BlockKey(Score score, int diskType) {

    static BlockKey of(Score score, BlockType type) {
        return new BlockKey(score, type.diskType());
    }

    static BlockKey of(IndexEntry e) {
        return new BlockKey(e.score(), e.type().diskType());
    }
}
