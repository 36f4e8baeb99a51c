package venti.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.core.ZeroTruncation;
import venti.store.admin.Progress;
import venti.vac.HashFile;
import venti.vac.VacArchive;
import venti.vac.VacDir;
import venti.vac.VacException;
import venti.vac.VacNode;

/**
 * What unvac does with an archive: lists it ({@code -t}, {@code -tv}) or restores it
 * under a directory, all of it or the paths asked for.
 *
 * <p>Design. The walk is in the archive's order, so listings and {@code -v} print exactly
 * as plan9port's unvac prints them; while it walks, the directories below are already being
 * read on other threads, and restoring files is handed to up to {@value #WRITING} tasks at
 * once, each reading its file's blocks ahead of the writes. Directories' times ({@code -T})
 * are set last, once nothing more is written into them.
 *
 * <p>Safety. Every name comes checked from {@link VacArchive} (no empty names, no {@code .}
 * or {@code ..}, no slashes), each path is checked once more to lie under the target, and
 * files and directories are never created through a symbolic link found in the way.
 * Links, devices, pipes and lock files are skipped with a warning, as unvac does.
 *
 * <p>One walk per instance; thread-safe as far as its own tasks go.
 */
final class VacRestorer {

    /** Files restored at the same time. */
    static final int WRITING = 16;
    private static final DateTimeFormatter MTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final long PLAN9_DIR = 0x8000_0000L;
    private static final long PLAN9_APPEND = 0x4000_0000L;
    private static final long PLAN9_EXCL = 0x2000_0000L;
    private static final long PLAN9_DEVICE = 0x0080_0000L;
    private static final long PLAN9_NAMED_PIPE = 0x0020_0000L;
    private static final long PLAN9_SYMLINK = 0x0200_0000L;
    private static final long SKIPPED = VacDir.MODE_DEVICE | VacDir.MODE_LINK | VacDir.MODE_NAMED_PIPE
            | VacDir.MODE_EXCLUSIVE;

    /** unvac's flags. */
    record Options(boolean table, boolean verbose, boolean toStdout, boolean diff, boolean setTimes, ZoneId zone) {
    }

    private final VacArchive archive;
    private final Path target;
    private final Options options;
    private final PrintWriter out;
    private final OutputStream stdout;
    private final PrintWriter err;
    private final Progress.Meter meter;
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore writing = new Semaphore(WRITING);
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final List<VacNode> dirTimes = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicLong data = new AtomicLong();
    private final AtomicLong skippedData = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private List<String> wants = List.of();
    private boolean[] found = new boolean[0];

    VacRestorer(VacArchive archive, Path target, Options options, PrintWriter out, OutputStream stdout, PrintWriter err,
                Progress.Meter meter) {
        this.archive = archive;
        this.target = target.toAbsolutePath().normalize();
        this.options = options;
        this.out = out;
        this.stdout = stdout;
        this.err = err;
        this.meter = meter;
    }

    /** Lists or restores the paths {@code want} (all when empty); returns the number of errors. */
    int run(List<String> want) throws IOException {
        wants = want;
        found = new boolean[want.size()];
        try {
            walk(archive.top(), listAsync(archive.top()));
            for (CompletableFuture<Void> f : pending) {
                f.join();
            }
        } finally {
            tasks.close();
        }
        if (options.setTimes() && !options.toStdout() && !options.table()) {
            for (VacNode d : dirTimes.reversed()) {
                setTime(d);
            }
        }
        for (int i = 0; i < wants.size(); i++) {
            if (!found[i]) {
                err.println("warning: didn't find " + wants.get(i));
                errors.incrementAndGet();
            }
        }
        return errors.get();
    }

    /** Bytes in the files of the archive that a restore of {@code want} (all when empty) writes, for a progress bar. */
    static long totalSize(VacArchive archive, List<String> want) throws IOException {
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            return sizeUnder(archive, archive.top(), want, readers);
        }
    }

    private static long sizeUnder(VacArchive archive, VacNode dir, List<String> want, ExecutorService readers)
            throws IOException {
        List<CompletableFuture<Long>> below = new ArrayList<>();
        long total = 0;
        for (VacNode c : archive.list(dir)) {
            boolean wanted = want.isEmpty() || want.stream().anyMatch(w -> c.path().equals(w)
                    || c.path().startsWith(w + "/") || w.startsWith(c.path() + "/"));
            if (!wanted || (c.dir().mode() & SKIPPED) != 0) {
                continue;
            }
            if (!c.isDir()) {
                total += c.size();
                continue;
            }
            below.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sizeUnder(archive, c, want, readers);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, readers));
        }
        for (CompletableFuture<Long> f : below) {
            try {
                total += f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                throw e;
            }
        }
        return total;
    }

    String stats() {
        return data + " bytes read, " + skippedData + " bytes skipped\n";
    }

    private void walk(VacNode dir, CompletableFuture<List<VacNode>> listing) throws IOException {
        List<VacNode> children;
        try {
            children = listing.join();
        } catch (CompletionException e) {
            error(e.getCause() instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getCause().toString());
            return;
        }
        List<CompletableFuture<List<VacNode>>> below = new ArrayList<>(children.size());
        for (VacNode c : children) {
            below.add(c.isDir() && (c.dir().mode() & SKIPPED) == 0 && wanted(c.path(), false) ? listAsync(c) : null);
        }
        for (int i = 0; i < children.size(); i++) {
            VacNode c = children.get(i);
            if (wanted(c.path(), true)) {
                visit(c, below.get(i));
            }
        }
    }

    private CompletableFuture<List<VacNode>> listAsync(VacNode dir) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return archive.list(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, tasks);
    }

    private void visit(VacNode n, CompletableFuture<List<VacNode>> listing) throws IOException {
        long mode = n.dir().mode();
        if (options.table()) {
            out.println(options.verbose() ? longLine(n) : n.path() + (n.isDir() ? "/" : ""));
        } else if (options.verbose()) {
            err.println(n.path() + (n.isDir() ? "/" : ""));
        }
        if ((mode & SKIPPED) != 0) {
            if (!options.table()) {
                err.println("warning: ignoring " + kind(mode) + " " + n.path());
            }
            return;
        }
        if (n.isDir()) {
            if (!options.table() && !options.toStdout()) {
                if (!makeDirectory(n)) {
                    return;
                }
                dirTimes.add(n);
            }
            walk(n, listing);
        } else if (options.toStdout()) {
            HashFile f = archive.open(n);
            f.copyTo(stdout, tasks);
            data.addAndGet(f.size());
            meter.step(f.size());
        } else if (!options.table()) {
            writing.acquireUninterruptibly();
            pending.add(CompletableFuture.runAsync(() -> {
                try {
                    restoreFile(n);
                } catch (IOException | RuntimeException e) {
                    error(e.getMessage());
                } finally {
                    writing.release();
                }
            }, tasks));
        }
    }

    /** unvac's wantfile: the path is asked for, lies under one asked for, or is above one. */
    private boolean wanted(String name, boolean mark) {
        if (wants.isEmpty()) {
            return true;
        }
        boolean yes = false;
        for (int i = 0; i < wants.size(); i++) {
            String w = wants.get(i);
            if (name.equals(w)) {
                if (mark) {
                    found[i] = true;
                }
                yes = true;
            } else if (name.startsWith(w + "/") || w.startsWith(name + "/")) {
                yes = true;
            }
        }
        return yes;
    }

    private boolean makeDirectory(VacNode n) throws IOException {
        Path p = resolve(n.path());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            error(n.path() + " already exists and is not a directory");
            return false;
        }
        try {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(permissions(0700 | n.dir().mode())));
            return true;
        } catch (IOException e) {
            error("mkdir " + n.path() + ": " + e.getMessage());
            return false;
        }
    }

    private void restoreFile(VacNode n) throws IOException {
        HashFile f = archive.open(n);
        Path p = resolve(n.path());
        if (options.diff() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            update(f, p);
        } else {
            Set<OpenOption> how = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try (FileChannel ch = FileChannel.open(p, how, PosixFilePermissions.asFileAttribute(permissions(n.dir().mode())))) {
                f.copyTo(Channels.newOutputStream(ch), tasks);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("create " + n.path() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                Files.deleteIfExists(p);
                throw e instanceof VacException ? e : new IOException("write " + n.path() + ": " + e.getMessage(), e);
            }
            data.addAndGet(f.size());
        }
        meter.step(f.size());
        meter.message(files.incrementAndGet() + " files");
        if (options.setTimes()) {
            setTime(n);
        }
    }

    /** unvac -d: writes only the blocks whose contents differ from the file already there. */
    private void update(HashFile f, Path p) throws IOException {
        int dsize = f.dsize();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(dsize);
            for (long bn = 0; bn < f.blocks(); bn++) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, bn * dsize + buf.position()) > 0) {
                    // fill the block from the file
                }
                int n = buf.position();
                int want = (int) Math.min(dsize, f.size() - bn * dsize);
                Score have = Sha1.hash(buf.array(), 0, ZeroTruncation.truncate(BlockType.DATA, buf.array(), 0, n));
                if (n == want && have.equals(f.blockScore(bn))) {
                    skippedData.addAndGet(n);
                    continue;
                }
                ch.write(ByteBuffer.wrap(f.block(bn)), bn * dsize);
                data.addAndGet(want);
            }
            ch.truncate(f.size());
        }
    }

    private void setTime(VacNode n) {
        try {
            Files.setLastModifiedTime(resolve(n.path()), FileTime.from(Instant.ofEpochSecond(n.dir().mtime())));
        } catch (IOException e) {
            err.println("warning: setting mtime on " + n.path() + ": " + e.getMessage());
        }
    }

    /** The path under the target; an archive name that would leave it is refused. */
    private Path resolve(String path) throws IOException {
        Path p = target.resolve(path).normalize();
        if (!p.startsWith(target) || p.equals(target)) {
            throw new IOException(path + ": refusing to write outside " + target);
        }
        return p;
    }

    /** A line of unvac -tv: mode as ls -l shows it, owner, group, size, mtime, path. */
    private String longLine(VacNode n) {
        VacDir d = n.dir();
        long m = d.mode();
        long m9 = m & 0777;
        m9 |= (m & VacDir.MODE_DIR) != 0 ? PLAN9_DIR : 0;
        m9 |= (m & VacDir.MODE_APPEND) != 0 ? PLAN9_APPEND : 0;
        m9 |= (m & VacDir.MODE_EXCLUSIVE) != 0 ? PLAN9_EXCL : 0;
        m9 |= (m & VacDir.MODE_LINK) != 0 ? PLAN9_SYMLINK : 0;
        m9 |= (m & VacDir.MODE_NAMED_PIPE) != 0 ? PLAN9_NAMED_PIPE : 0;
        m9 |= (m & VacDir.MODE_DEVICE) != 0 ? PLAN9_DEVICE : 0;
        String time = MTIME.format(Instant.ofEpochSecond(d.mtime()).atZone(options.zone()));
        return String.format("%s %-10s %-10s %11d %s %s", modeString(m9), d.uid(), d.gid(), n.size(), time, n.path());
    }

    /** Plan 9's %M: type letter, l or L for exclusive or link, then rwx three times. */
    static String modeString(long m9) {
        StringBuilder b = new StringBuilder();
        b.append((m9 & PLAN9_DIR) != 0 ? 'd' : (m9 & PLAN9_APPEND) != 0 ? 'a' : (m9 & PLAN9_DEVICE) != 0 ? 'D'
                : (m9 & PLAN9_NAMED_PIPE) != 0 ? 'P' : '-');
        b.append((m9 & PLAN9_EXCL) != 0 ? 'l' : (m9 & PLAN9_SYMLINK) != 0 ? 'L' : '-');
        for (int shift = 6; shift >= 0; shift -= 3) {
            long rwx = m9 >> shift & 7;
            b.append((rwx & 4) != 0 ? 'r' : '-').append((rwx & 2) != 0 ? 'w' : '-').append((rwx & 1) != 0 ? 'x' : '-');
        }
        return b.toString();
    }

    private static String kind(long mode) {
        if ((mode & VacDir.MODE_DEVICE) != 0) {
            return "device";
        }
        if ((mode & VacDir.MODE_LINK) != 0) {
            return "link";
        }
        if ((mode & VacDir.MODE_NAMED_PIPE) != 0) {
            return "named pipe";
        }
        return "lock";
    }

    private static Set<PosixFilePermission> permissions(long mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1L << (8 - i))) != 0) {
                s.add(all[i]);
            }
        }
        return s;
    }

    private void error(String message) {
        synchronized (err) {
            err.println("unvac: " + message);
        }
        errors.incrementAndGet();
    }
}
