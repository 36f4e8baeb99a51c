package venti.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.CheckIndex;

/** venti checkindex: compare the index and bloom filter with what the arenas call for. */
@Command(name = "checkindex",
        header = "Check the index and bloom filter against the arenas",
        description = {"Check that every clump in the arenas has the right entry in the index, that the index holds "
                + "nothing else, and that the bloom filter has every score. Differences are listed as "
                + "'<' (on disk) and '>' (correct) lines, as the original prints them.",
                "The exit status is 1 when the index or the bloom filter is wrong."})
final class CheckIndexCommand implements Callable<Integer> {

    @Option(names = "-f", description = "Fix: rewrite every bucket that differs, and the bloom filter.")
    boolean fix;

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility; the disk is read directly.")
    long blockCacheSize;

    @Option(names = "-M", paramLabel = "memsize", converter = SizeConverter.class,
            description = "Memory for sorting the expected entries (suffixes k, m, g); more entries than fit are "
                    + "checked in several passes. Default: 256m (at most a quarter of the JVM's heap).")
    long memory;

    @Parameters(index = "0", paramLabel = "venti.conf", description = "The configuration (a file, or a partition holding one).")
    Path config;

    @Parameters(index = "1", arity = "0..1", paramLabel = "tmp", description = "Optional: the scratch file the original "
            + "sorts entries in, accepted for compatibility but not written: entries are sorted in memory, in several "
            + "passes when there are many.")
    Path tmp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Store s = Store.open(VentiConfig.read(config), Path.of(""), fix ? Store.Mode.REPAIR : Store.Mode.INSPECT)) {
            boolean ok = CheckIndex.run(s, fix, Cmds.sortMemory(memory), spec.commandLine().getErr());
            if (!ok) {
                throw new IllegalStateException("errors found");
            }
            return Cmds.finish(spec, true);
        }
    }
}
