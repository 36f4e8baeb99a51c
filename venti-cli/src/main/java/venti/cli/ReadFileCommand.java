package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.core.Score;
import venti.vac.SingleFile;

/** venti/readfile: the stream a file: score names, to standard output. */
@Command(name = "readfile", sortOptions = false,
        header = "Write the file a file:<score> names to standard output",
        description = "Writes the file a file:<score> names (as writefile printed it) to standard output.")
final class ReadFileCommand implements Callable<Integer> {

    @Option(names = "-v", description = "Print the root block's fields on standard error.")
    boolean verbose;
    @Mixin
    Host host;
    @Parameters(paramLabel = "score", description = "file:<score>, as writefile prints it.")
    String score;
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Score.Labeled s = Score.parseLabeled(score);
        if (!SingleFile.ROOT_TYPE.equals(s.label())) {
            throw new IOException("bad score " + score + ": not file:<score>");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (VentiClient c = host.connect(); ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            SingleFile f = SingleFile.open(c, s.score());
            if (verbose) {
                err.println(s.score() + ": " + RootCommand.quote(f.root().name()) + " " + RootCommand.quote(f.root().type())
                        + " " + f.root().score() + " " + f.root().blocksize() + " " + f.root().prev());
                err.flush();
            }
            f.file().copyTo(main.stdout(), readers);
            main.stdout().flush();
        }
        return 0;
    }
}
