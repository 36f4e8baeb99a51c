package venti.wire;

/**
 * Rsync (17): every earlier write is on stable storage.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 17
 * 1       1     tag
 * </pre>
 */
public record Rsync(int tag) implements Message {

    public static final int TYPE = 17;

    public Rsync {
        Fields.checkTag(tag);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
