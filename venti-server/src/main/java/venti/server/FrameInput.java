package venti.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import venti.wire.ProtocolVersion;

/**
 * Reads a connection's frames, each message into an array of exactly its length that the
 * request then owns: a block written is handed to the store as a slice of it, uncopied.
 *
 * <p>The stream's read timeout is the connection's idle timeout. Between frames a timeout
 * only means the client is quiet, and reading goes on when the caller allows it; once a
 * frame has begun, a timeout closes the connection, so a client that sends half a frame and
 * stops cannot hold it open. A length above the limit fails before anything is allocated.
 *
 * <p>Not thread-safe: the connection's one reader uses it.
 */
final class FrameInput {

    private final InputStream in;
    private final long maxLength;
    private final Duration timeout;
    private final byte[] prefix;

    FrameInput(InputStream in, ProtocolVersion version, int maxLength, Duration timeout) {
        this.in = in;
        this.maxLength = Math.min(maxLength, version.maxLength());
        this.timeout = timeout;
        this.prefix = new byte[version.lengthSize()];
    }

    /**
     * The next message, or null when the stream ends cleanly between frames.
     *
     * @param mayIdle whether to go on waiting when the timeout passes before the frame's first byte
     * @throws EOFException           when the stream ends inside a frame
     * @throws SocketTimeoutException when the frame stalls, or the client stays quiet and {@code mayIdle} is false
     * @throws FrameTooLongException  when the length exceeds the limit
     */
    byte[] next(boolean mayIdle) throws IOException {
        int got = fill(prefix, mayIdle);
        if (got == 0) {
            return null;
        }
        if (got < prefix.length) {
            throw new EOFException("connection ended " + got + " bytes into a " + prefix.length + "-byte frame length");
        }
        long length = 0;
        for (byte b : prefix) {
            length = length << Byte.SIZE | (b & 0xff);
        }
        if (length > maxLength) {
            throw new FrameTooLongException(length, maxLength);
        }
        byte[] message = new byte[(int) length];
        got = fill(message, false);
        if (got < length) {
            throw new EOFException("connection ended " + got + " bytes into a " + length + "-byte message");
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

    /** A frame longer than the limit: the stream cannot be read further. */
    static final class FrameTooLongException extends IOException {
        FrameTooLongException(long length, long max) {
            super("frame of " + length + " bytes is longer than the " + max + "-byte limit");
        }
    }
}
