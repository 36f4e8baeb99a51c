package venti.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import venti.wire.Captures;
import venti.wire.FrameReader;
import venti.wire.FrameWriter;
import venti.wire.Message;
import venti.wire.ProtocolVersion;
import venti.wire.Tgoodbye;
import venti.wire.Thello;
import venti.wire.VersionLine;

/**
 * A peer that plays the C server's side of a wire capture to one client connection.
 *
 * <p>Each request the client sends is looked up among the capture's requests (the first not
 * yet used whose bytes match, the tag aside) and answered with the C server's reply to it,
 * carrying the client's tag; Tgoodbye ends the session, as it does in the C server. So a client may skip requests, reorder them or use other tags.
 * Every byte the client sends is recorded. With {@code holdUntil} n, the replies to the first
 * n requests after Thello are held back until the n-th has arrived, so n are in flight at once.
 */
final class ReplayServer implements AutoCloseable {

    private record Exchange(byte[] request, byte[] reply) {
    }

    private final ServerSocket listener;
    private final VersionLine line;
    private final ProtocolVersion version;
    private final List<Exchange> script;
    private final boolean[] used;
    private final int holdUntil;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ReplayServer(String scenario) throws IOException {
        this(scenario, VersionLine.LIBVENTI, 0);
    }

    ReplayServer(String scenario, VersionLine line, int holdUntil) throws IOException {
        this.line = line;
        this.version = line.negotiate().orElse(ProtocolVersion.V04);
        this.holdUntil = holdUntil;
        Captures.Session requests = Captures.session(scenario, true);
        Captures.Session replies = Captures.session(scenario, false);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0, r = 0; i < requests.messages().size(); i++) {
            if (!(requests.messages().get(i) instanceof Tgoodbye)) {
                exchanges.add(new Exchange(body(requests.messages().get(i)), body(replies.messages().get(r++))));
            }
        }
        this.script = exchanges;
        this.used = new boolean[exchanges.size()];
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = Thread.ofVirtual().name("replay " + scenario).start(this::serve);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Every byte the client sent, once it has gone. */
    byte[] received() throws InterruptedException {
        thread.join(10_000);
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** Requests that matched nothing in the capture. */
    List<String> problems() throws InterruptedException {
        thread.join(10_000);
        return problems;
    }

    private void serve() {
        try (Socket s = listener.accept()) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(new Tee(s.getInputStream()));
            out.write(line.encode());
            out.flush();
            VersionLine.read(in);
            FrameReader reader = new FrameReader(in, version);
            FrameWriter writer = new FrameWriter(out, version);
            List<Message> held = new ArrayList<>();
            for (int n = 0; ; ) {
                Message request = reader.read();
                if (request == null || request instanceof Tgoodbye) {
                    return;
                }
                byte[] body = body(request);
                int i = match(body);
                if (i < 0) {
                    problems.add("request matches nothing in the capture: " + request);
                    return;
                }
                byte[] reply = script.get(i).reply().clone();
                reply[1] = body[1];
                held.add(Message.unpack(ByteBuffer.wrap(reply)));
                if (request instanceof Thello || ++n >= holdUntil) {
                    for (Message m : held) {
                        writer.write(m);
                    }
                    writer.flush();
                    held.clear();
                }
            }
        } catch (IOException e) {
            problems.add("replay failed: " + e);
        }
    }

    private static byte[] body(Message m) {
        ByteBuffer b = ByteBuffer.allocate(m.size());
        m.pack(b);
        return b.array();
    }

    private int match(byte[] request) {
        for (int i = 0; i < script.size(); i++) {
            byte[] want = script.get(i).request();
            if (!used[i] && want.length == request.length && want[0] == request[0]
                    && Arrays.equals(want, 2, want.length, request, 2, request.length)) {
                used[i] = true;
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** Copies every byte read into {@link #received}. */
    private final class Tee extends FilterInputStream {
        Tee(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                synchronized (received) {
                    received.write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                synchronized (received) {
                    received.write(b, off, n);
                }
            }
            return n;
        }
    }
}
