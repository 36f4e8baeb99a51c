package venti.wire;

import java.nio.ByteBuffer;
import venti.core.BlockStore;

/**
 * One Venti protocol message, without its frame length.
 *
 * <p>Every message starts with its type and the tag that pairs a reply with its request;
 * the fields that follow depend on the type. A reply's type is its request's plus one, or
 * {@link Rerror}. Types 7 (Rgoodbye, never sent) and anything above 17 do not exist.
 *
 * <pre>
 * offset  size  field
 * 0       1     type
 * 1       1     tag
 * 2       ...   fields, then the payload (bytes running to the end of the message)
 * </pre>
 *
 * <p>The layout is split in two so a large block is never copied to be sent: the fixed
 * fields ({@link #fieldsSize()}, {@link #packFields}) and the {@link #payload()}, which
 * {@link FrameWriter} hands to the stream as it is. Records holding arrays do not copy them:
 * callers must not change an array once it is in a message. Records are immutable otherwise,
 * and thread-safe.
 */
public sealed interface Message
        permits Rerror, Tping, Rping, Thello, Rhello, Tgoodbye, Tauth0, Rauth0, Tauth1, Rauth1,
        Tread, Rread, Twrite, Rwrite, Tsync, Rsync {

    /** Bytes of type and tag. */
    int HEADER_SIZE = 2;
    /** The longest string, in UTF-8 bytes, the protocol carries (libventi's VtMaxStringSize). */
    int MAX_STRING = 1024;
    /**
     * The largest block a Venti server stores (VtMaxLumpSize, 56 KiB). The codec does not
     * enforce it: the C server answers a larger Twrite with {@code Rerror "lump too large"}
     * from its storage layer, and ours does the same.
     */
    int MAX_BLOCK = BlockStore.MAX_BLOCK;

    /** The tag, 0..255. */
    int tag();

    /** The type number of venti(7). */
    int type();

    /** Bytes of fields between the tag and the payload. */
    default int fieldsSize() {
        return 0;
    }

    /** Writes the fields between the tag and the payload at the buffer's position. */
    default void packFields(ByteBuffer dst) {
    }

    /** The bytes that run to the end of the message (a block, for Twrite and Rread). */
    default byte[] payload() {
        return Fields.NO_BYTES;
    }

    /** The message's length: the number its frame prefix carries. */
    default int size() {
        return HEADER_SIZE + fieldsSize() + payload().length;
    }

    /** The protocol's name for this message, as {@code Tread}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Writes type, tag and fields (everything but the payload) at the buffer's position. */
    default void packHeader(ByteBuffer dst) {
        dst.put((byte) type()).put((byte) tag());
        packFields(dst);
    }

    /** Writes the whole message at the buffer's position. */
    default void pack(ByteBuffer dst) {
        packHeader(dst);
        dst.put(payload());
    }

    /**
     * Decodes one message from all of the buffer's remaining bytes, consuming them.
     * The frame layers hand it exactly one frame's contents, so a violation never leaves
     * the stream between frames.
     *
     * @throws ProtocolException when the bytes are not exactly one well-formed message
     */
    static Message unpack(ByteBuffer src) {
        if (src.remaining() < HEADER_SIZE) {
            throw ProtocolException.shortFrame(src.remaining());
        }
        int type = src.get() & 0xff;
        int tag = src.get() & 0xff;
        Message message = switch (type) {
            case Rerror.TYPE -> Rerror.unpack(tag, src);
            case Tping.TYPE -> new Tping(tag);
            case Rping.TYPE -> new Rping(tag);
            case Thello.TYPE -> Thello.unpack(tag, src);
            case Rhello.TYPE -> Rhello.unpack(tag, src);
            case Tgoodbye.TYPE -> new Tgoodbye(tag);
            case Tauth0.TYPE -> new Tauth0(tag, Fields.rest(src));
            case Rauth0.TYPE -> new Rauth0(tag, Fields.rest(src));
            case Tauth1.TYPE -> new Tauth1(tag, Fields.rest(src));
            case Rauth1.TYPE -> new Rauth1(tag, Fields.rest(src));
            case Tread.TYPE -> Tread.unpack(tag, src);
            case Rread.TYPE -> new Rread(tag, Fields.rest(src));
            case Twrite.TYPE -> Twrite.unpack(tag, src);
            case Rwrite.TYPE -> Rwrite.unpack(tag, src);
            case Tsync.TYPE -> new Tsync(tag);
            case Rsync.TYPE -> new Rsync(tag);
            default -> throw ProtocolException.unknownType(type, tag);
        };
        if (src.hasRemaining()) {
            throw ProtocolException.trailingBytes(message, src.remaining());
        }
        return message;
    }
}
