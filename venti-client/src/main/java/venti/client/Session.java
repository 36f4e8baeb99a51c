package venti.client;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import venti.core.DialAddress;
import venti.core.SpinWait;
import venti.wire.FrameReader;
import venti.wire.FrameWriter;
import venti.wire.Message;
import venti.wire.ProtocolException;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rhello;
import venti.wire.Thello;
import venti.wire.VersionLine;

/**
 * An open Venti session: a connection that has exchanged version lines and Thello/Rhello,
 * with a frame reader and writer for the negotiated version.
 *
 * <p>{@link VentiClient} runs one reader thread on it and serialises writers with a lock. A
 * single thread may also drive one directly, sending requests without waiting and reading
 * replies as they come, which is the cheapest way to keep requests in flight (the load
 * generator does this). Not thread-safe.
 */
public final class Session implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final String server;
    private final Socket socket;
    private final InputStream in;
    private final ProtocolVersion version;
    private final String serverId;
    private final FrameReader reader;
    private final FrameWriter writer;

    private Session(String server, Socket socket, InputStream in, ProtocolVersion version, String serverId,
                    FrameReader reader, FrameWriter writer) {
        this.server = server;
        this.socket = socket;
        this.in = in;
        this.version = version;
        this.serverId = serverId;
        this.reader = reader;
        this.writer = writer;
    }

    /** Connects to {@code address} and says hello, offering versions 04 and 02. */
    public static Session open(DialAddress address, ClientOptions options) throws IOException {
        if (address.isWildcard()) {
            throw new IllegalArgumentException("cannot dial " + address + ": '*' is for listening");
        }
        return open(address.toSocketAddress(), address.toString(), options);
    }

    /** Connects to {@code address}, named {@code server} in messages, and says hello. */
    public static Session open(InetSocketAddress address, String server, ClientOptions options) throws IOException {
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot connect to venti server " + server + ": host "
                    + address.getHostString() + " could not be resolved");
        }
        Socket socket = new Socket();
        try {
            int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
            socket.connect(address, timeout);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            out.write(VersionLine.LIBVENTI.encode());
            out.flush();
            VersionLine line = VersionLine.read(in);
            ProtocolVersion version = line.negotiate().orElseThrow(() -> new IOException(
                    "no common protocol version: the server offers " + String.join(":", line.versions())
                            + ", we speak " + String.join(":", VersionLine.LIBVENTI.versions())));
            FrameWriter writer = new FrameWriter(out, version);
            Thello hello = Thello.of(version, options.uid());
            writer.write(hello);
            writer.flush();
            FrameReader reader = new FrameReader(in, version);
            Message reply = reader.read();
            String sid = switch (reply) {
                case Rhello h when h.tag() == hello.tag() -> h.sid();
                case Rerror e -> throw new ServerErrorException(server, e.error());
                case null -> throw new EOFException("the server closed the connection instead of answering Thello");
                default -> throw new IOException("the server answered Thello with " + reply);
            };
            socket.setSoTimeout(0);
            return new Session(server, socket, in, version, sid, reader, writer);
        } catch (ServerErrorException e) {
            socket.close();
            throw e;
        } catch (IOException | ProtocolException e) {
            socket.close();
            String why = e instanceof SocketTimeoutException
                    ? "no answer within " + options.connectTimeout() : e.getMessage();
            throw new IOException("cannot connect to venti server " + server + ": " + why, e);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's address as a dial string, for messages. */
    public String server() {
        return server;
    }

    /** The protocol version the server and this client agreed on. */
    public ProtocolVersion version() {
        return version;
    }

    /** The server's name for itself from Rhello. */
    public String serverId() {
        return serverId;
    }

    /** Queues a message to send; it leaves at the next {@link #flush}, or sooner when the buffer fills. */
    public void send(Message m) throws IOException {
        writer.write(m);
    }

    /** Sends everything queued. */
    public void flush() throws IOException {
        writer.flush();
    }

    /**
     * The next message from the server, waiting for it (briefly busily, see {@link SpinWait});
     * null when the server closed the connection.
     */
    public Message receive() throws IOException {
        SpinWait.forInput(in);
        return reader.read();
    }

    /** True when a reply has already arrived, at least in part, so {@link #receive} will not wait long. */
    public boolean replyWaiting() throws IOException {
        return in.available() > 0;
    }

    FrameWriter writer() {
        return writer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
