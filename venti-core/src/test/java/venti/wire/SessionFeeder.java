package venti.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One direction of a session fed in arbitrary pieces, as a non-blocking reader gets it:
 * bytes are appended to an accumulator and the version line, then whole frames, are taken
 * out of it. Compacts only when the accumulator is full, so feeding a byte at a time stays
 * linear.
 */
final class SessionFeeder {

    private final ProtocolVersion version;
    private byte[] acc = new byte[256];
    private int read;
    private int write;
    private VersionLine line;
    private FrameDecoder decoder;
    private final List<Message> messages = new ArrayList<>();

    SessionFeeder(ProtocolVersion version) {
        this.version = version;
    }

    void feed(byte[] src, int off, int len) {
        if (write + len > acc.length) {
            int live = write - read;
            byte[] next = live + len > acc.length ? new byte[Math.max(2 * acc.length, live + len)] : acc;
            System.arraycopy(acc, read, next, 0, live);
            acc = next;
            read = 0;
            write = live;
        }
        System.arraycopy(src, off, acc, write, len);
        write += len;
        drain();
    }

    private void drain() {
        ByteBuffer b = ByteBuffer.wrap(acc, read, write - read);
        if (line == null) {
            line = VersionLine.decode(b);
            if (line == null) {
                return;
            }
            decoder = new FrameDecoder(version);
        }
        for (Message m; (m = decoder.decode(b)) != null; ) {
            messages.add(m);
        }
        read = b.position();
    }

    VersionLine line() {
        return line;
    }

    List<Message> messages() {
        return messages;
    }

    /** Bytes fed but not yet part of a whole line or frame. */
    byte[] pending() {
        return Arrays.copyOfRange(acc, read, write);
    }
}
