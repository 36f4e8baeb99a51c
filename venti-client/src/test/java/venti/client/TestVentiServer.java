package venti.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import venti.core.Score;
import venti.core.Sha1;
import venti.wire.FrameReader;
import venti.wire.FrameWriter;
import venti.wire.Message;
import venti.wire.ProtocolException;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rhello;
import venti.wire.Rping;
import venti.wire.Rread;
import venti.wire.Rsync;
import venti.wire.Rwrite;
import venti.wire.Tgoodbye;
import venti.wire.Tping;
import venti.wire.Tread;
import venti.wire.Tsync;
import venti.wire.Twrite;
import venti.wire.VersionLine;

/**
 * A small Venti server for the client's tests: it knows only the versions it announces,
 * keeps blocks in a map, answers with the C server's error texts,
 * each request answered from its own virtual thread (so replies come back in any order), and
 * knobs to delay, hold back, tamper with or drop replies and to drop the connection.
 */
final class TestVentiServer implements AutoCloseable {

    private record Key(Score score, int wireType) {
    }

    private final ServerSocket listener;
    private final VersionLine line;
    private final Map<Key, byte[]> blocks = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Message> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** Longest random delay before answering, in milliseconds. */
    volatile int maxDelayMillis;
    /** Close the connection, unanswered, when this many requests have arrived. */
    volatile int dropAfter = Integer.MAX_VALUE;
    /** Hold back the next n replies until all n are ready, then send them last first. */
    volatile int holdNext;
    /** Applied to each reply before it is sent; null means never answer. */
    volatile UnaryOperator<Message> tamper = UnaryOperator.identity();

    TestVentiServer() throws IOException {
        this(VersionLine.LIBVENTI);
    }

    TestVentiServer(VersionLine line) throws IOException {
        this.line = line;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test venti server").start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    VentiClient connect() throws IOException {
        return connect(ClientOptions.DEFAULT);
    }

    VentiClient connect(ClientOptions options) throws IOException {
        return VentiClient.connect(address(), options);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    List<Message> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = listener.accept();
                connections.add(s);
                Thread.ofVirtual().name("test venti connection").start(() -> serve(s));
            }
        } catch (IOException e) {
            // the listener was closed: the test is over
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            out.write(line.encode());
            out.flush();
            List<String> peer = VersionLine.read(in).versions();
            ProtocolVersion v = ProtocolVersion.negotiate(peer.stream().filter(line.versions()::contains).toList())
                    .orElseThrow();
            FrameReader reader = new FrameReader(in, v);
            Connection c = new Connection(new FrameWriter(out, v));
            Message hello = reader.read();
            if (hello == null) {
                return;
            }
            c.send(new Rhello(hello.tag(), "test", 0, 0));
            for (Message m; (m = reader.read()) != null && !(m instanceof Tgoodbye); ) {
                received.add(m);
                int n = requests.incrementAndGet();
                if (n >= dropAfter) {
                    return;
                }
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Message request = m;
                Thread.startVirtualThread(() -> c.answer(request));
            }
        } catch (IOException | ProtocolException e) {
            // the client went away, or spoke a version we do not
        }
    }

    private Message respond(Message request) {
        int tag = request.tag();
        return switch (request) {
            case Tread r -> {
                byte[] b = blocks.get(new Key(r.score(), r.wireType()));
                if (b == null) {
                    yield new Rerror(tag, "no block with score " + r.score() + "/" + r.blockType().value() + " exists");
                }
                yield b.length > r.count()
                        ? new Rerror(tag, "read too small: asked for " + r.count() + " need at least " + b.length)
                        : new Rread(tag, b);
            }
            case Twrite w -> {
                if (w.data().length > Message.MAX_BLOCK) {
                    yield new Rerror(tag, "lump too large");
                }
                Score score = Sha1.hash(w.data());
                blocks.put(new Key(score, w.wireType()), w.data());
                yield new Rwrite(tag, score);
            }
            case Tsync s -> new Rsync(tag);
            case Tping p -> new Rping(tag);
            default -> new Rerror(tag, "unknown request");
        };
    }

    /** One client connection: its replies go out under one lock. */
    private final class Connection {
        private final FrameWriter writer;
        private final ReentrantLock lock = new ReentrantLock();
        private final List<Message> held = new ArrayList<>();

        Connection(FrameWriter writer) {
            this.writer = writer;
        }

        void answer(Message request) {
            try {
                if (maxDelayMillis > 0) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
                }
                Message reply = tamper.apply(respond(request));
                if (reply == null) {
                    return;
                }
                lock.lock();
                try {
                    if (holdNext > 0) {
                        held.add(reply);
                        if (held.size() < holdNext) {
                            return;
                        }
                        for (Message m : held.reversed()) {
                            inFlight.decrementAndGet();
                            writer.write(m);
                        }
                        held.clear();
                        holdNext = 0;
                    } else {
                        inFlight.decrementAndGet();
                        writer.write(reply);
                    }
                    writer.flush();
                } finally {
                    lock.unlock();
                }
            } catch (IOException | InterruptedException e) {
                // the connection was dropped on purpose, or the client left
            }
        }

        void send(Message m) throws IOException {
            lock.lock();
            try {
                writer.write(m);
                writer.flush();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
