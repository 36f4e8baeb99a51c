package venti.wire;

import java.nio.ByteBuffer;
import java.util.Objects;
import venti.core.Score;

/**
 * Rwrite (15): the score under which the server stored the block of the Twrite with this
 * tag, which should be the SHA-1 of its data.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 15
 * 1       1     tag
 * 2       20    score
 * </pre>
 */
public record Rwrite(int tag, Score score) implements Message {

    public static final int TYPE = 15;

    public Rwrite {
        Fields.checkTag(tag);
        Objects.requireNonNull(score, "score");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int fieldsSize() {
        return Score.SIZE;
    }

    @Override
    public void packFields(ByteBuffer dst) {
        score.writeTo(dst);
    }

    static Rwrite unpack(int tag, ByteBuffer src) {
        Fields.need(src, Score.SIZE, "Rwrite", tag, "score");
        return new Rwrite(tag, Score.read(src));
    }
}
