package venti.cli;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
import venti.store.CacheMemory;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.DefaultStore;

/**
 * venti server: the Venti server (venti(8)), on a store a venti.conf describes or, with none,
 * on a default store of its own where {@link StoreLocation} says.
 */
@Command(name = "server", sortOptions = false,
        header = "Serve a Venti store until interrupted",
        description = {"Serve a Venti store over the Venti protocol, in the foreground, until interrupted "
                + "(SIGTERM or Ctrl-C stops it cleanly: requests in flight finish, the index and bloom filter "
                + "are written back, and the C checkers find the store clean).",
                "The store is the one venti.conf describes: -c, else ./venti.conf. With neither, the server "
                        + "uses a default store of its own (see --data), made on first run with the format "
                        + "tools and sized from the free disk, and listens on 127.0.0.1:17034.",
                "An address that cannot be listened on is an error at start, for -a and -h alike.",
                "With -h (or venti.conf's httpaddr) it also serves status and control pages over HTTP: "
                        + "/index, /xindex, /storage, /stats, /graph, /metrics (Prometheus), /set, /flushicache, "
                        + "/flushdcache, /log and the others of venti(8); / is a live dashboard that lists them."})
final class ServerCommand implements Callable<Integer> {

    /** What the dashboard calls this server: {@code venti 0.1.0}. */
    private static final String VERSION = new Main.Version().getVersion()[0];

    @Option(names = "-a", paramLabel = "address",
            description = "Address to listen on (tcp!host!port, host:port, or a port alone for 127.0.0.1). Default: "
                    + "venti.conf's addr, else tcp!*!venti (all interfaces, port 17034); 127.0.0.1:17034 for the "
                    + "default store.")
    String address;

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility: the operating system's page cache is the block cache.")
    long blockCacheSize;

    @Option(names = "-c", paramLabel = "config", description = "The configuration: a venti.conf file, or a partition holding one.")
    Path config;

    @Option(names = "-C", paramLabel = "lumpcachesize", converter = SizeConverter.class,
            description = "Bytes of recently used blocks to keep in memory. Default: venti.conf's mem, "
                    + "else the share of the memory budget (-m) the index cache and bloom filter leave.")
    long lumpCacheSize;

    @Option(names = "-h", paramLabel = "httpaddress",
            description = "Serve the HTTP status pages on this address (tcp!*!8000, 127.0.0.1:8000, or a port alone "
                    + "for 127.0.0.1; the service http, or a host alone, is port 80). Default: venti.conf's httpaddr, "
                    + "else no HTTP server.")
    String httpAddress;

    @Option(names = "-I", paramLabel = "indexcachesize", converter = SizeConverter.class,
            description = "Bytes of index entries to keep in memory. Default: venti.conf's icmem, "
                    + "else up to two thirds of the memory budget (-m) the bloom filter leaves, "
                    + "as much as the index has slots for.")
    long indexCacheSize;

    @Option(names = "-m", paramLabel = "percent",
            description = "Memory budget for the caches and the bloom filter, as a percentage of the machine's RAM "
                    + "(./venti sizes the JVM's heap to match). Default: 60%% of the JVM's heap. "
                    + "/storage shows the split; -C, -I, mem and icmem override it.")
    int memoryPercent;

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

    @Option(names = "--data", paramLabel = "dir", description = "Where the default store lives. Default: "
            + "$VENTI_DATA, else $XDG_DATA_HOME/venti, else ~/.local/share/venti; a ./venti-data an older version "
            + "made is still used.")
    Path data;

    @CommandLine.ParentCommand
    Main main;

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
        Environment env = main.environment();
        Path conf = config == null ? null : env.resolve(config);
        Path dir = env.directory();
        String listen = address;
        if (conf == null && Files.exists(env.resolve(Path.of("venti.conf")))) {
            conf = env.resolve(Path.of("venti.conf"));
        }
        boolean defaultStore = conf == null;
        if (defaultStore) {
            StoreLocation location = StoreLocation.choose(data, env);
            if (location.note() != null) {
                err.println("venti: " + location.note());
            }
            dir = location.dir();
            conf = DefaultStore.config(dir);
            if (!location.exists()) {
                Files.createDirectories(dir);
                long free = Files.getFileStore(dir).getUsableSpace();
                err.println("venti: making a default store in " + dir);
                DefaultStore.create(dir, free, err);
            }
            if (listen == null) {
                listen = "127.0.0.1:17034";
            }
        }
        VentiConfig vc = VentiConfig.read(conf);
        if (listen == null) {
            listen = vc.addr() != null ? vc.addr() : "tcp!*!venti";
        }
        DialAddress ventiListen = address != null ? flag("-a", listen, DialAddress::parseListen)
                : setting("addr", listen, DialAddress::parseListen);
        DialAddress httpListen = httpAddress != null ? flag("-h", httpAddress, Httpd::parseAddress)
                : vc.httpAddr() != null ? setting("httpaddr", vc.httpAddr(), Httpd::parseAddress) : null;
        Path root = webroot != null ? webroot : vc.webroot() != null ? dir.resolve(vc.webroot()) : null;
        Store.Options cache = Store.Options.of(vc).override(lumpCacheSize, indexCacheSize);
        if (memoryPercent < 0 || memoryPercent > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-m: percent must be 1 to 100, not " + memoryPercent);
        }
        if (memoryPercent > 0) {
            cache = cache.withBudget(budget(memoryPercent, err));
        }
        // the log ring starts before the store opens, so /log and the dashboard show what recovery did
        LogRing ring = httpListen == null ? null : LogRing.attach();
        VentiDaemon.StatusServer<HttpPages> pages = ring == null ? null : () -> {
            HttpServer bound = Httpd.bind(httpListen);
            return new VentiDaemon.Pending<>() {
                @Override
                public HttpPages start(Store store, VentiServer server, Replication replication) throws IOException {
                    return HttpPages.start(bound, store, server, replication, root, ring);
                }

                @Override
                public void close() {
                    bound.stop(0);
                }
            };
        };
        Replication.Plan plan = replicationPlan(vc, defaultStore ? dir : stateDir(conf, env.directory()));
        boolean interrupted = false;
        VentiDaemon<HttpPages> started;
        try {
            started = VentiDaemon.start(new VentiDaemon.Settings(vc, dir, ventiListen, readOnly, cache, plan), pages);
        } catch (IOException | RuntimeException e) {
            if (ring != null) {
                ring.detach();
            }
            throw e;
        }
        try (VentiDaemon<HttpPages> daemon = started) {
            // each start-up line goes to standard error and, with the HTTP pages, to the recent log
            Consumer<String> say = line -> err.println("venti: " + line);
            if (ring != null) {
                ring.note(ServerCommand.class.getName(), VERSION + " started, configuration " + conf.toAbsolutePath());
                say = say.andThen(line -> ring.note(ServerCommand.class.getName(), line));
            }
            List<Arena> arenas = daemon.store().index().arenas();
            long capacity = arenas.stream().mapToLong(Arena::dataSize).sum();
            long used = arenas.stream().mapToLong(a -> a.trailer().memStats().used()).sum();
            say.accept(String.format(Locale.ROOT, "store %s: %s used of %s, in %d arenas", conf, Bytes.human(used),
                    Bytes.human(capacity), arenas.size()));
            CacheMemory memory = daemon.store().memory();
            say.accept(String.format(Locale.ROOT, "memory: lump cache %s, index cache %s, bloom %s (%s)",
                    Bytes.human(memory.lumpCache()), Bytes.human(memory.indexCache()), Bytes.human(memory.bloom()),
                    memory.chosen()));
            VentiServer server = daemon.server();
            String where = server.address().getAddress().isAnyLocalAddress()
                    ? new DialAddress(DialAddress.WILDCARD, server.address().getPort()) + " (every interface)"
                    : server.dialAddress().toString();
            say.accept("listening on " + where + (readOnly ? " (read only)" : ""));
            if (daemon.status().isPresent()) {
                say.accept("http on " + daemon.status().get().httpd().uri());
            }
            for (Mirror m : daemon.replication().mirrors()) {
                say.accept("mirroring to " + m.replica() + (m.isSync() ? " (sync: syncs wait for it)" : ""));
            }
            say.accept("for the client commands: export venti='" + server.dialAddress() + "'");
            err.flush();
            Thread hook = new Thread(daemon::close, "venti shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                daemon.awaitClose();
            } catch (InterruptedException e) {
                interrupted = true; // told to stop: close cleanly first, as for SIGTERM, then pass it on
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already closing the daemon
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** An address to listen on given with flag {@code name}: a bad one is a usage error naming the flag. */
    private DialAddress flag(String name, String text, Function<String, DialAddress> parse) {
        try {
            return ListenAddress.parse(text, parse);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " " + text + ": " + e.getMessage());
        }
    }

    /** An address to listen on from venti.conf's line {@code name}, or the default. */
    private static DialAddress setting(String name, String text, Function<String, DialAddress> parse) {
        try {
            return ListenAddress.parse(text, parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venti.conf " + name + " " + text + ": " + e.getMessage(), e);
        }
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
    private static Path stateDir(Path conf, Path workingDirectory) throws IOException {
        Path parent = conf.toAbsolutePath().getParent();
        return Files.isRegularFile(conf) && Files.size(conf) <= VentiConfig.STORED_SIZE && parent != null
                ? parent : workingDirectory;
    }

    /**
     * {@code percent} of the machine's RAM, or as much of it as this JVM's heap leaves room
     * for, with a warning.
     */
    static long budget(int percent, PrintWriter err) {
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long want = ram / 100 * percent;
        long room = Store.Options.heapBudget();
        if (want > room) {
            err.printf(Locale.ROOT, "venti: -m %d asks for %,d bytes but this JVM's heap leaves room for %,d;"
                    + " using that (./venti sizes the heap from -m; else give -Xmx in VENTI_JAVA_OPTS)%n", percent, want, room);
            return room;
        }
        return want;
    }

    /** The HTTP pages, with the log ring that feeds {@code /log} and the dashboard, which they detach when closed. */
    private record HttpPages(Httpd httpd, LogRing ring) implements AutoCloseable {

        static HttpPages start(HttpServer bound, Store store, VentiServer server, Replication replication,
                               Path webroot, LogRing ring) throws IOException {
            var metrics = VentiMetrics.prometheus(store, server);
            VentiMetrics.bind(metrics, replication);
            return new HttpPages(Httpd.start(bound, store, metrics, Httpd.Options.NONE.withWebroot(webroot)
                    .withVariables(logVariables()).withRecentLog(ring::lines).withServer(server, VERSION)
                    .withReplication(replication)), ring);
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
