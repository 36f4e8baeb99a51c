package venti.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Field codecs shared by the message records: strings, counted byte strings, payloads,
 * and the checks that turn a short or malformed field into a {@link ProtocolException}.
 *
 * <p>A protocol string is a u16 byte count and that many bytes of UTF-8, at most
 * {@link Message#MAX_STRING} bytes, without NUL and without a terminator. A counted byte
 * string (Thello's crypto and codec lists) is a u8 count and that many bytes.
 */
final class Fields {

    static final byte[] NO_BYTES = new byte[0];
    static final int STRING_LENGTH_SIZE = 2;
    static final int MAX_COUNTED = 0xff;

    private Fields() {
    }

    static void checkTag(int tag) {
        if (tag < 0 || tag > 0xff) {
            throw new IllegalArgumentException("tag " + tag + " out of range 0..255");
        }
    }

    static void checkByte(int value, String field) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(field + " " + value + " out of range 0..255");
        }
    }

    /** Checks a string the caller wants to send: present, no NUL, at most MAX_STRING bytes. */
    static void checkString(String s, String field) {
        Objects.requireNonNull(s, field);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " contains NUL, which the protocol forbids");
        }
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n > Message.MAX_STRING) {
            throw new IllegalArgumentException(field + " is " + n + " bytes of UTF-8, more than the "
                    + Message.MAX_STRING + "-byte limit");
        }
    }

    static void checkCounted(byte[] bytes, String field) {
        Objects.requireNonNull(bytes, field);
        if (bytes.length > MAX_COUNTED) {
            throw new IllegalArgumentException(field + " has " + bytes.length + " bytes, at most "
                    + MAX_COUNTED + " fit its one-byte count");
        }
    }

    static int stringSize(String s) {
        return STRING_LENGTH_SIZE + s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void putString(ByteBuffer dst, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        dst.putShort((short) b.length).put(b);
    }

    static String getString(ByteBuffer src, String name, int tag, String field) {
        need(src, STRING_LENGTH_SIZE, name, tag, field + " length");
        int n = src.getShort() & 0xffff;
        if (n > Message.MAX_STRING) {
            throw ProtocolException.stringTooLong(name, tag, field, n);
        }
        need(src, n, name, tag, field);
        ByteBuffer bytes = src.slice(src.position(), n);
        src.position(src.position() + n);
        for (int i = 0; i < n; i++) {
            if (bytes.get(i) == 0) {
                throw ProtocolException.nulInString(name, tag, field, i);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw ProtocolException.stringNotUtf8(name, tag, field);
        }
    }

    static void putCounted(ByteBuffer dst, byte[] bytes) {
        dst.put((byte) bytes.length).put(bytes);
    }

    static byte[] getCounted(ByteBuffer src, String name, int tag, String field) {
        need(src, 1, name, tag, field + " count");
        int n = src.get() & 0xff;
        need(src, n, name, tag, field);
        byte[] b = new byte[n];
        src.get(b);
        return b;
    }

    static int getByte(ByteBuffer src, String name, int tag, String field) {
        need(src, 1, name, tag, field);
        return src.get() & 0xff;
    }

    /** All remaining bytes: the payload of Rread, Twrite and the auth messages. */
    static byte[] rest(ByteBuffer src) {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        return b;
    }

    static void need(ByteBuffer src, int n, String name, int tag, String field) {
        if (src.remaining() < n) {
            throw ProtocolException.shortMessage(name, tag, field, n, src.remaining());
        }
    }

    /** Equality of two payload-only messages (Rread and the auth messages). */
    static boolean samePayload(Message a, Object b) {
        return b instanceof Message m && m.type() == a.type() && m.tag() == a.tag()
                && Arrays.equals(m.payload(), a.payload());
    }

    static int payloadHash(Message m) {
        return 31 * (31 * m.type() + m.tag()) + Arrays.hashCode(m.payload());
    }

    /** A short description that gives a payload's length, not its bytes. */
    static String describe(Message m, String fields) {
        return m.name() + "[tag=" + m.tag() + (fields.isEmpty() ? "" : ", " + fields)
                + ", payload=" + m.payload().length + " bytes]";
    }
}
