package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Score HELLO = Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");

    /** The 80-byte directory block scenario 05 wrote: bytes (i*7+3) & 0xff. */
    private static byte[] dir80() {
        byte[] b = CapturedWrites.of("05-write-types.c2s.bin").get(2);
        assertThat(b).hasSize(80);
        return b;
    }

    @Test
    void packsAsLibventi() {
        Entry e = new Entry(7, 8160, 8192, BlockType.DATA2, Entry.ACTIVE | Entry.LOCAL, 0x0123_4567_89abL, HELLO);
        String want = "00000007" + "1fe0" + "2000" + "29" + "0000000000" + "0123456789ab"
                + "46bc3b9a3f81c11d49eff12f52b561d1de748d5b";
        assertThat(HEX.formatHex(e.pack())).isEqualTo(want);
        assertThat(Entry.unpack(HEX.parseHex(want), 0)).isEqualTo(e);
    }

    @Test
    void directoryTypeSetsTheDirBit() {
        Entry e = new Entry(0xffff_ffffL, 256, 256, BlockType.DIR7, Entry.ACTIVE | Entry.NO_ARCHIVE, Entry.MAX_SIZE, HELLO);
        byte[] b = e.pack();
        assertThat(HEX.formatHex(b, 0, 20)).isEqualTo("ffffffff" + "0100" + "0100" + "9f" + "0000000000" + "ffffffffffff");
        assertThat(Entry.unpack(b, 0)).isEqualTo(e);
    }

    @Test
    void sizesFrom65536UseTheBigEncodingForBoth() {
        Entry small = new Entry(0, 65535, 65535, BlockType.DIR, Entry.ACTIVE, 0, HELLO);
        assertThat(HEX.formatHex(small.pack(), 4, 9)).isEqualTo("ffff" + "ffff" + "03");

        Entry big = new Entry(0, 65536, 8192, BlockType.DIR, Entry.ACTIVE, 0, HELLO);
        // 65536 = 1024 << 6 and 8192 = 1024 << 3: mantissa in the top 11 bits, shift in the low 5.
        assertThat(HEX.formatHex(big.pack(), 4, 9)).isEqualTo("8006" + "8003" + "43");
        assertThat(Entry.unpack(big.pack(), 0)).isEqualTo(big);

        Entry largest = new Entry(0, 2047L << 31, 1L << 31, BlockType.DATA, Entry.ACTIVE, 0, HELLO);
        assertThat(HEX.formatHex(largest.pack(), 4, 9)).isEqualTo("ffff" + "8015" + "41");
        assertThat(Entry.unpack(largest.pack(), 0)).isEqualTo(largest);
    }

    @Test
    void refusesSizesTheBigEncodingCannotHold() {
        assertThatThrownBy(() -> new Entry(0, 65537, 8192, BlockType.DATA, Entry.ACTIVE, 0, HELLO))
                .hasMessageContaining("65537/8192 have no exact encoding");
        // 8193 is fine alone, but not beside a big size: both sizes switch encoding together.
        assertThatThrownBy(() -> new Entry(0, 8193, 65536, BlockType.DATA, Entry.ACTIVE, 0, HELLO))
                .hasMessageContaining("8193/65536");
        assertThatThrownBy(() -> new Entry(0, 1L << 42, 8192, BlockType.DATA, Entry.ACTIVE, 0, HELLO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheGoldenDirectoryBlockAsLibventi() {
        byte[] block = dir80();
        Entry e0 = Entry.unpack(block, 0);
        assertThat(e0).isEqualTo(new Entry(0x030a1118L, 0x1f26, 0x2d34, BlockType.DIR6, Entry.ACTIVE | Entry.LOCAL,
                0x656c737a8188L, Score.parse("8f969da4abb2b9c0c7ced5dce3eaf1f8ff060d14")));
        // Entry 1 has the big bit: psize 0x373e is 441 << 30, dsize 0x454c is 554 << 12.
        Entry e1 = Entry.unpack(block, 1);
        assertThat(e1).isEqualTo(new Entry(0x1b222930L, 441L << 30, 554L << 12, BlockType.DIR4, Entry.ACTIVE,
                0x7d848b9299a0L, Score.parse("a7aeb5bcc3cad1d8dfe6edf4fb020910171e252c")));
    }

    @Test
    void repackingZeroesThePadAndUsesTheSmallestShift() {
        byte[] block = dir80();
        byte[] again = new byte[80];
        Entry.unpack(block, 0).pack(again, 0);
        Entry.unpack(block, 1).pack(again, 1);

        byte[] want = block.clone();
        Arrays.fill(want, 9, 14, (byte) 0);
        Arrays.fill(want, 49, 54, (byte) 0);
        // 441 << 30 and 554 << 12 are written as 1764 << 28 and 1108 << 11: libventi's encoder
        // shifts only until the mantissa is under 2048.
        want[44] = (byte) 0xdc;
        want[45] = (byte) 0x9c;
        want[46] = (byte) 0x8a;
        want[47] = (byte) 0x8b;
        assertThat(again).isEqualTo(want);
    }

    @Test
    void inactiveEntriesAreNotChecked() {
        Entry free = Entry.unpack(new byte[Entry.SIZE], 0);
        assertThat(free).isEqualTo(new Entry(0, 0, 0, BlockType.DATA, 0, 0, Score.ZERO));
        assertThat(free.isActive()).isFalse();
        assertThat(free.pack()).isEqualTo(new byte[Entry.SIZE]);
    }

    @Test
    void oldEmptyEntriesGetBlockSize4096() {
        byte[] b = new byte[Entry.SIZE];
        b[8] = Entry.ACTIVE;
        Score.EMPTY.copyTo(b, 20);
        Entry e = Entry.unpack(b, 0);
        assertThat(e.psize()).isEqualTo(4096);
        assertThat(e.dsize()).isEqualTo(4096);

        Score.ZERO.copyTo(b, 20);
        assertThatThrownBy(() -> Entry.unpack(b, 0))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("bad pointer block size 0");
    }

    @Test
    void activeEntriesNeedBlocksOfAtLeast256() {
        byte[] block = new byte[2 * Entry.SIZE];
        new Entry(0, 256, 256, BlockType.DATA, 0, 0, HELLO).pack(block, 1);
        block[Entry.SIZE + 6] = 0;
        block[Entry.SIZE + 7] = (byte) 255;
        assertThat(Entry.unpack(block, 1).dsize()).isEqualTo(255);
        block[Entry.SIZE + 8] = Entry.ACTIVE;
        assertThatThrownBy(() -> Entry.unpack(block, 1))
                .isInstanceOf(FormatException.class)
                .hasMessage("directory entry 1 at byte 40: bad data block size 255 (0xff): an active entry needs at least 256");
        assertThatThrownBy(() -> new Entry(0, 100, 8192, BlockType.DATA, Entry.ACTIVE, 0, HELLO))
                .hasMessageContaining("bad pointer block size 100");
    }

    @Test
    void packsAndUnpacksByIndexInPlace() {
        byte[] block = new byte[3 * Entry.SIZE];
        Arrays.fill(block, (byte) 0x55);
        Entry e = new Entry(1, 8192, 8192, BlockType.DATA1, Entry.ACTIVE, 12345, HELLO);
        e.pack(block, 2);
        assertThat(Arrays.copyOfRange(block, 80, 120)).isEqualTo(e.pack());
        for (int i = 0; i < 80; i++) {
            assertThat(block[i]).as("byte %d", i).isEqualTo((byte) 0x55);
        }
        assertThat(Entry.unpack(block, 2)).isEqualTo(e);
        assertThatThrownBy(() -> Entry.unpack(block, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("directory block of 120 bytes has no entry 3 (it holds 3)");
        assertThatThrownBy(() -> e.pack(new byte[79], 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Entry.unpack(block, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesValuesTheRecordCannotHold() {
        assertThatThrownBy(() -> new Entry(1L << 32, 256, 256, BlockType.DATA, 0, 0, HELLO)).hasMessageContaining("gen");
        assertThatThrownBy(() -> new Entry(0, 256, 256, BlockType.ROOT, 0, 0, HELLO)).hasMessageContaining("ROOT");
        assertThatThrownBy(() -> new Entry(0, 256, 256, BlockType.DATA, 0x40, 0, HELLO))
                .hasMessageContaining("flags 0x40");
        assertThatThrownBy(() -> new Entry(0, 256, 256, BlockType.DATA, 0, 1L << 48, HELLO))
                .hasMessageContaining("48 bits");
        assertThatThrownBy(() -> new Entry(0, -1, 256, BlockType.DATA, 0, 0, HELLO)).hasMessageContaining("negative");
    }

    @Property
    void roundTrips(@ForAll("entries") Entry e) {
        byte[] block = new byte[3 * Entry.SIZE];
        e.pack(block, 1);
        assertThat(Entry.unpack(block, 1)).isEqualTo(e);
    }

    @Property
    void anyFortyBytesReadAsAnEntryThatRoundTripsOrFailClearly(@ForAll @Size(Entry.SIZE) byte[] b) {
        Entry e;
        try {
            e = Entry.unpack(b, 0);
        } catch (FormatException ex) {
            assertThat(ex).hasMessageContaining("block size");
            return;
        }
        assertThat(Entry.unpack(e.pack(), 0)).isEqualTo(e);
    }

    @Provide
    Arbitrary<Entry> entries() {
        Arbitrary<Long> gen = Arbitraries.longs().between(0, 0xffff_ffffL);
        Arbitrary<BlockType> type = Arbitraries.integers().between(0, 15).map(BlockType::of);
        Arbitrary<Integer> flags = Arbitraries.subsetOf(Entry.ACTIVE, Entry.LOCAL, Entry.NO_ARCHIVE)
                .map(set -> set.stream().mapToInt(Integer::intValue).sum());
        Arbitrary<long[]> sizes = Arbitraries.oneOf(
                Arbitraries.longs().between(Entry.MIN_BLOCK_SIZE, 65535).array(long[].class).ofSize(2),
                Combinators.combine(Arbitraries.longs().between(8, 2047), Arbitraries.integers().between(0, 31))
                        .as((m, s) -> m << s).array(long[].class).ofSize(2)
                        .filter(s -> Math.min(s[0], s[1]) >= Entry.MIN_BLOCK_SIZE && Math.max(s[0], s[1]) >= 65536));
        Arbitrary<Long> size = Arbitraries.longs().between(0, Entry.MAX_SIZE);
        Arbitrary<Score> score = Arbitraries.bytes().array(byte[].class).ofSize(Score.SIZE).map(Score::fromBytes);
        return Combinators.combine(gen, sizes, type, flags, size, score)
                .as((g, s, t, f, n, sc) -> new Entry(g, s[0], s[1], t, f, n, sc));
    }
}
