package venti.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.BuildIndex;

/** venti buildindex: rebuild the index from the arenas. */
@Command(name = "buildindex",
        header = "Rebuild the index from the arenas' clump directories",
        description = {"Rebuild the index (every section, or those named with -i) from the clump directories of the "
                + "arenas, in bounded memory: entries are spread over each section's own bucket area, then sorted "
                + "group by group and every bucket written whole. Then every arena is marked fully indexed.",
                "The index must have been formatted with fmtindex. Nothing else may use the store meanwhile."})
final class BuildIndexCommand extends StoreTool {

    @Option(names = "-b", description = "Rebuild the bloom filter too (done anyway when no -i is given).")
    boolean bloom;

    @Option(names = "-d", description = "'Dumb' mode: split every group on disk before sorting it, even when it "
            + "fits in memory (all three passes).")
    boolean dumb;

    @Option(names = "-i", paramLabel = "isect", description = "Rebuild only this index section; may be repeated. "
            + "'none' only reads the arenas.")
    List<String> sections = new ArrayList<>();

    @Option(names = "-M", paramLabel = "imemsize", converter = SizeConverter.class,
            description = "Memory for sorting index entries, shared among the sections (suffixes k, m, g). "
                    + "Default: 256m (at most a quarter of the JVM's heap).")
    long memory;

    @Option(names = "-m", paramLabel = "maxdisks", hidden = true,
            description = "Accepted for compatibility: every arena partition gets its own reader.")
    int maxDisks;

    @Parameters(index = "0", paramLabel = "venti.conf", description = "The configuration (a file, or a partition holding one).")
    Path config;

    @Override
    public Integer call() throws Exception {
        long m = Cmds.sortMemory(memory);
        try (Store s = Store.open(VentiConfig.read(config), Path.of(""), Store.Mode.REPAIR)) {
            return finish(BuildIndex.run(s,
                    new BuildIndex.Options(bloom, dumb, sections, m), progress(),
                    err()));
        }
    }
}
