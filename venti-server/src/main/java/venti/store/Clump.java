package venti.store;

import venti.core.Score;
import venti.core.Sha1;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.Location;
import venti.whack.Unwhack;
import venti.whack.WhackException;

/**
 * A clump read back from an arena: its header and the block it holds, decompressed.
 *
 * @param header what the arena recorded
 * @param data   the block; the caller must not change it
 */
public record Clump(ClumpHeader header, byte[] data) {

    /**
     * Decodes the {@code header.info().size()} payload bytes at {@code off} of {@code stored}
     * into the block they hold.
     *
     * @throws CorruptException at {@code where} when the payload does not decompress to the
     *                          size the header gives
     */
    public static Clump decode(ClumpHeader header, byte[] stored, int off, Location where) {
        ClumpInfo info = header.info();
        byte[] data = new byte[info.uncompressedSize()];
        switch (header.encoding()) {
            case NONE -> System.arraycopy(stored, off, data, 0, info.size());
            case WHACK -> {
                try {
                    Unwhack.decompress(stored, off, info.size(), data, 0, data.length);
                } catch (WhackException e) {
                    throw where.corrupt("decompression of clump failed: " + e.getMessage(), e);
                }
            }
        }
        return new Clump(header, data);
    }

    /** The SHA-1 of the data. */
    public Score computeScore() {
        return Sha1.hash(data);
    }

    /**
     * Checks that the data hashes to the score in the header.
     *
     * @throws CorruptException at {@code where} otherwise
     */
    public Clump verify(Location where) {
        Score got = computeScore();
        if (!got.equals(header.info().score())) {
            throw where.corrupt("clump data does not match its score: expected " + header.info().score() + ", got " + got);
        }
        return this;
    }
}
