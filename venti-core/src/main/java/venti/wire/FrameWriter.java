package venti.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes framed messages to a blocking stream without copying large payloads.
 *
 * <p>Prefix, type, tag and fields go into a reused buffer. A payload that fits in what is
 * left of that buffer (at least 16 KiB) is copied behind them so the frame leaves in one
 * write; a larger one (a 56 KiB Rread) is handed to the stream as it is, right after the
 * header. Nothing is flushed until {@link #flush()}, so a caller may send several frames in
 * one go.
 *
 * <p>Not thread-safe: callers sharing a connection hold one lock around {@code write} and
 * {@code flush}, so frames never interleave.
 */
public final class FrameWriter {

    /** The largest header: Thello with two 1024-byte strings and two 255-byte lists, prefixed. */
    static final int MAX_HEADER = ProtocolVersion.V04.lengthSize() + Message.HEADER_SIZE
            + 2 * (Fields.STRING_LENGTH_SIZE + Message.MAX_STRING) + 1 + 2 * (1 + Fields.MAX_COUNTED);
    /** Payloads up to this size are copied behind the header and leave in the same write. */
    static final int COPY_LIMIT = 16 * 1024;

    private final OutputStream out;
    private final ProtocolVersion version;
    private final byte[] buffer = new byte[MAX_HEADER + COPY_LIMIT];
    private final ByteBuffer header = ByteBuffer.wrap(buffer);

    public FrameWriter(OutputStream out, ProtocolVersion version) {
        this.out = out;
        this.version = version;
    }

    public ProtocolVersion version() {
        return version;
    }

    /** Writes one frame; nothing is flushed. */
    public void write(Message message) throws IOException {
        header.clear();
        Frame.encodeHeader(message, version, header);
        byte[] payload = message.payload();
        if (payload.length <= header.remaining()) {
            header.put(payload);
            out.write(buffer, 0, header.position());
        } else {
            out.write(buffer, 0, header.position());
            out.write(payload);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }
}
