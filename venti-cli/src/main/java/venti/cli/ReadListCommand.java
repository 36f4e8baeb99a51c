package venti.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.client.tree.TypedBlock;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;

/** venti/readlist: reads every block a list names, as a check or to warm a cache. */
@Command(name = "readlist", sortOptions = false,
        header = "Read every block named in lists of scores and types",
        description = {
                "Reads every block named in the lists (standard input when none is given): one block per line,"
                        + " its score and its numeric type separated by white space.",
                "Stops at the first block that cannot be read; prints a count every 1000 blocks."})
final class ReadListCommand implements Callable<Integer> {

    private static final int REPORT_EVERY = 1000;

    @Mixin
    Host host;
    @Parameters(paramLabel = "list", arity = "0..*", description = "Files of 'score type' lines.")
    List<Path> lists = List.of();
    @ParentCommand
    Main main;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (VentiClient c = host.connect()) {
            long n = 0;
            if (lists.isEmpty()) {
                n = readAll(c, main.stdin(), n, out);
            }
            for (Path p : lists) {
                try (InputStream in = Files.newInputStream(p)) {
                    n = readAll(c, in, n, out);
                }
            }
        }
        out.println();
        return 0;
    }

    /** Reads the blocks one list names; returns the running count, which started at {@code n}. */
    static long readAll(BlockStore store, InputStream list, long n, PrintWriter out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 2) {
                throw new IOException("syntax error in work list: '" + line + "'; want 'score type'");
            }
            Score score;
            BlockType type;
            try {
                score = Score.parse(f[0]);
                type = new BlockTypes().convert(f[1]);
            } catch (IllegalArgumentException e) {
                throw new IOException("bad line in work list: '" + line + "': " + e.getMessage(), e);
            }
            try {
                store.read(score, type, TypedBlock.MAX_READ);
            } catch (IOException | RuntimeException e) {
                throw new IOException("could not read " + f[0] + " " + f[1] + ": " + e.getMessage(), e);
            }
            if (++n % REPORT_EVERY == 0) {
                out.print(n + "...");
                out.flush();
            }
        }
        return n;
    }
}
