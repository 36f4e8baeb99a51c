package venti.client.tree;

import java.util.Objects;
import venti.core.BlockType;
import venti.core.Score;

/** A pointer in a hash tree: a block's score and the type to read it as. An immutable value. */
public record BlockRef(Score score, BlockType type) {

    /** Checks that neither is null. */
    public BlockRef {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(type, "type");
    }

    /**
     * True for the two scores tree walkers treat as "no block": {@link Score#EMPTY}, which
     * clients never store, and {@link Score#ZERO}, which the C server reads as empty.
     */
    public boolean isEmpty() {
        return score.equals(Score.EMPTY) || score.isZero();
    }
}
