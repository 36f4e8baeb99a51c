package venti.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import venti.core.BlockNotFoundException;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/** The in-memory store answers as the C server's storage layer, in the C server's words. */
class MemoryStoreTest {

    private final MemoryStore store = new MemoryStore(100);

    @Test
    void blocksAreKeyedByScoreAndDiskType() {
        byte[] ptr = new byte[40];
        Score s = store.write(BlockType.DATA1, ptr, 0, 40);
        assertThat(store.read(s, BlockType.DIR1, 40)).isEqualTo(ptr);
        assertThatThrownBy(() -> store.read(s, BlockType.DATA2, 40)).isInstanceOf(BlockNotFoundException.class)
                .hasMessage("no block with score " + s + "/2 exists");
        assertThatThrownBy(() -> store.read(s, BlockType.DIR1, 39)).isInstanceOf(BlockStoreException.class)
                .hasMessage("read too small: asked for 39 need at least 40");
    }

    @Test
    void writesAreSlicesAndDuplicatesStoreNothing() {
        byte[] frame = {9, 9, 1, 2, 3, 9};
        Score s = store.write(BlockType.DATA, frame, 2, 3);
        assertThat(s).isEqualTo(Sha1.hash(new byte[] {1, 2, 3}));
        frame[2] = 7;
        assertThat(store.read(s, BlockType.DATA, 3)).containsExactly(1, 2, 3);
        store.write(BlockType.DATA, new byte[] {1, 2, 3}, 0, 3);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(3);
        assertThat(store.write(BlockType.DATA, frame, 0, 0)).isEqualTo(Score.EMPTY);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void limitsInTheCServersWords() {
        assertThatThrownBy(() -> new MemoryStore().write(BlockType.DATA, new byte[57345], 0, 57345))
                .hasMessage("lump too large");
        store.write(BlockType.DATA, new byte[99], 0, 99);
        assertThatThrownBy(() -> store.write(BlockType.DATA, new byte[] {1, 2}, 0, 2))
                .hasMessage("no space left in arenas");
        assertThat(store.bytes()).isEqualTo(99);
    }
}
