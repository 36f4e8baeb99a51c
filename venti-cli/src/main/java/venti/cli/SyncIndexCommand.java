package venti.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.Print;

/** venti syncindex: bring the index up to date with the arenas, as the server does when it starts. */
@Command(name = "syncindex",
        header = "Recover the store after a crash, without a server",
        description = "Recover the store after a crash without starting a server: find the clumps written past each "
                + "arena's trailer, repair the trailers and directories, and put every clump the index lacks into "
                + "the index and the bloom filter.")
final class SyncIndexCommand implements Callable<Integer> {

    @Option(names = "-v", description = "Print the index's map first.")
    boolean verbose;

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility; the disk is read directly.")
    long blockCacheSize;

    @Parameters(index = "0", paramLabel = "venti.conf", description = "The configuration (a file, or a partition holding one).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        VentiConfig conf = VentiConfig.read(config);
        try (Store s = Store.open(conf, Path.of(""), Store.Mode.READ_WRITE, Store.Options.of(conf), err::println)) {
            if (verbose) {
                Print.map(s, err);
            }
            s.flush();
        }
        return Cmds.finish(spec, true);
    }
}
