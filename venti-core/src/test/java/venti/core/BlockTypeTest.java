package venti.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockTypeTest {

    @Test
    void mapsToDiskAsLibventi() {
        int[] wire = {13, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9, 1};
        for (int t = 0; t <= 16; t++) {
            assertThat(BlockType.of(t).diskType()).as("type %d", t).isEqualTo(wire[t]);
        }
        assertThat(BlockType.toDisk(17)).isEqualTo(0xff);
    }

    @Test
    void mapsFromDiskAsLibventi() {
        assertThat(BlockType.fromDisk(1)).isEqualTo(BlockType.ROOT);
        assertThat(BlockType.fromDisk(2)).isEqualTo(BlockType.DIR);
        assertThat(BlockType.fromDisk(3)).isEqualTo(BlockType.DIR1);
        assertThat(BlockType.fromDisk(9)).isEqualTo(BlockType.DIR7);
        assertThat(BlockType.fromDisk(13)).isEqualTo(BlockType.DATA);
        for (int d : new int[] {0, 10, 11, 12, 14, 255, -1}) {
            assertThat(BlockType.fromDisk(d)).as("disk %d", d).isEqualTo(BlockType.CORRUPT);
        }
    }

    @Test
    void dataPointersComeBackAsDirPointers() {
        // manifest.tsv: type 1 is stored as 3 and reported as 9.
        assertThat(BlockType.fromDisk(BlockType.DATA1.diskType())).isEqualTo(BlockType.DIR1);
    }

    @Test
    void depthAndChildren() {
        assertThat(BlockType.DIR3.depth()).isEqualTo(3);
        assertThat(BlockType.DIR3.child()).isEqualTo(BlockType.DIR2);
        assertThat(BlockType.DATA1.child()).isEqualTo(BlockType.DATA);
        assertThat(BlockType.pointer(true, 0)).isEqualTo(BlockType.DIR);
        assertThat(BlockType.ROOT.isPointer()).isFalse();
        assertThat(BlockType.DIR.isDirectory()).isTrue();
    }
}
