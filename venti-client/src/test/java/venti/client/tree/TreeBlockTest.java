package venti.client.tree;

import venti.core.MapStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;
import venti.core.Sha1;

class TreeBlockTest {

    private static final Score A = Sha1.hash(new byte[] {1});
    private static final Score B = Sha1.hash(new byte[] {2});

    @Test
    void rootPointsToPrevAndDirectory() {
        byte[] root = new Root("n", "vac", A, 8192, B).pack();
        assertThat(TreeBlock.decode(BlockType.ROOT, root).children())
                .containsExactly(new BlockRef(B, BlockType.ROOT), new BlockRef(A, BlockType.DIR));
        TreeBlock bad = TreeBlock.decode(BlockType.ROOT, new byte[12]);
        assertThat(bad.children()).isEmpty();
        assertThat(((TreeBlock.RootBlock) bad).error()).contains("300");
    }

    @Test
    void directoryPointsToActiveEntriesOnly() {
        byte[] dir = new byte[3 * Entry.SIZE + 7];
        new Entry(0, 4096, 8192, BlockType.DIR2, Entry.ACTIVE, 5, A).pack(dir, 0);
        new Entry(0, 4096, 8192, BlockType.DATA, 0, 5, B).pack(dir, 1);
        dir[2 * Entry.SIZE + 8] = Entry.ACTIVE;
        TreeBlock.DirBlock d = (TreeBlock.DirBlock) TreeBlock.decode(BlockType.DIR, dir);
        assertThat(d.children()).containsExactly(new BlockRef(A, BlockType.DIR2));
        assertThat(d.slots()).hasSize(4);
        assertThat(d.slots().get(2).error()).contains("block size");
        assertThat(d.slots().get(3).error()).as("7 bytes are no entry").isNotNull();
    }

    @Test
    void pointerBlocksPointOneLevelDownIgnoringAPartialScore() {
        byte[] ptr = new byte[2 * Score.SIZE + 5];
        A.copyTo(ptr, 0);
        B.copyTo(ptr, Score.SIZE);
        assertThat(TreeBlock.decode(BlockType.DIR3, ptr).children())
                .containsExactly(new BlockRef(A, BlockType.DIR2), new BlockRef(B, BlockType.DIR2));
        assertThat(TreeBlock.decode(BlockType.DATA1, Arrays.copyOf(ptr, 20)).children())
                .containsExactly(new BlockRef(A, BlockType.DATA));
        assertThat(TreeBlock.decode(BlockType.DATA, ptr).children()).isEmpty();
    }

    @Test
    void findTriesEveryTypeInLibventiOrder() throws IOException {
        MapStore store = new MapStore();
        Score s = store.put(BlockType.DIR1, new byte[20]);
        TypedBlock found = TypedBlock.find(store, s);
        assertThat(found.type()).as("a data pointer and a dir pointer share a disk type").isEqualTo(BlockType.DATA1);
        assertThat(store.reads()).isEqualTo(2);
        assertThatThrownBy(() -> TypedBlock.find(store, A)).hasMessage("could not find block " + A + " of any type");
        assertThat(store.reads()).isEqualTo(2 + 17);
        assertThat(new BlockRef(Score.ZERO, BlockType.DATA).isEmpty()).isTrue();
        assertThat(new BlockRef(Score.EMPTY, BlockType.DATA).isEmpty()).isTrue();
        assertThat(new BlockRef(A, BlockType.DATA).isEmpty()).isFalse();
    }
}
