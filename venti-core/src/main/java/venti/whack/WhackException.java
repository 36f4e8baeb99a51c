package venti.whack;

/**
 * A whack-compressed stream that cannot be decoded into the expected number of bytes: it is
 * truncated, refers back before the start of the output, or decodes to more or fewer bytes
 * than its clump header promised. On disk this means a damaged clump.
 */
public final class WhackException extends RuntimeException {

    private final int inputOffset;

    WhackException(String reason, int inputOffset) {
        super(reason + " at byte " + inputOffset + " of the compressed data");
        this.inputOffset = inputOffset;
    }

    /**
     * Where the fault was found: the offset, from the start of the compressed data, of the
     * byte holding the first bit of the code being decoded (for a stream that decodes to the
     * wrong length, its length).
     */
    public int inputOffset() {
        return inputOffset;
    }
}
