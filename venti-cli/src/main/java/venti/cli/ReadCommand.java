package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.client.tree.TypedBlock;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;

/** venti/read: one block to standard output. */
@Command(name = "read", sortOptions = false,
        header = "Read a block from a Venti server to standard output",
        description = {
                "Reads the block with the given score from a Venti server and writes it to standard output.",
                "Without -t, tries each type in turn until one works, and prints on standard error the read"
                        + " command with the type that did."})
final class ReadCommand implements Callable<Integer> {

    /** How the C server's and ours answer a read of a block they do not have. */
    private static final String NOT_FOUND = "no block with score ";

    @Mixin
    Host host;
    @Option(names = "-t", paramLabel = "type", converter = BlockTypes.class,
            description = "Block type as a number: 0 data, 1-7 data pointers, 8 directory, 9-15 directory pointers, 16 root.")
    BlockType type;
    @Parameters(paramLabel = "score", description = "The block's score (40 hex digits; a label: prefix is ignored).")
    String score;
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Score s = Score.parse(score);
        try (VentiClient c = host.connect()) {
            main.stdout().write(read(c, s, type, host.host, spec.commandLine().getErr()));
            main.stdout().flush();
        } catch (ServerErrorException e) {
            // Data and directory pointers of one depth share a wire type, so the server names the
            // type it was sent in its own way (-t 1 comes back as /9): say the one asked for.
            if (type != null && e.getMessage().startsWith(NOT_FOUND)) {
                throw new BlockNotFoundException(s, type);
            }
            throw e;
        }
        return 0;
    }

    /** The block under {@code type}, or under the first type that has it (and says which on {@code err}). */
    static byte[] read(BlockStore store, Score score, BlockType type, String host, PrintWriter err) throws IOException {
        if (type != null) {
            return store.read(score, type, TypedBlock.MAX_READ);
        }
        TypedBlock b = TypedBlock.find(store, score);
        err.println("venti read" + (host != null ? " -h " + host : "") + " -t " + b.type().value() + " " + score);
        return b.data();
    }
}
