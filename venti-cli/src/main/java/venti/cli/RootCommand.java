package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.client.tree.TypedBlock;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.FormatException;
import venti.core.Root;
import venti.core.Score;

/** venti/root: prints root blocks. */
@Command(name = "root", sortOptions = false,
        header = "Print the fields of root blocks",
        description = {
                "Reads each score as a root block and prints its fields on one line:",
                "  score: name type dirscore blocksize prevscore",
                "Names with spaces or shell characters are quoted. A score that cannot be read is reported on"
                        + " standard error, and the rest are still printed."})
final class RootCommand implements Callable<Integer> {

    private static final String SPECIAL = "`^#*[]=|\\?${}()'<>&;";

    @Mixin
    Host host;
    @Parameters(paramLabel = "score", arity = "1..*", description = "Scores of root blocks.")
    List<String> scores;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (VentiClient c = host.connect()) {
            return print(c, scores, spec.commandLine().getOut(), spec.commandLine().getErr()) ? 0 : 1;
        }
    }

    /** Prints each root; returns false when any could not be. */
    static boolean print(BlockStore store, List<String> scores, PrintWriter out, PrintWriter err) throws IOException {
        boolean ok = true;
        for (String text : scores) {
            try {
                Score score = Score.parse(text);
                byte[] b = store.read(score, BlockType.ROOT, TypedBlock.MAX_READ);
                if (b.length != Root.SIZE) {
                    throw new FormatException("block " + score + " is wrong size " + b.length + " != " + Root.SIZE);
                }
                Root r = Root.unpack(b);
                out.println(score + ": " + quote(r.name()) + " " + quote(r.type()) + " " + r.score() + " "
                        + r.blocksize() + " " + r.prev());
            } catch (IllegalArgumentException | ServerErrorException | BlockStoreException e) {
                err.println("venti root: " + text + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /** A string as Plan 9's %q prints it: in single quotes, doubling any inside, when rc would need them. */
    static String quote(String s) {
        boolean needs = s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || SPECIAL.indexOf(c) >= 0);
        return needs ? "'" + s.replace("'", "''") + "'" : s;
    }
}
