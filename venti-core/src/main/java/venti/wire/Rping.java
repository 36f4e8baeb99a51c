package venti.wire;

/**
 * Rping (3): the answer to Tping.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 3
 * 1       1     tag
 * </pre>
 */
public record Rping(int tag) implements Message {

    public static final int TYPE = 3;

    public Rping {
        Fields.checkTag(tag);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
