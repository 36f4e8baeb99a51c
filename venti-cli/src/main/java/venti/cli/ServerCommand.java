package venti.cli;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import venti.core.DialAddress;
import venti.http.Httpd;
import venti.http.Variable;
import venti.http.VentiMetrics;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.Arena;
import venti.store.DefaultStore;
import venti.store.Store;
import venti.store.VentiConfig;

/**
 * venti server: the Venti server (venti(8)), on a store a venti.conf describes or, with none,
 * on a default store of its own in {@code ./venti-data}.
 */
@Command(name = "server", sortOptions = false,
        description = {"Serve a Venti store over the Venti protocol, in the foreground, until interrupted "
                + "(SIGTERM or Ctrl-C stops it cleanly: requests in flight finish, the index and bloom filter "
                + "are written back, and the C checkers find the store clean).",
                "The store is the one venti.conf describes: -c, else ./venti.conf. With neither, the server "
                        + "uses a default store in ./venti-data (or --data), made on first run with the format "
                        + "tools and sized from the free disk, and listens on 127.0.0.1:17034.",
                "With -h (or venti.conf's httpaddr) it also serves status and control pages over HTTP: "
                        + "/index, /xindex, /storage, /stats, /metrics (Prometheus), /set, /flushicache, "
                        + "/flushdcache, /log and the others of venti(8); / lists them."})
final class ServerCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "-a", paramLabel = "address",
            description = "Address to listen on (tcp!host!port, host:port). Default: venti.conf's addr, "
                    + "else tcp!*!venti (all interfaces, port 17034); 127.0.0.1:17034 for the default store.")
    String address;

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility: the operating system's page cache is the block cache.")
    long blockCacheSize;

    @Option(names = "-c", paramLabel = "config", description = "The configuration: a venti.conf file, or a partition holding one.")
    Path config;

    @Option(names = "-C", paramLabel = "lumpcachesize", converter = SizeConverter.class,
            description = "Bytes of recently used blocks to keep in memory. Default: venti.conf's mem, "
                    + "else a sixteenth of the heap (at most 256 MiB).")
    long lumpCacheSize;

    @Option(names = "-h", paramLabel = "httpaddress",
            description = "Serve the HTTP status pages on this address (tcp!*!8000, 127.0.0.1:8000; the service "
                    + "http, or no port, is port 80). Default: venti.conf's httpaddr, else no HTTP server.")
    String httpAddress;

    @Option(names = "-I", paramLabel = "indexcachesize", converter = SizeConverter.class,
            description = "Bytes of index entries to keep in memory. Default: venti.conf's icmem, "
                    + "else an eighth of the heap (at most 1 GiB).")
    long indexCacheSize;

    @Option(names = "-r", description = "Read only: refuse every write with \"read only\"; nothing on disk changes.")
    boolean readOnly;

    @Option(names = "-d", description = "Debug: log everything the server does.")
    boolean debug;

    @Option(names = "-L", description = "Log each connection and failed request.")
    boolean logging;

    @Option(names = "-s", description = "Accepted for compatibility: the server always runs in the foreground.")
    boolean foreground;

    @Option(names = "-w", description = "Accepted for compatibility (the old server's queued writes): "
            + "writes never wait for the index here.")
    boolean queueWrites;

    @Option(names = "-W", paramLabel = "webroot",
            description = "Directory whose files the HTTP server serves at paths that are not its pages. "
                    + "Default: venti.conf's webroot.")
    Path webroot;

    @Option(names = "--data", paramLabel = "dir", description = "Where the default store lives (default ./venti-data).")
    Path data = DefaultStore.DIR;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        setLogging();
        PrintWriter err = spec.commandLine().getErr();
        Path conf = config;
        Path dir = Path.of("");
        String listen = address;
        boolean defaultStore = false;
        if (conf == null && Files.exists(Path.of("venti.conf"))) {
            conf = Path.of("venti.conf");
        }
        if (conf == null) {
            defaultStore = true;
            dir = data;
            conf = DefaultStore.config(data);
            if (!DefaultStore.exists(data)) {
                Files.createDirectories(data);
                long free = Files.getFileStore(data).getUsableSpace();
                err.println("venti: making a default store in " + data.toAbsolutePath());
                DefaultStore.create(data, free, err);
            }
            if (listen == null) {
                listen = "127.0.0.1:17034";
            }
        }
        err.print("venti: conf...");
        err.flush();
        VentiConfig vc = VentiConfig.read(conf);
        if (listen == null) {
            listen = vc.addr() != null ? vc.addr() : "tcp!*!venti";
        }
        String http = httpAddress != null ? httpAddress : vc.httpAddr();
        DialAddress httpListen = http == null ? null : Httpd.parseAddress(http);
        Path root = webroot != null ? webroot : vc.webroot() != null ? dir.resolve(vc.webroot()) : null;
        Store.Options options = Store.Options.of(vc).override(lumpCacheSize, indexCacheSize);
        err.print("init...");
        err.flush();
        Addresses bound = new Addresses(listen, httpListen, http, err);
        Store store;
        VentiServer server;
        try {
            store = Store.open(vc, dir, readOnly ? Store.Mode.READ_ONLY : Store.Mode.READ_WRITE, options,
                    line -> LoggerFactory.getLogger(ServerCommand.class).info("{}", line), bound::bind);
        } catch (IOException | RuntimeException e) {
            bound.close();
            err.println();
            throw e;
        }
        server = VentiServer.start(bound.venti, store, ServerOptions.DEFAULT.withReadOnly(readOnly));
        Httpd httpd = null;
        LogRing ring = null;
        if (bound.http != null) {
            ring = LogRing.attach();
            try {
                httpd = Httpd.start(bound.http, store, VentiMetrics.prometheus(store, server),
                        Httpd.Options.NONE.withWebroot(root).withVariables(logVariables()).withRecentLog(ring::lines));
            } catch (IOException e) {
                err.print("warning: can't start http server: " + e.getMessage() + "...");
                ring.detach();
                ring = null;
            }
        }
        err.println("serving.");
        if (defaultStore) {
            err.printf(Locale.ROOT, "venti: store %s: %,d bytes of arenas in %d arenas%n", data.toAbsolutePath(),
                    store.index().arenas().stream().mapToLong(Arena::dataSize).sum(), store.index().arenas().size());
        }
        err.println("venti: listening on " + server.dialAddress() + (readOnly ? " (read only)" : ""));
        if (httpd != null) {
            err.println("venti: http on " + httpd.uri());
        }
        err.flush();
        Running running = new Running(httpd, ring, server, store);
        Thread hook = new Thread(running::stop, "venti shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            running.stop();
        } catch (IllegalStateException shuttingDown) {
            // the hook is already stopping the server
        }
        return 0;
    }

    /**
     * The listening addresses, bound after the store is locked and before it recovers, so
     * that a busy port stops the server before anything on disk changes. An HTTP address
     * that cannot be bound only warns, as in the C server.
     */
    private static final class Addresses {
        private final String ventiText;
        private final DialAddress httpAddress;
        private final String httpText;
        private final PrintWriter err;
        ServerSocket venti;
        HttpServer http;

        Addresses(String ventiText, DialAddress httpAddress, String httpText, PrintWriter err) {
            this.ventiText = ventiText;
            this.httpAddress = httpAddress;
            this.httpText = httpText;
            this.err = err;
        }

        void bind() throws IOException {
            err.print("announce " + ventiText + "...");
            err.flush();
            venti = VentiServer.bind(DialAddress.parseListen(ventiText));
            if (httpAddress != null) {
                err.print("httpd " + httpText + "...");
                try {
                    http = Httpd.bind(httpAddress);
                } catch (IOException e) {
                    err.print("warning: can't start http server: " + e.getMessage() + "...");
                }
            }
            err.print("sync...");
            err.flush();
        }

        void close() {
            if (http != null) {
                http.stop(0);
            }
            if (venti != null) {
                try {
                    venti.close();
                } catch (IOException e) {
                    LoggerFactory.getLogger(ServerCommand.class).debug("closing {}: {}", ventiText, e.toString());
                }
            }
        }
    }

    /** What runs until the server stops; the HTTP server and log ring may be null. */
    private record Running(Httpd httpd, LogRing ring, VentiServer server, Store store) {

        /**
         * Stops the HTTP server, stops accepting, lets requests in flight finish, writes back
         * the index and bloom filter.
         */
        void stop() {
            if (httpd != null) {
                httpd.close();
                ring.detach();
            }
            server.close();
            try {
                store.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(ServerCommand.class).error("closing the store: {}", e.getMessage(), e);
            }
        }
    }

    /**
     * The log switches of the HTTP {@code /set} page: {@code logging} is {@code -L} (each
     * connection and failed request), {@code debug} is {@code -d} (everything).
     */
    private static List<Variable> logVariables() {
        return List.of(levelSwitch("logging", "venti.server"), levelSwitch("debug", "venti"));
    }

    private static Variable levelSwitch(String name, String loggerName) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerName);
        return Variable.ofSwitch(name, () -> logger.getLevel() == Level.DEBUG, on -> logger.setLevel(on ? Level.DEBUG : null));
    }

    private void setLogging() {
        if (debug || logging) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("venti"))
                    .setLevel(debug ? Level.DEBUG : Level.INFO);
            if (logging) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("venti.server")).setLevel(Level.DEBUG);
            }
        }
    }
}
