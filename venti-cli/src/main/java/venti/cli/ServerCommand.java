package venti.cli;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import venti.replica.Mirror;
import venti.replica.ReplicaOptions;
import venti.replica.Replication;
import venti.server.VentiDaemon;
import venti.server.VentiServer;
import venti.store.Arena;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.DefaultStore;

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

    @Option(names = "--mirror", paramLabel = "address",
            description = "Copy every block to this Venti server as it is written (venti.conf: mirror address); "
                    + "repeat for more. A cursor file beside venti.conf records how far each replica holds the log.")
    List<String> mirrors = List.of();

    @Option(names = "--sync-mirror", paramLabel = "address",
            description = "A mirror that a sync waits for: a client's sync returns only once this replica has synced "
                    + "every block written before it (venti.conf: mirror address sync).")
    List<String> syncMirrors = List.of();

    @Option(names = "--heal", paramLabel = "address",
            description = "Read blocks whose local clump is damaged from this Venti server too (mirrors are asked "
                    + "first); venti.conf: heal address.")
    List<String> heal = List.of();

    @Option(names = "--repair", description = "Store a block read from a mirror or heal source again locally, and "
            + "point the index at the fresh copy (venti.conf: repair); the damaged clump stays.")
    boolean repair;

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
        Store.Options cache = Store.Options.of(vc).override(lumpCacheSize, indexCacheSize);
        VentiDaemon.StatusServer<HttpPages> pages = httpListen == null ? null : () -> {
            err.print("httpd " + http + "...");
            err.flush();
            HttpServer bound = Httpd.bind(httpListen);
            return new VentiDaemon.Pending<>() {
                @Override
                public HttpPages start(Store store, VentiServer server, Replication replication) throws IOException {
                    return HttpPages.start(bound, store, server, replication, root);
                }

                @Override
                public void close() {
                    bound.stop(0);
                }
            };
        };
        Replication.Plan plan = replicationPlan(vc, defaultStore ? data : stateDir(conf));
        VentiDaemon<HttpPages> started;
        try {
            started = VentiDaemon.start(new VentiDaemon.Settings(vc, dir, listen, readOnly, cache, plan), pages, step -> {
                err.print(step);
                err.flush();
            });
        } catch (IOException | RuntimeException e) {
            err.println();
            throw e;
        }
        try (VentiDaemon<HttpPages> daemon = started) {
            err.println("serving.");
            if (defaultStore) {
                List<Arena> arenas = daemon.store().index().arenas();
                err.printf(Locale.ROOT, "venti: store %s: %,d bytes of arenas in %d arenas%n", data.toAbsolutePath(),
                        arenas.stream().mapToLong(Arena::dataSize).sum(), arenas.size());
            }
            err.println("venti: listening on " + daemon.server().dialAddress() + (readOnly ? " (read only)" : ""));
            daemon.status().ifPresent(p -> err.println("venti: http on " + p.httpd().uri()));
            for (Mirror m : daemon.replication().mirrors()) {
                err.println("venti: mirroring to " + m.replica() + (m.isSync() ? " (sync: syncs wait for it)" : ""));
            }
            err.flush();
            Thread hook = new Thread(daemon::close, "venti shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                daemon.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already closing the daemon
            }
        }
        return 0;
    }

    /** The mirrors and heal sources of venti.conf and the command line. */
    private Replication.Plan replicationPlan(VentiConfig vc, Path stateDir) {
        List<VentiConfig.MirrorLine> all = new ArrayList<>(vc.mirrors());
        mirrors.forEach(a -> all.add(new VentiConfig.MirrorLine(a, false)));
        syncMirrors.forEach(a -> all.add(new VentiConfig.MirrorLine(a, true)));
        List<String> sources = new ArrayList<>(vc.heal());
        sources.addAll(heal);
        return new Replication.Plan(all, sources, repair || vc.repair(), stateDir, ReplicaOptions.DEFAULT);
    }

    /** Where mirror cursors live: beside a venti.conf file, or in the working directory for a configuration kept in a partition. */
    private static Path stateDir(Path conf) throws IOException {
        Path parent = conf.toAbsolutePath().getParent();
        return Files.isRegularFile(conf) && Files.size(conf) <= VentiConfig.STORED_SIZE && parent != null
                ? parent : Path.of("").toAbsolutePath();
    }

    /** The HTTP pages, with the log ring that feeds {@code /log}. */
    private record HttpPages(Httpd httpd, LogRing ring) implements AutoCloseable {

        static HttpPages start(HttpServer bound, Store store, VentiServer server, Replication replication,
                               Path webroot) throws IOException {
            LogRing ring = LogRing.attach();
            try {
                var metrics = VentiMetrics.prometheus(store, server);
                VentiMetrics.bind(metrics, replication);
                return new HttpPages(Httpd.start(bound, store, metrics, Httpd.Options.NONE.withWebroot(webroot)
                        .withVariables(logVariables()).withRecentLog(ring::lines).withReplication(replication)), ring);
            } catch (IOException | RuntimeException e) {
                ring.detach();
                throw e;
            }
        }

        @Override
        public void close() {
            httpd.close();
            ring.detach();
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
