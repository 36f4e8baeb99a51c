package venti.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import venti.wire.Frame;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Thello;
import venti.wire.VersionLine;

/**
 * A client that sends bytes as they are and reads the server's frames whole, unparsed: for
 * replaying captures and for behaving badly. Reads time out after five seconds, so a test
 * waiting for a reply that never comes fails instead of hanging.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private ProtocolVersion version = ProtocolVersion.V04;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    /** Connects, exchanges version lines and says hello in {@code version}. */
    static RawClient session(InetSocketAddress address, ProtocolVersion version) throws IOException {
        RawClient c = new RawClient(address);
        c.send(("venti-" + version.text() + "-test\n").getBytes());
        c.readLine();
        c.version = version;
        c.send(Thello.of(version, "tester"));
        c.readFrame();
        return c;
    }

    Socket socket() {
        return socket;
    }

    void version(ProtocolVersion v) {
        version = v;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(Message m) throws IOException {
        send(frame(m, version));
    }

    static byte[] frame(Message m, ProtocolVersion version) {
        ByteBuffer b = Frame.encode(m, version);
        return Arrays.copyOf(b.array(), b.limit());
    }

    /** The server's version line, newline included. */
    byte[] readLine() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("no version line");
            }
            s.append((char) c);
        }
        return (s + "\n").getBytes();
    }

    /** One whole frame, its length prefix included. */
    byte[] readFrame() throws IOException {
        byte[] prefix = new byte[version.lengthSize()];
        in.readFully(prefix);
        long length = 0;
        for (byte b : prefix) {
            length = length << 8 | (b & 0xff);
        }
        byte[] frame = Arrays.copyOf(prefix, prefix.length + (int) length);
        in.readFully(frame, prefix.length, (int) length);
        return frame;
    }

    /** The next frame decoded. */
    Message read() throws IOException {
        byte[] f = readFrame();
        return Message.unpack(ByteBuffer.wrap(f, version.lengthSize(), f.length - version.lengthSize()));
    }

    /**
     * True when the server closes the connection within {@code millis} without sending
     * anything more (a reset counts as a close: the server may close with our bytes unread).
     */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Everything until the server closes. */
    byte[] readRest() throws IOException {
        return in.readAllBytes();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
