package venti.cli;

import java.io.IOException;
import java.io.EOFException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.Session;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.wire.Message;
import venti.wire.Rerror;
import venti.wire.Rread;
import venti.wire.Rwrite;
import venti.wire.Tread;
import venti.wire.Twrite;

/**
 * venti/randtest: writes a run of generated blocks, reads them back and checks them, and
 * says how fast each went.
 *
 * <p>The blocks are the C program's for the same seed, percentage and block size: a template
 * of {@code blocksize} bytes, each Plan 9 {@code lrand() % max} after {@code srand(seed)},
 * where {@code max = 256 * randpct / 100} (at least 1), so a lower percentage gives more
 * compressible bytes; block {@code i} is the template with its first four bytes replaced by
 * {@code i} as a little-endian u32 (the C program stores an {@code int} there on a
 * little-endian machine). With {@code -P} the blocks go in a random order drawn with
 * {@code nrand} from a second, unseeded generator, as the C program's is, continuing from the
 * write pass to the read pass.
 *
 * <p>{@code -m N} keeps N requests in flight on the one connection (at most 256, the number
 * of tags); the summary adds blocks per second and the median and 99th percentile latency of
 * a request to the C program's line.
 */
@Command(name = "randtest", sortOptions = false,
        header = "Load test: write random blocks, read them back, check",
        description = {
                "Load test: writes generated data blocks to a Venti server, reads them back and checks every"
                        + " byte, printing the rate of each pass.",
                "The blocks are the same as plan9port's randtest makes for the same seed, block size and"
                        + " percentage. Without -r or -w, does both."})
final class RandTestCommand implements Callable<Integer> {

    /** Tags a session has: the most requests that can be in flight. */
    static final int TAGS = 256;

    @Option(names = "-q", description = "Quiet: no progress on standard error.")
    boolean quiet;
    @Mixin
    Host host;
    @Option(names = "-s", paramLabel = "seed", defaultValue = "0", description = "Random seed (default 0).")
    int seed;
    @Option(names = "-b", paramLabel = "blocksize", defaultValue = "8192", converter = SizeConverter.class,
            description = "Bytes per block, 4 to 56k (default 8192).")
    long blockSize;
    @Option(names = "-p", paramLabel = "randpct", defaultValue = "50",
            description = "Percentage of the 256 byte values used, 0-100 (default 50).")
    int randPct;
    @Option(names = "-n", paramLabel = "totalbytes", defaultValue = "1g", converter = SizeConverter.class,
            description = "Bytes to write and read (default 1g).")
    long totalBytes;
    @Option(names = "-M", paramLabel = "maxblocks", defaultValue = "0", converter = SizeConverter.class,
            description = "At most this many blocks (0: no limit).")
    long maxBlocks;
    @Option(names = "-P", description = "Permute: write and read the blocks in random order.")
    boolean permute;
    @Option(names = "-r", description = "Read pass (only, unless -w too).")
    boolean read;
    @Option(names = "-w", description = "Write pass (only, unless -r too).")
    boolean write;
    @Option(names = "-m", paramLabel = "N", defaultValue = "1",
            description = "Requests in flight at once (default 1, one at a time).")
    int inFlight;
    @Spec
    CommandSpec spec;

    /** What to run. */
    record Settings(int seed, int blockSize, int randPct, long blocks, boolean permute, boolean write, boolean read,
                    int inFlight, boolean quiet) {
        Settings {
            if (blockSize < Integer.BYTES || blockSize > BlockStore.MAX_BLOCK) {
                throw new IllegalArgumentException("block size " + blockSize + ": want " + Integer.BYTES + " to "
                        + BlockStore.MAX_BLOCK);
            }
            if (randPct < 0 || randPct > 100) {
                throw new IllegalArgumentException("percentage " + randPct + ": want 0 to 100");
            }
            if (inFlight < 1 || inFlight > TAGS) {
                throw new IllegalArgumentException("requests in flight " + inFlight + ": want 1 to " + TAGS);
            }
            if (blocks > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(blocks + " blocks are more than one run can number");
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        long blocks = totalBytes / blockSize;
        if (maxBlocks > 0 && maxBlocks < blocks) {
            blocks = maxBlocks;
        }
        Settings s;
        try {
            s = new Settings(seed, (int) Math.min(blockSize, Integer.MAX_VALUE), randPct, blocks, permute,
                    write || !read, read || !write, inFlight, quiet);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Session session = host.session()) {
            run(session, s, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return 0;
    }

    /** The template block: {@code blockSize} values of {@code lrand() % max} after {@code srand(seed)}. */
    static byte[] template(int seed, int randPct, int blockSize) {
        Lrand r = new Lrand(seed);
        int max = Math.max(1, 256 * randPct / 100);
        byte[] t = new byte[blockSize];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) (r.next() % max);
        }
        return t;
    }

    /** Block {@code n}: the template with {@code n} in its first four bytes, little-endian. */
    static byte[] block(byte[] template, int n) {
        byte[] b = template.clone();
        b[0] = (byte) n;
        b[1] = (byte) (n >>> 8);
        b[2] = (byte) (n >>> 16);
        b[3] = (byte) (n >>> 24);
        return b;
    }

    /** Block numbers in the order of one pass: 0, 1, ... or shuffled with {@code nrand} as the C program does. */
    static int[] order(int blocks, Lrand nrand) {
        int[] order = new int[blocks];
        Arrays.setAll(order, i -> i);
        if (nrand != null) {
            for (int i = 1; i < blocks; i++) {
                int j = nrand.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Runs the passes asked for; prints one summary line per pass. */
    static void run(Session session, Settings s, PrintWriter out, PrintWriter err) throws IOException {
        byte[] template = template(s.seed(), s.randPct(), s.blockSize());
        Lrand nrand = s.permute() ? new Lrand(1) : null;
        if (s.write()) {
            run(new Pass("write", session, s, template, order((int) s.blocks(), nrand)), out, err);
        }
        if (s.read()) {
            run(new Pass("read", session, s, template, order((int) s.blocks(), nrand)), out, err);
        }
    }

    /** Runs one pass; stopped by Ctrl-C or SIGTERM, it still prints its summary, of the blocks done. */
    private static void run(Pass pass, PrintWriter out, PrintWriter err) throws IOException {
        Thread hook = new Thread(() -> {
            out.println(pass.summary() + " (interrupted after " + pass.done() + " of " + pass.blocks() + " blocks)");
            out.flush();
        }, "randtest summary");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            pass.run(out, err);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is printing the summary
            }
        }
    }

    /**
     * One pass, on one thread: keeps {@code inFlight} requests on the wire, sending the next as
     * each reply arrives and flushing only when no further reply is already waiting, so a burst
     * of replies costs one read and one write (the C program runs N threads instead; the load
     * on the server is the same, the cost to the generator much less). Writes check the score
     * the server answers with, reads check every byte.
     */
    private static final class Pass {
        private final String name;
        private final Session session;
        private final Settings s;
        private final byte[] template;
        private final int[] order;
        private final boolean writing;
        private final byte[][] blocks = new byte[TAGS][];
        private final Score[] scores = new Score[TAGS];
        private final long[] sent = new long[TAGS];
        private final Latencies latencies = new Latencies();
        private int next;
        /** Replies checked, and when the pass started: read by the summary, from another thread on Ctrl-C. */
        private int done;
        private long t0;

        Pass(String name, Session session, Settings s, byte[] template, int[] order) {
            this.name = name;
            this.session = session;
            this.s = s;
            this.template = template;
            this.order = order;
            this.writing = name.equals("write");
        }

        void run(PrintWriter out, PrintWriter err) throws IOException {
            synchronized (this) {
                t0 = System.nanoTime();
            }
            long reported = t0;
            for (int tag = 0; tag < Math.min(s.inFlight(), TAGS) && next < order.length; tag++) {
                send(tag);
            }
            session.flush();
            for (int n = 0; n < order.length; n++) {
                Message reply = session.receive();
                if (reply == null) {
                    throw new EOFException(name + ": venti server " + session.server() + " closed the connection");
                }
                int tag = reply.tag();
                check(reply);
                synchronized (this) {
                    latencies.record(System.nanoTime() - sent[tag]);
                    done++;
                }
                blocks[tag] = null;
                if (next < order.length) {
                    send(tag);
                }
                if (!session.replyWaiting()) {
                    session.flush();
                }
                if (!s.quiet() && System.nanoTime() - reported >= 1_000_000_000L) {
                    err.printf("%s: %d of %d blocks%n", name, n + 1, order.length);
                    err.flush();
                    reported = System.nanoTime();
                }
            }
            out.println(summary());
        }

        /** The C program's line for the blocks done so far, with the rate of blocks and the latencies. */
        synchronized String summary() {
            double seconds = (System.nanoTime() - t0) / 1e9;
            long bytes = (long) done * s.blockSize();
            return String.format(Locale.ROOT,
                    "%s: %d bytes / %.3f seconds = %.6f MB/s, %.0f blocks/s, latency p50 %.3f ms, p99 %.3f ms",
                    name, bytes, seconds, bytes / 1e6 / seconds, done / seconds,
                    latencies.percentile(0.50) / 1e6, latencies.percentile(0.99) / 1e6);
        }

        synchronized int done() {
            return done;
        }

        int blocks() {
            return order.length;
        }

        private void send(int tag) throws IOException {
            byte[] b = block(template, order[next++]);
            blocks[tag] = b;
            scores[tag] = Sha1.hash(b);
            sent[tag] = System.nanoTime();
            session.send(writing ? Twrite.of(tag, BlockType.DATA, b) : Tread.of(tag, scores[tag], BlockType.DATA, b.length));
        }

        private void check(Message reply) throws IOException {
            int tag = reply.tag();
            if (blocks[tag] == null) {
                throw new IOException(name + ": venti server " + session.server() + " answered tag " + tag
                        + ", which no request in flight has");
            }
            switch (reply) {
                case Rerror e -> throw new IOException(name + ": " + e.error());
                case Rwrite w when writing -> {
                    if (!w.score().equals(scores[tag])) {
                        throw new IOException("score mismatch! " + scores[tag] + " " + w.score());
                    }
                }
                case Rread r when !writing -> {
                    if (!Arrays.equals(r.data(), blocks[tag])) {
                        throw new IOException("bad data read! " + scores[tag]);
                    }
                }
                default -> throw new IOException(name + ": venti server " + session.server() + " answered with "
                        + reply.name());
            }
        }
    }
}
