package venti.core;

/**
 * A block store refused a request for a reason it can name; {@link #getMessage()} is the
 * text the C server sends in {@code Rerror} for the same case, so servers pass it on as it is.
 *
 * <p>The factories give each case the C wording; other texts are for failures the C server
 * does not have.
 */
public class BlockStoreException extends RuntimeException {

    /** A refusal with {@code message}, the text to send in {@code Rerror}. */
    public BlockStoreException(String message) {
        super(message);
    }

    /** A refusal with {@code message}, caused by {@code cause}. */
    public BlockStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A read asked for fewer bytes than the block has. */
    public static BlockStoreException readTooSmall(long asked, int need) {
        return new BlockStoreException("read too small: asked for " + asked + " need at least " + need);
    }

    /** A block larger than {@link BlockStore#MAX_BLOCK}. */
    public static BlockStoreException lumpTooLarge() {
        return new BlockStoreException("lump too large");
    }

    /** A block with this score and different contents is already stored. */
    public static BlockStoreException scoreCollision(Score score) {
        return new BlockStoreException("score collision " + score);
    }

    /** The store has no room left for a new block. */
    public static BlockStoreException noSpace() {
        return new BlockStoreException("no space left in arenas");
    }
}
