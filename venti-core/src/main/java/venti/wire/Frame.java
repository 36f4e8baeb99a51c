package venti.wire;

import java.nio.ByteBuffer;

/**
 * A framed message: the message's length as a u16 (protocol 02) or u32 (protocol 04),
 * then the message.
 *
 * <pre>
 * offset  size  field
 * 0       2|4   length n of the message (not counting this prefix)
 * 2|4     n     message: type, tag, fields, payload ({@link Message})
 * </pre>
 *
 * <p>Limits live in three places. The length prefix bounds a frame by its width (65535 in
 * 02). The reader ({@link FrameReader}) refuses a frame longer than its
 * own limit, {@link #DEFAULT_MAX_LENGTH} unless told otherwise, before allocating anything:
 * it bounds memory per connection, and is set well above the largest block so that an
 * oversize Twrite still arrives as a message and is refused by the storage layer with
 * "lump too large", as the C server does (whose reader has no limit at all). Block size
 * ({@link Message#MAX_BLOCK}) is enforced by the server's store and by our client, not here.
 *
 * <p>Stateless; thread-safe.
 */
public final class Frame {

    /**
     * The default limit on a frame's message length: 256 KiB, four times the largest block
     * plus room for any header, and well above the 70,006-byte Twrite of the captures.
     */
    public static final int DEFAULT_MAX_LENGTH = 256 * 1024;

    private Frame() {
    }

    /** Bytes of the whole frame, prefix included. */
    public static int size(Message message, ProtocolVersion version) {
        return version.lengthSize() + checkedLength(message, version);
    }

    /** Bytes of the frame before the payload: prefix, type, tag and fields. */
    public static int headerSize(Message message, ProtocolVersion version) {
        return version.lengthSize() + Message.HEADER_SIZE + message.fieldsSize();
    }

    /**
     * Writes the prefix, type, tag and fields at the buffer's position; the payload is the
     * caller's to send after them.
     */
    public static void encodeHeader(Message message, ProtocolVersion version, ByteBuffer dst) {
        version.putLength(dst, checkedLength(message, version));
        message.packHeader(dst);
    }

    /** Writes the whole frame at the buffer's position. */
    public static void encode(Message message, ProtocolVersion version, ByteBuffer dst) {
        encodeHeader(message, version, dst);
        dst.put(message.payload());
    }

    /** The whole frame in a new buffer, flipped for reading. */
    public static ByteBuffer encode(Message message, ProtocolVersion version) {
        ByteBuffer b = ByteBuffer.allocate(size(message, version));
        encode(message, version, b);
        return b.flip();
    }

    private static int checkedLength(Message message, ProtocolVersion version) {
        int length = message.size();
        if (length > version.maxLength()) {
            throw new IllegalArgumentException(message.name() + " of " + length + " bytes does not fit a protocol "
                    + version.text() + " frame (at most " + version.maxLength() + ")");
        }
        return length;
    }
}
