package venti.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Root;
import venti.core.Score;

/** venti/mkroot: writes a root block by hand. */
@Command(name = "mkroot", sortOptions = false,
        header = "Write a root block and print its score",
        description = "Writes a root block with the given fields to a Venti server, syncs it, and prints its score.")
final class MkRootCommand implements Callable<Integer> {

    @Mixin
    Host host;
    @Parameters(index = "0", paramLabel = "name", description = "Archive name (at most 127 bytes).")
    String name;
    @Parameters(index = "1", paramLabel = "type", description = "Archive kind, as vac (at most 127 bytes).")
    String type;
    @Parameters(index = "2", paramLabel = "score", description = "Score of the directory block.")
    String score;
    @Parameters(index = "3", paramLabel = "blocksize", description = "Largest block size in the tree.")
    long blockSize;
    @Parameters(index = "4", paramLabel = "prev", description = "Score of the previous root block.")
    String prev;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Root root = new Root(name, type, Score.parse(score), blockSize, Score.parse(prev));
        try (VentiClient c = host.connect()) {
            spec.commandLine().getOut().println(write(c, root));
        }
        return 0;
    }

    static Score write(BlockStore store, Root root) throws IOException {
        byte[] b = root.pack();
        Score s = store.write(BlockType.ROOT, b, 0, b.length);
        store.sync();
        return s;
    }
}
