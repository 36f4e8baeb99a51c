package venti.wire;

/**
 * Tgoodbye (6): end the session. There is no reply: the server closes the connection.
 *
 * <pre>
 * offset  size  field
 * 0       1     type = 6
 * 1       1     tag
 * </pre>
 */
public record Tgoodbye(int tag) implements Message {

    public static final int TYPE = 6;

    public Tgoodbye {
        Fields.checkTag(tag);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
