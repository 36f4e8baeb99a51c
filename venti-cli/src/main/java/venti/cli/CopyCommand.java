package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.client.tree.BlockRef;
import venti.client.tree.TreeCopy;
import venti.client.tree.TypedBlock;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;

/** venti/copy: a whole hash tree from one server to another. */
@Command(name = "copy", sortOptions = false,
        header = "Copy the tree of blocks under a score between servers",
        description = {
                "Copies the tree of blocks under score (normally a root block) from srchost to dsthost,"
                        + " children before parents, then syncs dsthost.",
                "Trees can share blocks: -m remembers what was copied so each block is copied once (memory grows"
                        + " with the tree), and -f trusts that a block already on dsthost has its whole tree there"
                        + " (only safe when dsthost has lost nothing).",
                "A block that cannot be read from srchost stops the copy, unless -i (leave it out: the copy is then"
                        + " incomplete, which breaks the assumption -f makes) or -r (point to the empty block instead"
                        + " and print the new top score)."})
final class CopyCommand implements Callable<Integer> {

    @Option(names = "-f", description = "Fast: skip blocks, and their trees, that dsthost already has.")
    boolean fast;
    @Option(names = "-i", description = "Ignore blocks that cannot be read from srchost.")
    boolean ignoreErrors;
    @Option(names = "-m", description = "Copy each block once, remembering every block copied.")
    boolean mark;
    @Option(names = "-r", description = "Replace pointers to unreadable blocks with the empty block's score,"
            + " rewriting the blocks above them; prints the new score.")
    boolean rewrite;
    @Option(names = "-V", description = "Print every request to either server and its answer.")
    boolean trace;
    @Option(names = "-v", description = "Print each block as it is visited and copied, and the totals.")
    boolean verbose;
    @Option(names = "-t", paramLabel = "type", converter = BlockTypes.class,
            description = "Type of the top block; default: try every type.")
    BlockType type;
    @Parameters(index = "0", paramLabel = "srchost", description = "Server to copy from.")
    String src;
    @Parameters(index = "1", paramLabel = "dsthost", description = "Server to copy to.")
    String dst;
    @Parameters(index = "2", paramLabel = "score", description = "Top block's score, optionally label:score.")
    String score;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (ignoreErrors && rewrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-i and -r exclude each other");
        }
        Score.Labeled top = Score.parseLabeled(score);
        PrintWriter err = spec.commandLine().getErr();
        try (VentiClient from = Host.dial(src); VentiClient to = Host.dial(dst)) {
            BlockStore s = trace ? new TracingStore("src", from, err) : from;
            BlockStore d = trace ? new TracingStore("dst", to, err) : to;
            copy(s, d, top, type, new TreeCopy.Options(fast, ignoreErrors, mark, rewrite, verbose),
                    spec.commandLine().getOut(), err);
        }
        return 0;
    }

    static TreeCopy.Result copy(BlockStore src, BlockStore dst, Score.Labeled top, BlockType type,
                                TreeCopy.Options options, PrintWriter out, PrintWriter err) throws IOException {
        BlockType t = type != null ? type : TypedBlock.find(src, top.score()).type();
        TreeCopy.Result r = new TreeCopy(src, dst, options, err::println).copy(new BlockRef(top.score(), t));
        if (r.changes() > 0) {
            out.println((top.label() != null ? top.label() + ":" : "") + r.score() + " (" + r.changes()
                    + " pointers rewritten)");
        }
        if (options.verbose()) {
            out.println(r.skipped() + " skipped, " + r.written() + " written");
        }
        return r;
    }
}
