package venti.wire;

/**
 * Tsync (16): answer only once every block written before it is on stable storage.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 16
 * 1       1     tag
 * </pre>
 */
public record Tsync(int tag) implements Message {

    public static final int TYPE = 16;

    public Tsync {
        Fields.checkTag(tag);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
