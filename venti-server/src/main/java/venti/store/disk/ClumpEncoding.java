package venti.store.disk;

/** How a clump's payload is stored: the C {@code ClumpENone} and {@code ClumpECompress}. */
public enum ClumpEncoding {
    /** The block as it is. */
    NONE(1),
    /** The block compressed with whack. */
    WHACK(2);

    private final int code;

    ClumpEncoding(int code) {
        this.code = code;
    }

    /** The byte stored on disk. */
    public int code() {
        return code;
    }

    public static ClumpEncoding of(int code) {
        return switch (code) {
            case 1 -> NONE;
            case 2 -> WHACK;
            default -> throw new IllegalArgumentException("illegal clump encoding " + code + ", want 1 (none) or 2 (whack)");
        };
    }
}
