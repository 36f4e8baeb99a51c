package venti.core;

/**
 * The store has no block with this score and type. The message is the C server's:
 * {@code no block with score <hex>/<type> exists}, with the type in libventi numbering.
 */
public final class BlockNotFoundException extends BlockStoreException {

    private final Score score;
    private final BlockType type;

    /** No block with {@code score} and {@code type}. */
    public BlockNotFoundException(Score score, BlockType type) {
        super("no block with score " + score + "/" + type.value() + " exists");
        this.score = score;
        this.type = type;
    }

    /** The score asked for. */
    public Score score() {
        return score;
    }

    /** The type asked for. */
    public BlockType type() {
        return type;
    }
}
