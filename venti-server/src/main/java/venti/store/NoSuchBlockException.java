package venti.store;

import venti.core.BlockType;
import venti.core.Score;

/** The store holds no block with this score and type; the message is the C server's. */
public class NoSuchBlockException extends StoreException {

    public NoSuchBlockException(Score score, BlockType type) {
        super(Severity.OK, "no block with score " + score + "/" + type.value() + " exists");
    }
}
