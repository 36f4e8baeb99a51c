package venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One direction of a session fed in arbitrary pieces, read back the way a connection reads
 * it: the version line, then frames through {@link FrameReader}, the reader clients and the
 * server use, over a stream whose every read returns at most the rest of one piece, as a
 * socket returns what has arrived.
 */
final class SessionFeeder {

    private final ProtocolVersion version;
    private final List<byte[]> pieces = new ArrayList<>();
    private VersionLine line;
    private List<Message> messages;
    private byte[] pending;

    SessionFeeder(ProtocolVersion version) {
        this.version = version;
    }

    void feed(byte[] src, int off, int len) {
        pieces.add(Arrays.copyOfRange(src, off, off + len));
        messages = null;
    }

    /** Reads everything fed so far from the start. */
    private void readBack() {
        if (messages != null) {
            return;
        }
        Pieces in = new Pieces(pieces);
        messages = new ArrayList<>();
        line = null;
        long whole = 0;
        try {
            line = VersionLine.read(in);
            whole = in.position;
            FrameReader reader = new FrameReader(in, version);
            for (Message m; (m = reader.read()) != null; ) {
                messages.add(m);
                whole = in.position;
            }
        } catch (EOFException partial) {
            // the bytes after the last whole line or frame are pending
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending = Arrays.copyOfRange(in.all(), (int) whole, in.all().length);
    }

    VersionLine line() {
        readBack();
        return line;
    }

    List<Message> messages() {
        readBack();
        return messages;
    }

    /** Bytes fed but not yet part of a whole line or frame. */
    byte[] pending() {
        readBack();
        return pending;
    }

    /** The pieces as a stream: a read never crosses from one piece into the next. */
    private static final class Pieces extends InputStream {
        private final List<byte[]> pieces;
        private int piece;
        private int offset;
        long position;

        Pieces(List<byte[]> pieces) {
            this.pieces = pieces;
        }

        byte[] all() {
            int n = pieces.stream().mapToInt(p -> p.length).sum();
            byte[] b = new byte[n];
            int at = 0;
            for (byte[] p : pieces) {
                System.arraycopy(p, 0, b, at, p.length);
                at += p.length;
            }
            return b;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (piece < pieces.size() && offset == pieces.get(piece).length) {
                piece++;
                offset = 0;
            }
            if (piece == pieces.size()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, pieces.get(piece).length - offset);
            System.arraycopy(pieces.get(piece), offset, b, off, n);
            offset += n;
            position += n;
            return n;
        }
    }
}
