package venti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.PipelinedWrites;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.Score;
import venti.store.admin.Progress;
import venti.vac.VacArchive;
import venti.vac.VacDir;
import venti.vac.VacNode;
import venti.vac.VacWriter;

/** vac: archives files to a Venti server and prints the archive's vac: score. */
@Command(name = "vac", sortOptions = false,
        header = "Archive files and directories to a Venti server",
        description = {
                "Archives files and directories to a Venti server, as plan9port's vac(1), and prints the archive's"
                        + " score as vac:<score> (or writes it to the -f or -a file). unvac restores it.",
                "Regular files and directories are stored with their permissions, owner, group and times;"
                        + " symbolic links, devices, named pipes and sockets are skipped with a warning.",
                "Files are read and hashed in parallel and many blocks are in flight to the server at once."})
final class VacCommand implements Callable<Integer> {

    /** The top directory's own entry in a new archive, as vac makes it. */
    private static final VacDir TOP = new VacDir("/", 0, 0, 0, 0, 0, "vac", "vac", "", 0, 0, 0, 0,
            VacDir.MODE_DIR | 0777, false, 0, 0, false, 0, 0);

    @Option(names = "-a", paramLabel = "vacfile",
            description = "Archive mode: add the files under yyyy/mmdd (today) to the archive in vacfile, creating"
                    + " it if need be, reusing unchanged files of its most recent day; vacfile gets the new score.")
    Path archiveFile;
    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class,
            description = "Block size, 512 bytes to 52k (default 8k).")
    Long blockSize;
    @Option(names = "-d", paramLabel = "oldvacfile",
            description = "Reuse the files of this earlier archive whose size and modification time are unchanged,"
                    + " without reading them.")
    String diff;
    @Option(names = "-e", paramLabel = "exclude",
            description = "Leave out paths matching this pattern (* ? [...] as in the shell; ... also matches /)."
                    + " May be repeated.")
    List<String> excludes = new ArrayList<>();
    @Option(names = "-f", paramLabel = "vacfile", description = "Write the vac: score to this file, not standard output.")
    Path vacFile;
    @Mixin
    Host host;
    @Option(names = "-i", paramLabel = "name", description = "Store standard input as a file with this name.")
    String stdinName;
    @Option(names = "-m", description = "Merge the archives found in the input (files ending in .vac) in their place.")
    boolean merge;
    @Option(names = "-q", description = "Accepted for compatibility: -d and -a already skip files by size and"
            + " modification time.")
    boolean quick;
    @Option(names = "-s", description = "Print statistics on standard error.")
    boolean stats;
    @Option(names = "-v", description = "Print each path archived on standard error.")
    boolean verbose;
    @Option(names = "-x", paramLabel = "excludefile",
            description = "Read include and exclude patterns from this file: lines 'include pattern' or"
                    + " 'exclude pattern'; the first that matches decides.")
    List<Path> excludeFiles = new ArrayList<>();
    @Parameters(paramLabel = "file", arity = "0..*", description = "Files and directories to archive.")
    List<String> files = new ArrayList<>();
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    /** What to archive and how. */
    record Request(List<String> files, String stdinName, InputStream stdin, int blockSize, Excludes excludes,
                   Path archiveFile, String diff, boolean merge, boolean verbose) {
    }

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() && stdinName == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no files to archive");
        }
        if (archiveFile != null && (vacFile != null || diff != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot use -a with -f, -d");
        }
        int bsize = blockSize == null ? VacWriter.DEFAULT_BLOCK_SIZE : (int) Math.max(VacWriter.MIN_BLOCK_SIZE,
                Math.min(blockSize, Integer.MAX_VALUE));
        if (bsize > VacWriter.MAX_BLOCK_SIZE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "block size " + blockSize
                    + " is larger than 52k");
        }
        Excludes ex = new Excludes();
        excludes.forEach(ex::exclude);
        for (Path f : excludeFiles) {
            ex.load(f);
        }
        Request r = new Request(files, stdinName, main.stdin(), bsize, ex, archiveFile, diff, merge, verbose);
        PrintWriter err = spec.commandLine().getErr();
        Result result;
        try (VentiClient c = host.connect()) {
            result = vac(new PipelinedWrites(c), r, err, main.progress());
        }
        String line = "vac:" + result.score() + "\n";
        if (archiveFile != null) {
            Files.writeString(archiveFile, line);
        } else if (vacFile != null) {
            Files.writeString(vacFile, line);
        } else {
            spec.commandLine().getOut().print(line);
            spec.commandLine().getOut().flush();
        }
        if (stats) {
            err.print(result.stats().report());
            err.flush();
        }
        return 0;
    }

    /** The archive's score and what it took. */
    record Result(Score score, VacArchiver.Stats stats) {
    }

    /** Archives what {@code r} asks for into {@code store}, then syncs it. */
    static Result vac(BlockStore store, Request r, PrintWriter err, Progress progress) throws IOException {
        VacWriter writer = new VacWriter(store, r.blockSize());
        try (Progress.Meter meter = progress == Progress.NONE ? Progress.NONE.start("vac", 0, "B")
                : progress.start("vac", totalSize(r.files()), "B")) {
            VacArchiver archiver = new VacArchiver(store, writer,
                    new VacArchiver.Options(r.excludes(), r.merge(), r.verbose()), err, meter);
            try {
                Score score = r.archiveFile() != null ? archiveMode(store, r, archiver, err)
                        : plain(store, r, archiver);
                store.sync();
                return new Result(score, archiver.stats());
            } finally {
                archiver.close();
            }
        }
    }

    private static Score plain(BlockStore store, Request r, VacArchiver archiver) throws IOException {
        VacArchiver.Previous previous = null;
        Score prev = Score.ZERO;
        if (r.diff() != null) {
            VacArchive old = VacArchive.open(store, VacScores.parse(r.diff()));
            previous = new VacArchiver.Previous(old, old.top());
            prev = old.score();
        }
        List<VacNode> top = inputs(r, archiver, previous);
        return root(archiver, TOP, top, prev);
    }

    private static List<VacNode> inputs(Request r, VacArchiver archiver, VacArchiver.Previous previous)
            throws IOException {
        List<VacNode> top = new ArrayList<>();
        if (r.stdinName() != null) {
            top.add(archiver.archiveStream(r.stdinName(), r.stdin()));
        }
        top.addAll(archiver.archiveArguments(r.files(), previous));
        return top;
    }

    private static Score root(VacArchiver archiver, VacDir dir, List<VacNode> top, Score prev) throws IOException {
        VacWriter.Streams s = archiver.writer().directory(top);
        return archiver.writer().root(dir.withQidSpace(0, archiver.maxQid()), s, "", prev);
    }

    /**
     * vac -a: the files go under yyyy/mmdd of the archive in {@code r.archiveFile()}, a new
     * day (mmdd.1, mmdd.2, ... when today is there already) added beside the earlier ones.
     */
    private static Score archiveMode(BlockStore store, Request r, VacArchiver archiver, PrintWriter err)
            throws IOException {
        Path file = r.archiveFile();
        VacArchive old = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? VacArchive.open(store, VacScores.read(file)) : null;
        List<VacNode> top = new ArrayList<>();
        VacDir topDir = TOP;
        VacArchiver.Previous previous = null;
        if (old != null) {
            topDir = old.top().dir();
            archiver.reserveQids(topDir.qidSpace() ? topDir.qidMax() : topDir.qid());
            top.addAll(old.list(old.top()));
            VacNode recent = recentDay(old);
            if (recent != null) {
                previous = new VacArchiver.Previous(old, recent);
                if (r.verbose()) {
                    err.println("diff " + recent.path());
                }
            }
        }
        LocalDate today = LocalDate.now();
        String yyyy = String.format("%04d", today.getYear());
        VacNode year = top.stream().filter(n -> n.dir().elem().equals(yyyy) && n.isDir()).findFirst().orElse(null);
        List<VacNode> days = year == null ? new ArrayList<>() : new ArrayList<>(old.list(year));
        String mmdd = String.format("%02d%02d", today.getMonthValue(), today.getDayOfMonth());
        String day = mmdd;
        for (int n = 1; hasChild(days, day); n++) {
            day = mmdd + "." + n;
        }
        if (r.verbose()) {
            err.println("archive " + yyyy + "/" + day);
        }
        days.add(archiver.directory(day, 0555, inputs(r, archiver, previous)));
        VacNode newYear;
        if (year == null) {
            newYear = archiver.directory(yyyy, 0555, days);
        } else {
            VacWriter.Streams s = archiver.writer().directory(days);
            newYear = new VacNode(yyyy, year.dir(), s.data(), s.meta());
        }
        top.removeIf(n -> n.dir().elem().equals(yyyy));
        top.add(newYear);
        return root(archiver, topDir, top, old == null ? Score.ZERO : old.score());
    }

    private static boolean hasChild(List<VacNode> nodes, String elem) {
        return nodes.stream().anyMatch(n -> n.dir().elem().equals(elem));
    }

    /** The most recent yyyy/mmdd[.n] of an archive made with -a, or null (vac's recentarchive). */
    static VacNode recentDay(VacArchive a) throws IOException {
        VacNode year = null;
        for (VacNode n : a.list(a.top())) {
            String e = n.dir().elem();
            if (n.isDir() && e.length() == 4 && e.chars().allMatch(Character::isDigit) && Integer.parseInt(e) >= 1900
                    && (year == null || e.compareTo(year.dir().elem()) > 0)) {
                year = n;
            }
        }
        if (year == null) {
            return null;
        }
        VacNode best = null;
        long bestKey = -1;
        for (VacNode n : a.list(year)) {
            long key = dayKey(n.dir().elem());
            if (n.isDir() && key > bestKey) {
                best = n;
                bestKey = key;
            }
        }
        return best;
    }

    /** mmdd and mmdd.n as one number that orders them, or -1 when the name is neither. */
    private static long dayKey(String e) {
        if (e.length() < 4 || !e.substring(0, 4).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int mmdd = Integer.parseInt(e.substring(0, 4));
        if (mmdd < 100 || mmdd > 1231) {
            return -1;
        }
        if (e.length() == 4) {
            return mmdd * 1_000_000L;
        }
        String n = e.substring(4);
        if (!n.startsWith(".") || n.length() < 2 || n.charAt(1) == '0' || n.length() > 7
                || !n.substring(1).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return mmdd * 1_000_000L + Integer.parseInt(n.substring(1));
    }

    /** Bytes of regular files under the inputs, for the progress bar. */
    private static long totalSize(List<String> files) {
        long total = 0;
        for (String f : files) {
            try (Stream<Path> s = Files.walk(Path.of(f))) {
                total += s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            } catch (IOException | UncheckedIOException e) {
                // the archiver reports unreadable inputs itself
            }
        }
        return total;
    }
}
