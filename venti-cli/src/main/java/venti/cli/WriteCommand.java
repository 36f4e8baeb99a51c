package venti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.ZeroTruncation;

/** venti/write: standard input as one block; prints its score. */
@Command(name = "write", sortOptions = false,
        header = "Write standard input to a Venti server as one block",
        description = "Writes standard input, at most 56 KiB, as one block to a Venti server and prints its score.")
final class WriteCommand implements Callable<Integer> {

    @Option(names = "-z", description = "Zero-truncate the block before writing it (trailing zero bytes, or"
            + " trailing empty-block scores for pointer types).")
    boolean truncate;
    @Mixin
    Host host;
    @Option(names = "-t", paramLabel = "type", converter = BlockTypes.class, defaultValue = "0",
            description = "Block type as a number (default 0, data); see venti read.")
    BlockType type;
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] block = readBlock(main.stdin());
        try (VentiClient c = host.connect()) {
            spec.commandLine().getOut().println(write(c, type, block, truncate));
        }
        return 0;
    }

    /** All of {@code in}, refused when longer than a block. */
    static byte[] readBlock(InputStream in) throws IOException {
        byte[] b = in.readNBytes(BlockStore.MAX_BLOCK + 1);
        if (b.length > BlockStore.MAX_BLOCK) {
            throw new IOException("input too big: max block size is " + BlockStore.MAX_BLOCK);
        }
        return b;
    }

    static Score write(BlockStore store, BlockType type, byte[] block, boolean truncate) throws IOException {
        int n = truncate ? ZeroTruncation.truncate(type, block, 0, block.length) : block.length;
        return store.write(type, block, 0, n);
    }
}
