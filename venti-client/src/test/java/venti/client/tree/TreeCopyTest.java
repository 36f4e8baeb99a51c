package venti.client.tree;

import venti.core.MapStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;

/**
 * venti/copy's walk over a small archive: a root with a previous root, a directory with an
 * active file (two data blocks under a pointer block, one of them twice), an active
 * sub-directory and an inactive entry.
 */
class TreeCopyTest {

    private final MapStore src = new MapStore();
    private final MapStore dst = new MapStore();
    private final List<String> log = new ArrayList<>();
    private Score data1;
    private Score data2;
    private Score pointers;
    private Score dir;
    private Score root;

    private static final TreeCopy.Options PLAIN = new TreeCopy.Options(false, false, false, false, false);

    private void build() {
        data1 = src.put(BlockType.DATA, "first block".getBytes());
        data2 = src.put(BlockType.DATA, "second block".getBytes());
        pointers = src.put(BlockType.DATA1, concat(data1, data2, data1, Score.EMPTY));
        Score innerDir = src.put(BlockType.DIR, new Entry(1, 8192, 8192, BlockType.DATA, Entry.ACTIVE, 11, data1).pack());
        byte[] dirBlock = ByteBuffer.allocate(3 * Entry.SIZE)
                .put(new Entry(7, 8192, 8192, BlockType.DATA1, Entry.ACTIVE, 60_000, pointers).pack())
                .put(new Entry(8, 8192, 8192, BlockType.DIR, Entry.ACTIVE, 40, innerDir).pack())
                .put(new Entry(9, 8192, 8192, BlockType.DATA, 0, 0, Score.parse("11".repeat(20))).pack())
                .array();
        dir = src.put(BlockType.DIR, dirBlock);
        Score prev = src.put(BlockType.ROOT, new Root("old", "vac", dir, 8192, Score.ZERO).pack());
        root = src.put(BlockType.ROOT, new Root("archive", "vac", dir, 8192, prev).pack());
    }

    private static byte[] concat(Score... scores) {
        ByteBuffer b = ByteBuffer.allocate(scores.length * Score.SIZE);
        for (Score s : scores) {
            s.writeTo(b);
        }
        return b.array();
    }

    private TreeCopy.Result copy(TreeCopy.Options options) throws IOException {
        return new TreeCopy(src, dst, options, log::add).copy(new BlockRef(root, BlockType.ROOT));
    }

    @Test
    void copiesEveryReachableBlockAndSyncs() throws IOException {
        build();
        TreeCopy.Result r = copy(PLAIN);
        assertThat(r.score()).isEqualTo(root);
        assertThat(dst.blocks().keySet()).isEqualTo(src.blocks().keySet());
        assertThat(r.written()).as("2 roots, and twice the dir with its 6 blocks (data1 three times)").isEqualTo(16);
        assertThat(dst.syncs()).isEqualTo(1);
        assertThat(log).isEmpty();
    }

    @Test
    void markCopiesEachBlockOnce() throws IOException {
        build();
        TreeCopy.Result r = copy(new TreeCopy.Options(false, false, true, false, false));
        assertThat(r.written()).isEqualTo(src.blocks().size());
        assertThat(r.skipped()).as("data1 twice, the dir once").isEqualTo(3);
        assertThat(dst.blocks().keySet()).isEqualTo(src.blocks().keySet());
    }

    @Test
    void fastSkipsTreesAlreadyThere() throws IOException {
        build();
        dst.write(BlockType.DIR, src.read(dir, BlockType.DIR, 1000), 0, 3 * Entry.SIZE);
        TreeCopy.Result r = copy(new TreeCopy.Options(true, false, false, false, false));
        assertThat(r.written()).as("the two roots").isEqualTo(2);
        assertThat(dst.has(data1, BlockType.DATA)).isFalse();
    }

    @Test
    void aMissingBlockStopsTheCopyUnlessIgnoredOrRewritten() throws IOException {
        build();
        src.remove(data2, BlockType.DATA);
        assertThatThrownBy(() -> copy(PLAIN)).isInstanceOf(IOException.class)
                .hasMessage("reading block " + data2 + " (type 0): no block with score " + data2 + "/0 exists");

        TreeCopy.Result ignored = copy(new TreeCopy.Options(false, true, false, false, false));
        assertThat(ignored.score()).isEqualTo(root);
        assertThat(dst.has(pointers, BlockType.DATA1)).isTrue();
        assertThat(log).as("data2, once under each root").hasSize(2).allMatch(l -> l.endsWith("; ignored"));
    }

    @Test
    void rewriteReplacesUnreadableBlocksWithTheEmptyScore() throws IOException {
        build();
        src.remove(data2, BlockType.DATA);
        TreeCopy.Result r = copy(new TreeCopy.Options(false, false, false, true, false));
        assertThat(r.changes()).isEqualTo(2);
        assertThat(r.score()).isNotEqualTo(root);
        Root newRoot = Root.unpack(dst.read(r.score(), BlockType.ROOT, 300));
        Entry file = Entry.unpack(dst.read(newRoot.score(), BlockType.DIR, 1000), 0);
        assertThat(dst.read(file.score(), BlockType.DATA1, 100)).isEqualTo(concat(data1, Score.EMPTY, data1, Score.EMPTY));
        assertThat(Entry.unpack(dst.read(newRoot.score(), BlockType.DIR, 1000), 2).score())
                .as("inactive entries are kept as they are").isEqualTo(Score.parse("11".repeat(20)));
    }

    @Test
    void verboseTracesTheWalk() throws IOException {
        build();
        copy(new TreeCopy.Options(false, false, false, false, true));
        assertThat(log.getFirst()).isEqualTo("-> 0 16 8 " + root);
        assertThat(log).contains("  -> 2 8 0 " + dir, "    -> 4 0 0 " + data1, "<- " + root);
        assertThat(log).noneMatch(l -> l.equals("    <- " + data1));
    }

    @Test
    void refusesToIgnoreAndRewriteAtOnce() {
        assertThatThrownBy(() -> new TreeCopy.Options(false, true, false, true, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
