package venti.wire;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The protocol versions we speak. They differ only in framing: version 02 prefixes each
 * message with a u16 length, version 04 with a u32 length (and libventi 04 may send a u32
 * Tread count, which {@link Tread} reads in either version).
 *
 * <p>Each peer announces a list of versions in its {@link VersionLine}; each side then takes
 * the first version in the <em>peer's</em> list that it knows ({@link #negotiate}). Both
 * libventi and we announce {@code 04:02}, so two such peers settle on 04. The client states
 * its choice in Thello, and the C server closes the connection when it differs from its own.
 */
public enum ProtocolVersion {
    V02("02", 2, 0xffffL),
    V04("04", 4, 0xffff_ffffL);

    /** The versions we announce, in order of preference. */
    public static final List<ProtocolVersion> PREFERRED = List.of(V04, V02);

    private final String text;
    private final int lengthSize;
    private final long maxLength;

    ProtocolVersion(String text, int lengthSize, long maxLength) {
        this.text = text;
        this.lengthSize = lengthSize;
        this.maxLength = maxLength;
    }

    /** The version as it appears in version lines and Thello: "02" or "04". */
    public String text() {
        return text;
    }

    /** Bytes of the frame length prefix: 2 or 4. */
    public int lengthSize() {
        return lengthSize;
    }

    /** The largest message length the prefix can carry. */
    public long maxLength() {
        return maxLength;
    }

    /** The version named {@code text}, if we speak it. */
    public static Optional<ProtocolVersion> of(String text) {
        for (ProtocolVersion v : values()) {
            if (v.text.equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The first version in the peer's list that we speak, or empty when there is none. */
    public static Optional<ProtocolVersion> negotiate(List<String> peerVersions) {
        return peerVersions.stream().map(ProtocolVersion::of).flatMap(Optional::stream).findFirst();
    }

    /** Reads the length prefix at the buffer's absolute {@code index}. */
    long getLength(ByteBuffer src, int index) {
        return lengthSize == 2 ? src.getShort(index) & 0xffffL : src.getInt(index) & 0xffff_ffffL;
    }

    /** Writes {@code length} as the prefix at the buffer's position. */
    void putLength(ByteBuffer dst, int length) {
        if (lengthSize == 2) {
            dst.putShort((short) length);
        } else {
            dst.putInt(length);
        }
    }
}
