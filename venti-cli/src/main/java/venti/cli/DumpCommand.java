package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.client.tree.BlockRef;
import venti.client.tree.TreeBlock;
import venti.client.tree.TypedBlock;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;

/** venti/dump: prints a whole hash tree, block by block. */
@Command(name = "dump", sortOptions = false,
        header = "Print the tree of blocks under a score",
        description = {
                "Prints the tree of blocks under score, indented by depth: roots with their fields, directory"
                        + " entries with theirs, pointer blocks, and data blocks in hexadecimal.",
                "The top block's type is found by trying each type."})
final class DumpCommand implements Callable<Integer> {

    private static final int INDENT = 4;
    private static final int BYTES_PER_LINE = 16;

    @Mixin
    Host host;
    @Parameters(paramLabel = "score", description = "Top block's score, optionally label:score.")
    String score;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Score top = Score.parse(score);
        try (VentiClient c = host.connect()) {
            BlockType type = TypedBlock.find(c, top).type();
            dump(c, new BlockRef(top, type), 0, spec.commandLine().getOut());
        }
        return 0;
    }

    /** Prints the block and, below it and further indented, its tree. */
    static void dump(BlockStore store, BlockRef ref, int indent, PrintWriter out) throws IOException {
        String pad = " ".repeat(indent * INDENT);
        Score score = ref.score();
        byte[] data;
        try {
            data = ref.isEmpty() ? new byte[0] : store.read(score, ref.type(), TypedBlock.MAX_READ);
        } catch (ServerErrorException | BlockStoreException e) {
            out.println(pad + "error reading " + score + ": " + e.getMessage());
            return;
        }
        switch (TreeBlock.decode(ref.type(), data)) {
            case TreeBlock.RootBlock(Root root, String error) when root == null ->
                    out.println(pad + "error unpacking root " + score + ": " + error);
            case TreeBlock.RootBlock(Root root, String error) -> {
                out.println(pad + score + " root name=" + root.name() + " type=" + root.type() + " prev=" + root.prev()
                        + " bsize=" + root.blocksize());
                dump(store, new BlockRef(root.score(), BlockType.DIR), indent + 1, out);
            }
            case TreeBlock.DirBlock dir -> {
                out.println(pad + score + " dir n=" + data.length);
                String entryPad = " ".repeat((indent + 1) * INDENT);
                for (TreeBlock.Slot slot : dir.slots()) {
                    Entry e = slot.entry();
                    if (e == null) {
                        out.println(entryPad + slot.index() + ": cannot unpack: " + slot.error());
                        continue;
                    }
                    out.println(entryPad + slot.index() + ": gen=" + String.format("%#x", e.gen()) + " psize=" + e.psize()
                            + " dsize=" + e.dsize() + " type=" + e.type().value() + " flags=" + String.format("%#x", e.flags())
                            + " size=" + e.size() + " score=" + e.score());
                    dump(store, new BlockRef(e.score(), e.type()), indent + 2, out);
                }
            }
            case TreeBlock.PointerBlock p -> {
                out.println(pad + score + (p.type().isDirectory() ? " dir+" : " data+") + p.type().depth());
                for (BlockRef child : p.children()) {
                    dump(store, child, indent + 1, out);
                }
            }
            case TreeBlock.DataBlock d -> {
                StringBuilder s = new StringBuilder(pad + score + " data n=" + data.length);
                String bytePad = " ".repeat((indent + 1) * INDENT);
                for (int i = 0; i < data.length; i++) {
                    if (i % BYTES_PER_LINE == 0) {
                        s.append('\n').append(bytePad);
                    }
                    s.append(String.format(" %02x", data[i]));
                }
                out.println(s);
            }
        }
    }
}
