package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.store.admin.Progress;
import venti.vac.VacArchive;

/** unvac: lists or restores a vac archive. */
@Command(name = "unvac", sortOptions = false,
        header = "Restore or list the files of a vac archive",
        description = {
                "Restores the files of a vac archive into the current directory, as plan9port's unvac(1), or lists"
                        + " them. With file arguments, only those paths (and what is under them) are restored.",
                "Symbolic links, devices and named pipes stored by plan9port's vac are skipped with a warning."
                        + " Nothing is written outside the current directory: an archive naming '..', '.', an empty"
                        + " name or a name with a slash is refused.",
                "Files are restored in parallel, with many blocks read ahead from the server."})
final class UnvacCommand implements Callable<Integer> {

    @Option(names = "-T", description = "Set the files' and directories' modification times to the archive's.")
    boolean setTimes;
    @Option(names = "-c", description = "Write the files' contents to standard output instead of creating files.")
    boolean toStdout;
    @Option(names = "-d", description = "Where a file exists already, write only the blocks that differ.")
    boolean diff;
    @Option(names = "-t", description = "List the paths instead of restoring them (with -v: mode, owner, group,"
            + " size, modification time and path).")
    boolean table;
    @Option(names = "-v", description = "Print each path restored on standard error; with -t, list in full.")
    boolean verbose;
    @Option(names = "-s", description = "Print the bytes restored and skipped on standard error.")
    boolean stats;
    @Mixin
    Host host;
    @Parameters(index = "0", paramLabel = "vacfile", description = "vac:<score>, or a file holding it.")
    String vacfile;
    @Parameters(index = "1..*", paramLabel = "file", description = "Paths in the archive to restore.")
    List<String> files = new ArrayList<>();
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (toStdout && diff) {
            throw new ParameterException(spec.commandLine(), "cannot use -c with -d");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        VacRestorer.Options o = new VacRestorer.Options(table, verbose, toStdout, diff, setTimes, ZoneId.systemDefault());
        int errors;
        try (VentiClient c = host.connect()) {
            VacArchive archive = VacArchive.open(c, VacScores.parse(vacfile));
            Progress progress = table || toStdout ? Progress.NONE : main.progress();
            try (Progress.Meter meter = progress == Progress.NONE ? Progress.NONE.start("unvac", 0, "B")
                    : progress.start("unvac", VacRestorer.totalSize(archive, files), "B")) {
                errors = restore(archive, o, out, err, meter);
            }
        }
        err.flush();
        return errors == 0 ? 0 : Failure.EXIT_FAILURE;
    }

    private int restore(VacArchive archive, VacRestorer.Options o, PrintWriter out, PrintWriter err,
                        Progress.Meter meter) throws IOException {
        VacRestorer r = new VacRestorer(archive, Path.of(""), o, out, main.stdout(), err, meter);
        int errors = r.run(files);
        out.flush();
        main.stdout().flush();
        if (stats) {
            err.print(r.stats());
        }
        return errors;
    }
}
