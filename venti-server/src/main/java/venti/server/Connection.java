package venti.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.core.BlockType;
import venti.core.SpinWait;
import venti.wire.FrameReader;
import venti.wire.FrameWriter;
import venti.wire.Message;
import venti.wire.ProtocolException;
import venti.wire.ProtocolVersion;
import venti.wire.Rerror;
import venti.wire.Rhello;
import venti.wire.Rping;
import venti.wire.Rsync;
import venti.wire.Tgoodbye;
import venti.wire.Thello;
import venti.wire.Tping;
import venti.wire.Tread;
import venti.wire.Tsync;
import venti.wire.Twrite;
import venti.wire.VersionLine;

/**
 * One client's session, from the version line to the close.
 *
 * <p>Design. The server sends its version line at once, reads the client's, takes the first
 * version in the client's list that it speaks and expects Thello (tag 0, that version); any
 * failure here closes the connection without a word, as the C server does. Then one reader,
 * the (platform) thread that runs {@link #run}, reads frames and answers them. A request is
 * served on the reader itself unless many frames already wait behind it: handing it to
 * another thread costs more than most requests take, and a client with a few requests in
 * flight would pay that on every round trip. A request with a deep backlog behind it, and
 * every sync (which waits for the disk), starts on a virtual thread of its own, so a client
 * that streams requests faster than one core answers them has them served in parallel. At most
 * {@link ServerOptions#maxInFlight()} are unanswered at once, and the reader waits for a slot
 * before taking the next frame, so a client that floods the server only fills its own TCP
 * window. Between frames the reader polls briefly before blocking ({@link SpinWait}). Replies
 * go out in the order they are ready, under one lock so frames never interleave, into a
 * buffered stream that the last reply ready flushes.
 *
 * <p>Violations. A message type that does not exist, and any request the server does not
 * serve (Tauth0, Tauth1, a second Thello, replies), get {@code Rerror "unknown request"} and
 * the session goes on; Tping gets Rping, as venti(7) says. A frame libventi's decoder
 * refuses (too short, fields that do not fit its type, a block type that does not exist) is
 * ignored by the C server, leaving its client waiting for ever; here it gets an Rerror saying
 * what is wrong, when its tag is known, and the connection is closed. So is a frame longer
 * than the limit, a stream that ends inside a frame, and a frame that stalls for the idle
 * timeout. Tgoodbye and the end of the stream close the connection once the requests in
 * flight are answered.
 *
 * <p>Thread-safety: {@link #run} is called once, by the reader; {@link #drain} and
 * {@link #abort} may be called from any thread.
 */
final class Connection {

    static final String SERVER_ID = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Frames waiting behind a request that make it worth serving on a thread of its own. */
    private static final int DEEP_BACKLOG = 2 * Runtime.getRuntime().availableProcessors();

    private final Socket socket;
    private final String peer;
    private final Requests requests;
    private final ServerOptions options;
    private final ThreadFactory requestThreads;
    private final Semaphore slots;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicInteger replying = new AtomicInteger();
    /** Twrites not yet answered, by their order of arrival. */
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> writes = new ConcurrentSkipListMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private long writesReceived;
    private FrameWriter writer;
    private OutputStream out;
    private InputStream in;
    private FrameReader frames;
    private final ReaderTurn turn = new ReaderTurn();
    /** Called when the reader starts serving a request itself, so the stall watcher looks. */
    private final Runnable readerBusy;

    Connection(Socket socket, Requests requests, ServerOptions options, ThreadFactory requestThreads,
               Runnable readerBusy) {
        this.socket = socket;
        this.readerBusy = readerBusy;
        this.peer = socket.getRemoteSocketAddress().toString();
        this.requests = requests;
        this.options = options;
        this.requestThreads = requestThreads;
        this.slots = new Semaphore(options.maxInFlight());
    }

    String peer() {
        return peer;
    }

    /** Completes when the connection is closed and its requests are done or abandoned. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /** Serves the session until it ends; closes the socket. */
    void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
            in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
            out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
            frames = handshake(in);
        } catch (IOException | RuntimeException e) {
            ended(e);
            finish();
            return;
        }
        if (frames == null) {
            finish();
            return;
        }
        log.debug("{}: session open, protocol {}", peer, writer.version().text());
        read(0);
    }

    /**
     * Reads and answers frames as the connection's reader for turn {@code epoch}, until the
     * session ends (then closes it) or a stalled request hands reading to another thread.
     */
    private void read(long epoch) {
        try {
            if (serve(epoch)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            if (!turn.isCurrent(epoch)) {
                return;
            }
            ended(e);
        }
        finish();
    }

    private void ended(Exception e) {
        switch (e) {
            case SocketTimeoutException t -> log.info("{}: closing: {}", peer, t.getMessage());
            case ProtocolException t -> log.info("{}: closing: {}", peer, t.getMessage());
            case IOException io -> log.debug("{}: closing: {}", peer, io.toString());
            default -> log.warn("{}: closing after an unexpected failure", peer, e);
        }
    }

    /**
     * Called by the server's watcher: when the reader has been serving one request itself for
     * longer than {@code stall} nanoseconds, a new reader takes over so later requests are not
     * held up behind it. Returns true when it did.
     */
    boolean takeOverIfStalled(long now, long stall) {
        long held = turn.heldFor(now);
        OptionalLong next = turn.takeOverIfStalled(now, stall);
        if (next.isEmpty()) {
            return false;
        }
        long epoch = next.getAsLong();
        log.debug("{}: request held the reader for {} us; reader {} takes over", peer, held / 1000, epoch);
        Thread.ofPlatform().daemon().name("venti-conn " + peer + " #" + epoch).start(() -> read(epoch));
        return true;
    }

    /** True while the reader is serving a request itself. */
    boolean busy() {
        return turn.busy();
    }

    /** Stops reading: the session ends once the requests in flight are answered. */
    void drain() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            abort();
        }
    }

    /** Closes the socket now; requests still running find it closed when they reply. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("{}: closing: {}", peer, e.toString());
        }
    }

    /** Version lines and hello; returns the frame reader, or null when the client is turned away. */
    private FrameReader handshake(InputStream in) throws IOException {
        out.write(VersionLine.LIBVENTI.encode());
        out.flush();
        VersionLine line;
        try {
            line = VersionLine.read(in);
        } catch (ProtocolException e) {
            log.info("{}: {}", peer, e.getMessage());
            return null;
        }
        ProtocolVersion version = line.negotiate().orElse(null);
        if (version == null) {
            log.info("{}: unable to negotiate version: client offers {}, we speak {}", peer,
                    String.join(":", line.versions()), String.join(":", VersionLine.LIBVENTI.versions()));
            return null;
        }
        FrameReader frames = new FrameReader(in, version, options.maxFrame(), options.idleTimeout());
        byte[] first = frames.next(false);
        if (first == null) {
            log.debug("{}: closed before hello", peer);
            return null;
        }
        String refusal = checkHello(first, version);
        if (refusal != null) {
            log.info("{}: {}", peer, refusal);
            return null;
        }
        writer = new FrameWriter(out, version);
        writer.write(new Rhello(0, SERVER_ID, 0, 0));
        writer.flush();
        return frames;
    }

    /** Why the first message is not an acceptable Thello, or null when it is. */
    private static String checkHello(byte[] message, ProtocolVersion version) {
        Message m;
        try {
            m = Message.unpack(ByteBuffer.wrap(message));
        } catch (ProtocolException e) {
            return "bad hello: " + e.getMessage();
        }
        if (!(m instanceof Thello hello)) {
            return "bad packet type " + m.type() + " (" + m.name() + "); want Thello " + Thello.TYPE;
        }
        if (hello.tag() != 0) {
            return "bad tag " + hello.tag() + " in hello; want 0";
        }
        if (!hello.version().equals(version.text())) {
            return "bad version '" + hello.version() + "' in hello; negotiated " + version.text();
        }
        return null;
    }

    /** Serves frames for turn {@code epoch}; true when another reader took over, false when the session ended. */
    private boolean serve(long epoch) throws IOException {
        while (true) {
            SpinWait.forInput(in);
            byte[] message = frames.next(true);
            if (message == null) {
                log.debug("{}: client closed the connection", peer);
                return false;
            }
            if (!dispatch(message, epoch)) {
                return false;
            }
            if (!turn.mayRead(epoch)) {
                return true;
            }
        }
    }

    /** Starts or answers one request; false when the session is over. */
    private boolean dispatch(byte[] message, long epoch) throws IOException {
        if (message.length < Message.HEADER_SIZE) {
            return refuse(-1, "frame of " + message.length + " bytes; a message needs at least "
                    + Message.HEADER_SIZE + " (type and tag)");
        }
        int type = message[0] & 0xff;
        int tag = message[1] & 0xff;
        if (!exists(type)) {
            log.debug("{}: <- message type {} (tag {}): unknown request", peer, type, tag);
            reply(new Rerror(tag, Requests.UNKNOWN_REQUEST));
            return true;
        }
        if (type == Twrite.TYPE) {
            return write(tag, message, epoch);
        }
        Message request;
        try {
            request = Message.unpack(ByteBuffer.wrap(message));
        } catch (ProtocolException e) {
            return refuse(e.tag(), e.getMessage());
        }
        log.debug("{}: <- {}", peer, request);
        switch (request) {
            case Tgoodbye g -> {
                log.debug("{}: goodbye", peer);
                return false;
            }
            case Tping p -> reply(new Rping(p.tag()));
            case Tread r when r.blockType() == BlockType.CORRUPT -> {
                return refuse(tag, "Tread (tag " + tag + ") has block type " + r.wireType() + ", which does not exist");
            }
            case Tread r -> {
                // Only writes unanswered now can make a first miss worth a second look: one
                // answered later, while the read looks, is gone from the map by the time it waits.
                long before = writesReceived;
                boolean pending = !writes.isEmpty();
                start(() -> requests.read(r, () -> awaitWrites(before) || pending), shallow(message.length), epoch);
            }
            case Tsync s -> {
                long before = writesReceived;
                start(() -> requests.sync(s.tag(), () -> awaitWrites(before)), false, epoch);
            }
            default -> reply(new Rerror(tag, Requests.UNKNOWN_REQUEST));
        }
        return true;
    }

    /** Twrite, read in place: the block is handed to the store as a slice of the frame. */
    private boolean write(int tag, byte[] message, long epoch) throws IOException {
        if (message.length < Twrite.DATA_OFFSET) {
            return refuse(tag, "Twrite (tag " + tag + ") of " + message.length + " bytes ends before its data");
        }
        int wireType = message[Twrite.WIRE_TYPE_OFFSET] & 0xff;
        BlockType type = BlockType.fromDisk(wireType);
        if (type == BlockType.CORRUPT) {
            return refuse(tag, "Twrite (tag " + tag + ") has block type " + wireType + ", which does not exist");
        }
        int len = message.length - Twrite.DATA_OFFSET;
        log.debug("{}: <- Twrite[tag={}, type={}, {} bytes]", peer, tag, type.value(), len);
        long seq = writesReceived++;
        CompletableFuture<Void> done = new CompletableFuture<>();
        writes.put(seq, done);
        start(() -> {
            try {
                return requests.write(tag, type, message, Twrite.DATA_OFFSET, len);
            } finally {
                writes.remove(seq);
                done.complete(null);
            }
        }, shallow(message.length), epoch);
        return true;
    }

    /** True when writes arrived before the {@code before}-th; waits for them to be answered. */
    private boolean awaitWrites(long before) throws InterruptedException {
        var earlier = writes.headMap(before);
        if (earlier.isEmpty()) {
            return false;
        }
        for (CompletableFuture<Void> w : earlier.values()) {
            try {
                w.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("write bookkeeping never fails", e);
            }
        }
        return true;
    }

    /** Type numbers venti(7) defines: Rerror (1) to Rsync (17), but for the absent Rgoodbye (7). */
    private static boolean exists(int type) {
        return type >= Rerror.TYPE && type <= Rsync.TYPE && type != Tgoodbye.TYPE + 1;
    }

    /** A message libventi's decoder refuses: says why when the tag is known, and ends the session. */
    private boolean refuse(int tag, String why) throws IOException {
        log.info("{}: bad packet, closing: {}", peer, why);
        if (tag >= 0) {
            reply(Requests.error(tag, "bad packet: " + why));
        }
        return false;
    }

    private interface Handler {
        Message handle();
    }

    /**
     * True when fewer than {@link #DEEP_BACKLOG} more frames of this size are already waiting:
     * the request is then served on the reader. Handing requests to other threads pays only
     * when there is more queued work than the cores could otherwise take in turn.
     */
    private boolean shallow(int frameLength) throws IOException {
        return in.available() < (long) DEEP_BACKLOG * (frameLength + writer.version().lengthSize());
    }

    /**
     * Runs a request on the reader ({@code inline}, marking the reader busy so the watcher can
     * hand reading over if it stalls) or on its own thread, once a slot is free.
     */
    private void start(Handler handler, boolean inline, long epoch) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a request slot");
        }
        if (inline) {
            turn.begin(epoch);
            readerBusy.run();
            try {
                reply(handler.handle());
            } finally {
                turn.end(epoch);
                slots.release();
            }
            return;
        }
        Thread t = requestThreads.newThread(() -> {
            try {
                reply(handler.handle());
            } catch (IOException e) {
                log.debug("{}: reply lost: {}", peer, e.toString());
                abort();
            } finally {
                slots.release();
            }
        });
        t.start();
    }

    /** Sends a reply; the last of the replies waiting for the lock flushes them all. */
    private void reply(Message reply) throws IOException {
        replying.incrementAndGet();
        writeLock.lock();
        try {
            boolean last;
            try {
                log.debug("{}: -> {}", peer, reply);
                writer.write(reply);
            } finally {
                last = replying.decrementAndGet() == 0;
            }
            if (last) {
                writer.flush();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Lets the requests in flight finish (for at most the drain timeout), then closes. */
    private void finish() {
        try {
            if (!slots.tryAcquire(options.maxInFlight(), options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: requests still running after {}; closing anyway", peer, options.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abort();
        closed.complete(null);
    }
}
