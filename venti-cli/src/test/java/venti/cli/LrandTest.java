package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Plan 9's lrand against values of the C algorithm. They were derived by transcribing
 * plan9port's lrand.c (isrand, lrand) and nrand.c into a throw-away C program, compiled with
 * gcc on x86-64 and run: for each seed, srand(seed) then the first five lrand() values and
 * the 1001st; randtest's template bytes (lrand() % max, max = 256 * pct / 100) for two seeds;
 * and the order randtest's -P gives ten blocks (nrand(i + 1) swaps, i = 1..9, from a
 * generator never seeded).
 */
class LrandTest {

    @Test
    void sequencesMatchTheCAlgorithm() {
        long[][] golden = {
                {0, 971276267, 393428127, 1375178895, 492377963, 1341770403, 1378514475},
                {1, 1276109474, 1608359158, 1408080748, 1904696928, 507114484, 562976388},
                {42, 2056990380, 979091578, 1157332946, 540376078, 1971455546, 22688385},
                {-5, 61903570, 548138797, 1549530848, 1213933590, 1759394869, 1480085325},
        };
        for (long[] g : golden) {
            Lrand r = new Lrand(g[0]);
            for (int i = 1; i <= 5; i++) {
                assertThat(r.next()).as("seed %d value %d", g[0], i).isEqualTo(g[i]);
            }
            for (int i = 6; i <= 1000; i++) {
                r.next();
            }
            assertThat(r.next()).as("seed %d value 1001", g[0]).isEqualTo(g[6]);
        }
    }

    @Test
    void randtestTemplatesMatchTheCProgram() {
        assertThat(unsigned(RandTestCommand.template(0, 50, 16)))
                .containsExactly(107, 31, 15, 107, 35, 52, 85, 105, 42, 113, 40, 62, 54, 72, 35, 99);
        assertThat(unsigned(RandTestCommand.template(7, 100, 16)))
                .containsExactly(114, 190, 247, 172, 179, 157, 60, 170, 221, 176, 223, 9, 75, 230, 154, 134);
        assertThat(RandTestCommand.template(3, 0, 100)).as("0% is all zeros").containsOnly(0);
    }

    @Test
    void permutationMatchesTheCProgram() {
        assertThat(RandTestCommand.order(10, new Lrand(1))).containsExactly(9, 6, 0, 4, 8, 1, 2, 5, 7, 3);
        assertThat(RandTestCommand.order(4, null)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void blockNumberGoesInTheFirstFourBytesLittleEndian() {
        byte[] b = RandTestCommand.block(new byte[6], 0x01020304);
        assertThat(b).containsExactly(4, 3, 2, 1, 0, 0);
    }

    private static int[] unsigned(byte[] b) {
        int[] u = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            u[i] = b[i] & 0xff;
        }
        return u;
    }
}
