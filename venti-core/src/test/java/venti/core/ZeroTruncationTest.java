package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ZeroTruncationTest {

    private static final Score A = Sha1.hash(new byte[] {'a'});

    @Test
    void dataAndDirectoryBlocksDropTrailingZeroBytes() {
        byte[] buf = {9, 'h', 'i', 0, 'x', 0, 0, 0, 9};
        assertThat(ZeroTruncation.truncate(BlockType.DATA, buf, 1, 7)).isEqualTo(4);
        assertThat(ZeroTruncation.truncate(BlockType.DIR, buf, 1, 7)).isEqualTo(4);
        assertThat(ZeroTruncation.truncate(BlockType.DATA, buf, 5, 3)).isZero();
        assertThat(ZeroTruncation.truncate(BlockType.DATA, buf, 0, 9)).isEqualTo(9);
        assertThat(ZeroTruncation.truncate(BlockType.DATA, buf, 3, 0)).isZero();
    }

    @Test
    void pointerBlocksDropTrailingEmptyBlockScoresOnly() {
        byte[] buf = scores(A, Score.ZERO, Score.EMPTY, Score.EMPTY);
        assertThat(ZeroTruncation.truncate(BlockType.DATA1, buf, 0, 80)).isEqualTo(40);
        assertThat(ZeroTruncation.truncate(BlockType.DIR3, buf, 0, 80)).isEqualTo(40);
        assertThat(ZeroTruncation.truncate(BlockType.DATA1, buf, 40, 40)).isZero();
        // As data, the same bytes keep everything: no trailing zero byte.
        assertThat(ZeroTruncation.truncate(BlockType.DATA, buf, 0, 80)).isEqualTo(80);
    }

    @Test
    void aPartialScoreAtTheEndOfAPointerBlockIsDropped() {
        byte[] buf = Arrays.copyOf(scores(A, Score.EMPTY), 47);
        Arrays.fill(buf, 40, 47, (byte) 7);
        assertThat(ZeroTruncation.truncate(BlockType.DATA2, buf, 0, 47)).isEqualTo(20);
    }

    @Test
    void rootBlocksAreCutTo300() {
        byte[] buf = new byte[400];
        Arrays.fill(buf, (byte) 1);
        assertThat(ZeroTruncation.truncate(BlockType.ROOT, buf, 0, 400)).isEqualTo(300);
        assertThat(ZeroTruncation.truncate(BlockType.ROOT, new byte[100], 0, 100)).isEqualTo(100);
    }

    @Test
    void theGoldenPointerBlocksAreAlreadyTruncatedAndExtendBack() {
        List<byte[]> writes = CapturedWrites.of("05-write-types.c2s.bin");
        byte[] ptr60 = writes.get(4);
        byte[] dirptr40 = writes.get(5);
        assertThat(ZeroTruncation.truncate(BlockType.DATA1, ptr60, 0, ptr60.length)).isEqualTo(60);
        assertThat(ZeroTruncation.truncate(BlockType.DIR1, dirptr40, 0, dirptr40.length)).isEqualTo(40);

        byte[] block = Arrays.copyOf(ptr60, 8192);
        ZeroTruncation.extend(BlockType.DATA1, block, 0, 60, 8192);
        for (int p = 60; p + Score.SIZE <= 8192; p += Score.SIZE) {
            assertThat(Score.EMPTY.matches(block, p)).as("slot at %d", p).isTrue();
        }
        assertThat(Arrays.copyOfRange(block, 8180, 8192)).isEqualTo(new byte[12]);
        assertThat(ZeroTruncation.truncate(BlockType.DATA1, block, 0, 8192)).isEqualTo(60);
        // The 8192 zero bytes of scenario 05 are a data block that truncates to nothing.
        byte[] zeros = writes.get(8);
        assertThat(ZeroTruncation.truncate(BlockType.DATA, zeros, 0, zeros.length)).isZero();
    }

    @Test
    void extensionOverwritesAPartialScoreAsLibventiDoes() {
        byte[] buf = new byte[70];
        Arrays.fill(buf, (byte) 7);
        ZeroTruncation.extend(BlockType.DATA1, buf, 0, 30, 70);
        assertThat(Arrays.copyOf(buf, 20)).containsOnly(7);
        assertThat(Score.EMPTY.matches(buf, 20)).isTrue();
        assertThat(Score.EMPTY.matches(buf, 40)).isTrue();
        assertThat(Arrays.copyOfRange(buf, 60, 70)).isEqualTo(new byte[10]);
    }

    @Test
    void extensionStaysInsideItsRange() {
        byte[] buf = new byte[12];
        Arrays.fill(buf, (byte) 5);
        ZeroTruncation.extend(BlockType.ROOT, buf, 2, 3, 8);
        assertThat(buf).containsExactly(5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 5, 5);
        assertThatThrownBy(() -> ZeroTruncation.extend(BlockType.DATA, buf, 0, 5, 4))
                .hasMessage("cannot extend a block of 5 bytes to 4");
        assertThatThrownBy(() -> ZeroTruncation.extend(BlockType.DATA, buf, 4, 0, 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ZeroTruncation.truncate(BlockType.DATA, buf, 4, 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ZeroTruncation.truncate(BlockType.CORRUPT, buf, 0, 1)).hasMessageContaining("CORRUPT");
    }

    @Property
    void dataAndDirectoryBlocksComeBack(@ForAll byte[] content, @ForAll @IntRange(max = 100) int zeros,
                                        @ForAll boolean dir) {
        BlockType type = dir ? BlockType.DIR : BlockType.DATA;
        byte[] block = Arrays.copyOf(content, content.length + zeros);
        checkComesBack(type, block);
        assertThat(ZeroTruncation.truncate(type, block, 0, block.length)).isLessThanOrEqualTo(content.length);
    }

    @Property
    void pointerBlocksComeBack(@ForAll @Size(max = 10) List<@Size(20) byte[]> scores,
                               @ForAll @IntRange(max = 10) int empties,
                               @ForAll @IntRange(min = 1, max = 7) int depth, @ForAll boolean dir) {
        byte[] block = new byte[(scores.size() + empties) * Score.SIZE];
        for (int i = 0; i < scores.size(); i++) {
            System.arraycopy(scores.get(i), 0, block, i * Score.SIZE, Score.SIZE);
        }
        for (int i = scores.size(); i < scores.size() + empties; i++) {
            Score.EMPTY.copyTo(block, i * Score.SIZE);
        }
        checkComesBack(BlockType.pointer(dir, depth), block);
    }

    @Property
    void rootBlocksComeBack(@ForAll @Size(max = 300) byte[] content, @ForAll boolean full,
                            @ForAll @IntRange(max = 100) int zeros) {
        byte[] block = full ? Arrays.copyOf(Arrays.copyOf(content, Root.SIZE), Root.SIZE + zeros) : content;
        checkComesBack(BlockType.ROOT, block);
    }

    private static void checkComesBack(BlockType type, byte[] block) {
        byte[] buf = new byte[block.length + 6];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(block, 0, buf, 3, block.length);
        int n = ZeroTruncation.truncate(type, buf, 3, block.length);
        Arrays.fill(buf, 3 + n, 3 + block.length, (byte) 0x33);
        ZeroTruncation.extend(type, buf, 3, n, block.length);
        assertThat(Arrays.copyOfRange(buf, 3, 3 + block.length)).isEqualTo(block);
        assertThat(Arrays.copyOf(buf, 3)).containsOnly(0x5a);
        assertThat(Arrays.copyOfRange(buf, 3 + block.length, buf.length)).containsOnly(0x5a);
    }

    private static byte[] scores(Score... scores) {
        byte[] b = new byte[scores.length * Score.SIZE];
        for (int i = 0; i < scores.length; i++) {
            scores[i].copyTo(b, i * Score.SIZE);
        }
        return b;
    }
}
