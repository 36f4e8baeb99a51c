package venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads framed messages from a blocking stream: the one reader of a connection.
 *
 * <p>Each frame is read whole into an array of exactly its length, after the length has
 * been checked against the limit, and decoded from there. A stream that ends between frames
 * ends the session cleanly ({@link #read()} returns null); one that ends inside a frame is
 * an {@link EOFException}. Give it a buffered stream: the prefix is read in small pieces.
 *
 * <p>Not thread-safe: one thread reads a connection.
 */
public final class FrameReader {

    private final InputStream in;
    private final ProtocolVersion version;
    private final long maxLength;
    private final byte[] prefix;
    private final ByteBuffer prefixView;

    /** A reader with the {@link Frame#DEFAULT_MAX_LENGTH default} length limit. */
    public FrameReader(InputStream in, ProtocolVersion version) {
        this(in, version, Frame.DEFAULT_MAX_LENGTH);
    }

    public FrameReader(InputStream in, ProtocolVersion version, int maxLength) {
        this.in = in;
        this.version = version;
        this.maxLength = Math.min(maxLength, version.maxLength());
        this.prefix = new byte[version.lengthSize()];
        this.prefixView = ByteBuffer.wrap(prefix);
    }

    public ProtocolVersion version() {
        return version;
    }

    /**
     * The next message, or null when the stream ends cleanly between frames.
     *
     * @throws EOFException      when the stream ends inside a frame
     * @throws ProtocolException when the frame is too long (the stream is then unusable) or its
     *                           message is malformed (the next frame may still be read)
     */
    public Message read() throws IOException {
        int got = readFully(prefix);
        if (got == 0) {
            return null;
        }
        if (got < prefix.length) {
            throw new EOFException("stream ended " + got + " bytes into a " + prefix.length + "-byte frame length");
        }
        long length = version.getLength(prefixView, 0);
        if (length > maxLength) {
            throw ProtocolException.oversizeFrame(length, maxLength, version);
        }
        byte[] message = new byte[(int) length];
        got = readFully(message);
        if (got < length) {
            throw new EOFException("stream ended " + got + " bytes into a " + length + "-byte message");
        }
        return Message.unpack(ByteBuffer.wrap(message));
    }

    /** Reads until {@code b} is full or the stream ends; returns the bytes read. */
    private int readFully(byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
