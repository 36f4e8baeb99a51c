package venti.wire;

/**
 * Tping (2): ping the server, which answers Rping. The C server answers Rerror "unknown request" instead.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 2
 * 1       1     tag
 * </pre>
 */
public record Tping(int tag) implements Message {

    public static final int TYPE = 2;

    public Tping {
        Fields.checkTag(tag);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
