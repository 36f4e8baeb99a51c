package venti.wire;

/**
 * Bytes from a peer that break the Venti protocol.
 *
 * <p>Every violation is built by one of the named factory methods below, so each kind has
 * one wording. Two facts travel with it for a server deciding how to answer:
 * {@link #tag()}, the request's tag when the bad message got far enough to show one (a
 * server may answer it with an {@code Rerror}), and {@link #inSync()}, whether the stream is
 * still positioned at a frame boundary (the bad frame was consumed whole) so that reading
 * may go on. An oversize frame or a bad version line leaves the stream unusable.
 *
 * <p>Programming errors on our own side (building a message with a string that is too long,
 * encoding a frame too big for version 02) are {@link IllegalArgumentException}s instead.
 */
public final class ProtocolException extends RuntimeException {

    /** {@link #tag()} when the message did not get as far as its tag. */
    public static final int NO_TAG = -1;

    private final int tag;
    private final boolean inSync;

    private ProtocolException(String message, int tag, boolean inSync) {
        super(message);
        this.tag = tag;
        this.inSync = inSync;
    }

    /** The tag of the offending message, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** True when the bad frame was consumed whole and the next frame can be read. */
    public boolean inSync() {
        return inSync;
    }

    static ProtocolException unknownType(int type, int tag) {
        return new ProtocolException("unknown message type " + type + " (tag " + tag + ")", tag, true);
    }

    static ProtocolException shortFrame(int length) {
        return new ProtocolException("short frame: " + length + " bytes, a message needs at least "
                + Message.HEADER_SIZE + " (type and tag)", NO_TAG, true);
    }

    static ProtocolException shortMessage(String name, int tag, String field, int need, int have) {
        return new ProtocolException(name + " (tag " + tag + ") ends early: " + field + " needs " + need
                + " bytes, " + have + " left", tag, true);
    }

    static ProtocolException oversizeFrame(long length, long max, ProtocolVersion version) {
        return new ProtocolException("frame of " + length + " bytes is larger than the " + max
                + "-byte limit (protocol " + version.text() + ")", NO_TAG, false);
    }

    static ProtocolException stringTooLong(String name, int tag, String field, int length) {
        return new ProtocolException(name + " (tag " + tag + ") " + field + " is " + length
                + " bytes, longer than the " + Message.MAX_STRING + "-byte limit for strings", tag, true);
    }

    static ProtocolException nulInString(String name, int tag, String field, int index) {
        return new ProtocolException(name + " (tag " + tag + ") " + field + " has a NUL byte at index "
                + index + "; strings may not contain NUL", tag, true);
    }

    static ProtocolException stringNotUtf8(String name, int tag, String field) {
        return new ProtocolException(name + " (tag " + tag + ") " + field + " is not valid UTF-8", tag, true);
    }

    static ProtocolException badCount(int tag, int bytes) {
        return new ProtocolException("Tread (tag " + tag + ") count is " + bytes
                + " bytes; it must be 2 (u16) or 4 (u32)", tag, true);
    }

    static ProtocolException trailingBytes(Message message, int extra) {
        return new ProtocolException(message.name() + " (tag " + message.tag() + ") has " + extra
                + " bytes after its last field", message.tag(), true);
    }

    static ProtocolException badVersionLine(String reason) {
        return new ProtocolException("bad version line: " + reason, NO_TAG, false);
    }
}
