package venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Reads framed messages from a blocking stream: the one reader of a connection, for the
 * client and the server alike.
 *
 * <p>Each frame is read whole into an array of exactly its length, after the length has
 * been checked against the limit, so a server can hand a written block to the store as a
 * slice of it, uncopied. A stream that ends between frames ends the session cleanly
 * ({@link #next} and {@link #read()} return null); one that ends inside a frame is an
 * {@link EOFException}. Give it a buffered stream: the prefix is read in small pieces.
 *
 * <p>When the stream has a read timeout (a socket's), a timeout between frames only means the
 * peer is quiet, and reading goes on when the caller allows it; once a frame has begun, a
 * timeout is a {@link SocketTimeoutException}, so a peer that sends half a frame and stops
 * cannot hold the connection.
 *
 * <p>Not thread-safe: one thread reads a connection at a time.
 */
public final class FrameReader {

    private final InputStream in;
    private final ProtocolVersion version;
    private final long maxLength;
    private final Duration timeout;
    private final byte[] prefix;
    private final ByteBuffer prefixView;

    /** A reader with the {@link Frame#DEFAULT_MAX_LENGTH default} length limit. */
    public FrameReader(InputStream in, ProtocolVersion version) {
        this(in, version, Frame.DEFAULT_MAX_LENGTH, null);
    }

    /**
     * A reader refusing messages longer than {@code maxLength} bytes (capped by the prefix
     * width), on a stream whose read timeout is {@code timeout} (null when it has none; only
     * used in messages).
     */
    public FrameReader(InputStream in, ProtocolVersion version, int maxLength, Duration timeout) {
        this.in = in;
        this.version = version;
        this.maxLength = Math.min(maxLength, version.maxLength());
        this.timeout = timeout;
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
        byte[] message = next(false);
        return message == null ? null : Message.unpack(ByteBuffer.wrap(message));
    }

    /**
     * The next frame's message bytes, undecoded, in an array of exactly their length; null
     * when the stream ends cleanly between frames.
     *
     * @param mayIdle whether to go on waiting when the read timeout passes before the frame's first byte
     * @throws EOFException           when the stream ends inside a frame
     * @throws SocketTimeoutException when the frame stalls, or the peer stays quiet and {@code mayIdle} is false
     * @throws ProtocolException      when the length exceeds the limit (the stream is then unusable)
     */
    public byte[] next(boolean mayIdle) throws IOException {
        int got = fill(prefix, mayIdle);
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
        got = fill(message, false);
        if (got < length) {
            throw new EOFException("stream ended " + got + " bytes into a " + length + "-byte message");
        }
        return message;
    }

    /** Reads until {@code b} is full or the stream ends; returns the bytes read. */
    private int fill(byte[] b, boolean mayIdle) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r;
            try {
                r = in.read(b, n, b.length - n);
            } catch (SocketTimeoutException e) {
                if (mayIdle && n == 0) {
                    continue;
                }
                throw new SocketTimeoutException("no data for " + timeout + " with " + n + " of " + b.length
                        + " bytes of a frame " + (b == prefix ? "length" : "message") + " read");
            }
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
