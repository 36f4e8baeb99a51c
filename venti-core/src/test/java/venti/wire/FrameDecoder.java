package venti.wire;

import java.nio.ByteBuffer;

/**
 * Takes whole frames out of an accumulating buffer, for tests that decode captured bytes and
 * single frames without a stream. Connections read with {@link FrameReader}.
 *
 * <p>{@link #decode} looks at the buffer's remaining bytes. Until a whole frame is there it
 * returns null and moves nothing, so a partial frame is never consumed; the caller appends
 * more bytes and calls again. The length is checked against the limit as soon as the prefix
 * is in, before the body arrives and before anything is allocated. When the frame is whole
 * the buffer's position moves past it <em>before</em> its message is decoded, so a
 * {@link ProtocolException} about the message itself leaves the buffer at the next frame
 * ({@link ProtocolException#inSync()}). An oversize frame does not move the position.
 *
 * <p>Holds no state but its settings: thread-safe, and one instance may serve many streams.
 */
final class FrameDecoder {

    private final ProtocolVersion version;
    private final long maxLength;

    /** A decoder with the {@link Frame#DEFAULT_MAX_LENGTH default} length limit. */
    FrameDecoder(ProtocolVersion version) {
        this(version, Frame.DEFAULT_MAX_LENGTH);
    }

    /** A decoder refusing messages longer than {@code maxLength} bytes (capped by the prefix width). */
    FrameDecoder(ProtocolVersion version, int maxLength) {
        if (maxLength < Message.HEADER_SIZE) {
            throw new IllegalArgumentException("frame limit " + maxLength + " is below the "
                    + Message.HEADER_SIZE + "-byte minimum message");
        }
        this.version = version;
        this.maxLength = Math.min(maxLength, version.maxLength());
    }

    ProtocolVersion version() {
        return version;
    }

    /**
     * The next message in the buffer's remaining bytes, or null when no whole frame is there.
     *
     * @throws ProtocolException when the frame is too long, or its message is malformed
     */
    Message decode(ByteBuffer src) {
        int prefix = version.lengthSize();
        if (src.remaining() < prefix) {
            return null;
        }
        long length = version.getLength(src, src.position());
        if (length > maxLength) {
            throw ProtocolException.oversizeFrame(length, maxLength, version);
        }
        if (src.remaining() - prefix < length) {
            return null;
        }
        int start = src.position() + prefix;
        ByteBuffer message = src.slice(start, (int) length);
        src.position(start + (int) length);
        return Message.unpack(message);
    }
}
