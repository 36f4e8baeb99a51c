package venti.whack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The encoder's codes against the tables in docs/format.md, written out independently here. */
class WhackCodesTest {

    @Test
    void shortLengthCodes() {
        String[] codes = {"10", "110", "11100", "11101", "111100", "1111010", "1111011", "11111000", "11111001"};
        for (int i = 0; i < codes.length; i++) {
            assertThat(bits(Whack.lengthCode(Whack.MIN_MATCH + i))).as("length %d", Whack.MIN_MATCH + i)
                    .isEqualTo(codes[i]);
        }
    }

    /** From 6 on: groups of 2^g lengths, coded g+3 ones, 01, g bits; then g+4 ones, 00, g bits. */
    @Test
    void longerLengthsFollowThePairedGroupRule() {
        int len = 6;
        for (int g = 0; len <= Whack.MAX_MATCH; g++) {
            for (String mark : new String[] {"1".repeat(g + 3) + "01", "1".repeat(g + 4) + "00"}) {
                for (int i = 0; i < 1 << g && len <= Whack.MAX_MATCH; i++, len++) {
                    assertThat(bits(Whack.lengthCode(len))).as("length %d", len).isEqualTo(mark + binary(i, g));
                }
            }
        }
        assertThat(bits(Whack.lengthCode(Whack.MAX_MATCH))).hasSize(24);
    }

    @Test
    void distanceCodesFollowTheClassTable() {
        String[] prefixes = {"000", "001", "010", "011", "100", "101", "110", "1110", "1111"};
        for (int dist = 1; dist <= Whack.WINDOW; dist++) {
            int d = dist - 1;
            int m = Math.max(6, 32 - Integer.numberOfLeadingZeros(d));
            String rest = m == 6 ? binary(d, 6) : binary(d, m).substring(1);
            assertThat(bits(Whack.distanceCode(dist))).as("distance %d", dist).isEqualTo(prefixes[m - 6] + rest);
        }
    }

    @Test
    void literalCodesDependOnTheFourLiteralsBefore() {
        int unprintableBefore = 0b00101;
        int printableBefore = 0b00000;
        assertThat(bits(Whack.literalCode('a', unprintableBefore << 1))).isEqualTo("0" + binary('a', 8));
        assertThat(bits(Whack.literalCode(0xf0, unprintableBefore << 1 | 1))).isEqualTo("0" + binary(0xf0, 8));
        assertThat(bits(Whack.literalCode('a', printableBefore))).isEqualTo(binary('a', 8));
        assertThat(bits(Whack.literalCode(0x0a, printableBefore | 1))).isEqualTo("00" + binary(0x4a, 8));
        assertThat(bits(Whack.literalCode(0xff, printableBefore | 1))).isEqualTo("00" + binary(0x3f, 8));
        assertThat(bits(Whack.literalCode(0x80, printableBefore | 1))).isEqualTo("000" + binary(0xc0, 8));
        assertThat(bits(Whack.literalCode('a', 0b10000 << 1))).as("only four literals count")
                .isEqualTo(binary('a', 8));
    }

    @Test
    void aMatchIsItsLengthCodeThenItsDistanceCode() {
        assertThat(bits(Whack.matchCode(6, 3))).isEqualTo("11101" + "000000010");
        assertThat(bits(Whack.matchCode(2051, 16384))).isEqualTo(bits(Whack.lengthCode(2051)) + "1111" + "1".repeat(13));
    }

    /** A code as a string of its bits, most significant first. */
    private static String bits(long code) {
        int width = (int) (code & ((1 << Whack.CODE_WIDTH_BITS) - 1));
        return binary(code >>> Whack.CODE_WIDTH_BITS, width);
    }

    private static String binary(long value, int width) {
        StringBuilder sb = new StringBuilder(width);
        for (int i = width - 1; i >= 0; i--) {
            sb.append((value >>> i) & 1);
        }
        return sb.toString();
    }
}
