package venti.client.tree;

import java.io.IOException;
import venti.client.ServerErrorException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;

/**
 * A block read together with the type it was found under.
 *
 * @param type the type the read succeeded with
 * @param data the block
 */
public record TypedBlock(BlockType type, byte[] data) {

    /** What the C tools ask for in every read: 65535 bytes, more than any block. */
    public static final int MAX_READ = 0xffff;

    /**
     * Reads the block {@code score} under each type in libventi order (data, data pointers,
     * directory, directory pointers, root) until one works, as venti/read, copy and dump do
     * when no type is given.
     *
     * <p>Only refusals ({@link ServerErrorException}, {@link BlockStoreException}) move on
     * to the next type; a failed connection ends the search.
     *
     * @throws IOException naming the score when no type finds it
     */
    public static TypedBlock find(BlockStore store, Score score) throws IOException {
        for (BlockType type : BlockType.values()) {
            if (type == BlockType.CORRUPT) {
                continue;
            }
            try {
                return new TypedBlock(type, store.read(score, type, MAX_READ));
            } catch (ServerErrorException | BlockStoreException e) {
                // not under this type: try the next
            }
        }
        throw new IOException("could not find block " + score + " of any type");
    }
}
