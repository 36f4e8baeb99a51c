package venti.store.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.disk.Bucket;
import venti.store.disk.ClumpInfo;
import venti.store.disk.IndexEntry;

/** checkindex's order of the expected entries is Bucket.ORDER, also for scores that share their first bytes. */
class CheckIndexSortTest {

    @Property(tries = 200)
    void sortsAsBucketOrderDoes(@ForAll @IntRange(min = 0, max = 3000) int n, @ForAll long seed) {
        Random r = new Random(seed);
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[Score.SIZE];
            r.nextBytes(b);
            if (i > 0 && r.nextInt(4) == 0) {
                // the first five bytes of an earlier score, or all of it with another type
                Score earlier = entries.get(r.nextInt(entries.size())).score();
                byte[] e = earlier.toByteArray();
                System.arraycopy(e, 0, b, 0, r.nextBoolean() ? 5 : Score.SIZE);
            }
            if (r.nextInt(8) == 0) {
                // a crowd in the first bin, more than are sorted by insertion
                b[0] = 0;
                b[1] = 0;
            }
            BlockType type = r.nextBoolean() ? BlockType.DATA : BlockType.fromDisk(1 + r.nextInt(3));
            entries.add(new IndexEntry(Score.fromBytes(b), r.nextInt(1 << 20), 100, type, 1));
        }
        List<IndexEntry> want = new ArrayList<>(entries);
        want.sort(Bucket.ORDER);
        CheckIndex.Expected expected = new CheckIndex.Expected(1);
        ByteBuffer dir = ByteBuffer.allocate(ClumpInfo.SIZE);
        for (IndexEntry e : entries) {
            new ClumpInfo(e.type(), 100, e.size(), e.score()).pack(dir, 0);
            expected.add(dir.array(), 0, e.address());
        }
        expected.sort();
        assertThat(expected.inOrder(0, n)).extracting(e -> e.score() + "/" + e.type().diskType())
                .containsExactlyElementsOf(want.stream().map(e -> e.score() + "/" + e.type().diskType()).toList());
    }

    @Property(tries = 50)
    void aBucketHoldsTheEntriesWhateverItsUnusedFields(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        Random r = new Random(seed);
        CheckIndex.Expected expected = new CheckIndex.Expected(1);
        ByteBuffer dir = ByteBuffer.allocate(ClumpInfo.SIZE);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[Score.SIZE];
            r.nextBytes(b);
            new ClumpInfo(BlockType.DATA, 100, 200, Score.fromBytes(b)).pack(dir, 0);
            expected.add(dir.array(), 0, r.nextInt(1 << 20));
        }
        expected.sort();
        ByteBuffer block = ByteBuffer.allocate(n * IndexEntry.SIZE);
        List<IndexEntry> inOrder = expected.inOrder(0, n);
        for (int i = 0; i < n; i++) {
            inOrder.get(i).pack(block, i * IndexEntry.SIZE);
        }
        assertThat(expected.packedIn(0, n, block, 0)).isTrue();
        int k = r.nextInt(n) * IndexEntry.SIZE;
        block.putInt(k + IndexEntry.WTIME_OFFSET, r.nextInt() | 1);
        assertThat(expected.packedIn(0, n, block, 0)).as("a write time set").isTrue();
        block.put(k + IndexEntry.BLOCKS_OFFSET, (byte) (block.get(k + IndexEntry.BLOCKS_OFFSET) + 1));
        assertThat(expected.packedIn(0, n, block, 0)).as("a field in use changed").isFalse();
    }
}
