package venti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import venti.core.BlockStore;
import venti.core.Entry;
import venti.store.admin.Progress;
import venti.vac.HashFileWriter;
import venti.vac.VacArchive;
import venti.vac.VacDir;
import venti.vac.VacNode;
import venti.vac.VacWriter;

/**
 * What vac does with the files it is given: reads each file into a hash tree, each
 * directory into its two streams, and returns the nodes for the archive's top directory.
 *
 * <p>Design. Every directory and file is a task on a virtual thread: a directory lists its
 * children, starts a task for each, and writes its own streams once they are done; at most
 * {@value #OPEN_FILES} files are read at once. Blocks are hashed in the reading threads, so
 * hashing runs on every core, and the store (a {@link venti.client.PipelinedWrites}) keeps
 * many writes in flight on one connection. Children are stored in vac's name order,
 * whatever order the file system lists them in.
 *
 * <p>What is stored, as plan9port's vac stores it: regular files and directories, with
 * their permission bits, owner and group names, modification and access times, the time
 * vac ran as the change time, and qids numbered from 1 in the order files are found.
 * Symbolic links, devices, pipes and sockets are skipped with a warning (plan9port's vac
 * stores links and devices as small files that its own unvac then refuses to restore).
 *
 * <p>With a previous archive ({@code -d}, and the most recent day with {@code -a}) a file
 * whose size and modification time match its namesake there is not read at all: its
 * stream is reused. Thread-safe: one instance archives one set of inputs, from any thread.
 */
final class VacArchiver {

    /** Files read at the same time. */
    static final int OPEN_FILES = 16;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    /** What vac -s reports. */
    static final class Stats {
        final AtomicLong files = new AtomicLong();
        final AtomicLong skippedFiles = new AtomicLong();
        final AtomicLong dirs = new AtomicLong();
        final AtomicLong data = new AtomicLong();
        final AtomicLong skippedData = new AtomicLong();
        /** Files opened for reading: unchanged files under -d are not. */
        final AtomicLong opened = new AtomicLong();

        String report() {
            return files + " files, " + skippedFiles + " files skipped, " + dirs + " directories\n"
                    + data + " data bytes written, " + skippedData + " data bytes skipped\n";
        }
    }

    /** How to archive. */
    record Options(Excludes excludes, boolean merge, boolean verbose) {
    }

    private final BlockStore store;
    private final VacWriter writer;
    private final Options options;
    private final PrintWriter err;
    private final Progress.Meter meter;
    private final Stats stats = new Stats();
    private final AtomicLong qids = new AtomicLong();
    private final long now = Instant.now().getEpochSecond();
    private final Semaphore openFiles = new Semaphore(OPEN_FILES);
    private final Map<Integer, String> users = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();

    VacArchiver(BlockStore store, VacWriter writer, Options options, PrintWriter err, Progress.Meter meter) {
        this.store = store;
        this.writer = writer;
        this.options = options;
        this.err = err;
        this.meter = meter;
    }

    Stats stats() {
        return stats;
    }

    VacWriter writer() {
        return writer;
    }

    /** The highest qid given so far. */
    long maxQid() {
        return qids.get();
    }

    /** Reserves {@code n} qids and returns the last qid before them. */
    long reserveQids(long n) {
        return qids.getAndAdd(n);
    }

    /** A fresh qid. */
    long nextQid() {
        return qids.incrementAndGet();
    }

    /**
     * Archives the command-line arguments as the children of one directory, as vac does:
     * {@code /}, {@code .}, {@code ..} and paths ending in {@code /..} stand for their
     * contents; anything else is stored under its last name. {@code previous} is the
     * corresponding directory of an earlier archive, or null.
     */
    List<VacNode> archiveArguments(List<String> args, Previous previous) throws IOException {
        List<CompletableFuture<List<VacNode>>> parts = new ArrayList<>();
        for (String arg : args) {
            if (arg.isEmpty()) {
                warn("empty string given as command-line argument");
                continue;
            }
            String name = cleanName(arg);
            if (name.equals("/") || name.equals(".") || name.equals("..") || name.endsWith("/..")) {
                Path dir = Path.of(name);
                List<Path> kids = listDirectory(dir, name);
                for (Path kid : kids) {
                    String kidName = cleanName(name + "/" + kid.getFileName());
                    parts.add(task(kid, kidName, previous));
                }
                continue;
            }
            parts.add(task(Path.of(name), name, previous));
        }
        List<VacNode> nodes = new ArrayList<>();
        for (CompletableFuture<List<VacNode>> p : parts) {
            nodes.addAll(join(p));
        }
        return unique(nodes);
    }

    /** A child named from standard input (-i): its contents are all of {@code in}. */
    VacNode archiveStream(String name, InputStream in) throws IOException {
        HashFileWriter w = writer.file();
        stats.data.addAndGet(copy(in, w));
        stats.files.incrementAndGet();
        VacDir d = new VacDir(name, 0, 0, 0, 0, nextQid(), "vac", "vac", "", now, 0, now, now, 0666, false, 0, 0, false, 0, 0);
        return new VacNode(name, d, w.finish(), null);
    }

    /** A directory made here, such as vac -a's yyyy and mmdd, holding {@code children}. */
    VacNode directory(String name, long mode, List<VacNode> children) throws IOException {
        VacWriter.Streams s = writer.directory(children);
        VacDir d = new VacDir(name, 0, 0, 0, 0, nextQid(), "vac", "vac", "", now, 0, now, now,
                VacDir.MODE_DIR | mode, false, 0, 0, false, 0, 0);
        return new VacNode(name, d, s.data(), s.meta());
    }

    void close() {
        tasks.close();
    }

    private CompletableFuture<List<VacNode>> task(Path path, String name, Previous previous) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return node(path, name, previous);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, tasks);
    }

    /** The nodes {@code path} gives: itself, several when it is a merged archive, none when skipped. */
    private List<VacNode> node(Path path, String name, Previous previous) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            warn("stat " + name + ": " + describe(e));
            return List.of();
        }
        int mode = (Integer) a.get("mode");
        boolean dir = (mode & S_IFMT) == S_IFDIR;
        if (!options.excludes().includes(name)) {
            warn("excluding " + name + (dir ? "/" : ""));
            return List.of();
        }
        if ((mode & S_IFMT) != S_IFREG && !dir) {
            warn("skipping " + kind(mode) + " " + name);
            return List.of();
        }
        String elem = path.getFileName() == null ? name : path.getFileName().toString();
        if (!dir && options.merge() && elem.endsWith(".vac")) {
            List<VacNode> merged = merge(path, name);
            if (merged != null) {
                return merged;
            }
        }
        if (options.verbose()) {
            synchronized (err) {
                err.println(name + (dir ? "/" : ""));
            }
        }
        long qid = nextQid();
        VacDir vd = new VacDir(elem, 0, 0, 0, 0, qid, user(path, (Integer) a.get("uid")),
                group(path, (Integer) a.get("gid")), "", seconds(a.get("lastModifiedTime")), 0, now,
                seconds(a.get("lastAccessTime")), (mode & VacDir.MODE_PERM) | (dir ? VacDir.MODE_DIR : 0),
                false, 0, 0, false, 0, 0);
        VacNode old = previous == null ? null : previous.child(elem);
        if (dir) {
            stats.dirs.incrementAndGet();
            Previous inside = old != null && old.isDir() ? new Previous(previous.archive(), old) : null;
            List<Path> kids = listDirectory(path, name);
            List<CompletableFuture<List<VacNode>>> parts = new ArrayList<>(kids.size());
            for (Path kid : kids) {
                parts.add(task(kid, name + "/" + kid.getFileName(), inside));
            }
            List<VacNode> children = new ArrayList<>();
            for (CompletableFuture<List<VacNode>> p : parts) {
                children.addAll(join(p));
            }
            VacWriter.Streams s = writer.directory(unique(children));
            return List.of(new VacNode(name, vd, s.data(), s.meta()));
        }
        stats.files.incrementAndGet();
        long size = (Long) a.get("size");
        if (old != null && !old.isDir() && old.size() == size && old.dir().mtime() == vd.mtime()) {
            stats.skippedFiles.incrementAndGet();
            stats.skippedData.addAndGet(size);
            meter.step(size);
            return List.of(new VacNode(name, vd, old.data(), null));
        }
        VacNode n = new VacNode(name, vd, readFile(path, name), null);
        meter.message(stats.files + " files");
        return List.of(n);
    }

    private Entry readFile(Path path, String name) throws IOException {
        openFiles.acquireUninterruptibly();
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            stats.opened.incrementAndGet();
            HashFileWriter w = writer.file();
            long n = copy(in, w);
            stats.data.addAndGet(n);
            return w.finish();
        } catch (IOException e) {
            throw new IOException(name + ": " + describe(e), e);
        } finally {
            openFiles.release();
        }
    }

    private long copy(InputStream in, HashFileWriter w) throws IOException {
        return w.writeFrom(in, meter::step);
    }

    /** The children of an archive found in the input (-m), or null when it is not one. */
    private List<VacNode> merge(Path path, String name) throws IOException {
        VacArchive a;
        try {
            a = VacArchive.open(store, VacScores.read(path));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        if (options.verbose()) {
            synchronized (err) {
                err.println("merging " + name);
            }
        }
        VacDir top = a.top().dir();
        long max = top.qidSpace() ? top.qidMax() : top.qid();
        long offset = reserveQids(max + 1);
        List<VacNode> nodes = new ArrayList<>();
        for (VacNode c : a.list(a.top())) {
            VacDir d = c.dir();
            d = d.qidSpace() ? d.withQidSpace(d.qidOffset() + offset, d.qidMax() + offset) : d.withQidSpace(offset, offset + max);
            nodes.add(new VacNode(c.path(), d, c.data(), c.meta()));
        }
        return nodes;
    }

    private List<Path> listDirectory(Path dir, String name) throws IOException {
        List<Path> kids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(kids::add);
        } catch (IOException e) {
            warn("open " + name + ": " + describe(e));
        }
        kids.sort(null);
        return kids;
    }

    /** The nodes less any whose name an earlier one has, with a warning (vac's "file exists"). */
    private List<VacNode> unique(List<VacNode> nodes) {
        Map<String, VacNode> byName = new HashMap<>();
        List<VacNode> out = new ArrayList<>(nodes.size());
        for (VacNode n : nodes) {
            if (byName.putIfAbsent(n.dir().elem(), n) != null) {
                warn("vacfilecreate " + n.path() + ": file already exists");
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private String user(Path path, int uid) {
        return users.computeIfAbsent(uid, u -> principal(path, "unix:owner", u));
    }

    private String group(Path path, int gid) {
        return groups.computeIfAbsent(gid, g -> principal(path, "unix:group", g));
    }

    /** A user or group name; the number when the system has no name for it, as Plan 9's stat gives. */
    private static String principal(Path path, String attribute, int id) {
        try {
            Object p = Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS);
            return ((Principal) p).getName();
        } catch (IOException | RuntimeException e) {
            return Integer.toString(id);
        }
    }

    private static long seconds(Object time) {
        return Math.max(0, Math.min(0xffff_ffffL, ((FileTime) time).toInstant().getEpochSecond()));
    }

    private static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFLNK -> "symbolic link";
            case 0060000, 0020000 -> "device";
            case 0010000 -> "named pipe";
            case 0140000 -> "socket";
            default -> "special file";
        };
    }

    /** vac's cleanname: no doubled slashes, no . elements, .. folded where it can be. */
    static String cleanName(String name) {
        String c = Path.of(name).normalize().toString();
        if (c.isEmpty()) {
            return ".";
        }
        return c;
    }

    private void warn(String message) {
        synchronized (err) {
            err.println("vac: " + message);
        }
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    }

    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The directory of an earlier archive that corresponds to the one being archived; its
     * children are read once, when first asked for. Thread-safe.
     */
    static final class Previous {

        private final VacArchive archive;
        private final VacNode dir;
        private Map<String, VacNode> children;

        Previous(VacArchive archive, VacNode dir) {
            this.archive = archive;
            this.dir = dir;
        }

        VacArchive archive() {
            return archive;
        }

        /** The child named {@code elem}, or null. */
        synchronized VacNode child(String elem) throws IOException {
            if (children == null) {
                children = new HashMap<>();
                for (VacNode n : archive.list(dir)) {
                    children.put(n.dir().elem(), n);
                }
            }
            return children.get(elem);
        }
    }
}
