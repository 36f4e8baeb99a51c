package venti.cli;

/**
 * Plan 9's random number generator ({@code lrand}, {@code srand}, {@code nrand}), exactly:
 * venti/randtest makes its block contents with it, so the same seed gives the same blocks as
 * the C program, and their scores can be compared across the two.
 *
 * <p>The algorithm (D. P. Mitchell and J. A. Reeds) is an additive lagged Fibonacci generator,
 * x[n] = x[n-273] + x[n-607] mod 2<sup>31</sup>, whose 607 words of state are filled from the
 * seed by the Lehmer generator x = 48271 x mod (2<sup>31</sup> - 1), skipping its first 20
 * values. A seed of 0 (after reduction) is replaced by 89482311. A generator never seeded
 * behaves as one seeded with 1.
 *
 * <p>Not thread-safe.
 */
final class Lrand {

    private static final int LEN = 607;
    private static final int TAP = 273;
    private static final long MASK = 0x7fffffffL;
    private static final long A = 48271;
    private static final long M = 2147483647;
    private static final long Q = M / A;
    private static final long R = M % A;
    private static final int WARMUP = 20;
    private static final long ZERO_SEED = 89482311;

    private final long[] vec = new long[LEN];
    private int tap;
    private int feed;

    /** A generator seeded with {@code seed}, as {@code srand(seed)}. */
    Lrand(long seed) {
        seed(seed);
    }

    /** {@code srand}: restarts the sequence from {@code seed}. */
    void seed(long seed) {
        tap = 0;
        feed = LEN - TAP;
        long x = seed % M;
        if (x < 0) {
            x += M;
        }
        if (x == 0) {
            x = ZERO_SEED;
        }
        for (int i = -WARMUP; i < LEN; i++) {
            x = A * (x % Q) - R * (x / Q);
            if (x < 0) {
                x += M;
            }
            if (i >= 0) {
                vec[i] = x;
            }
        }
    }

    /** {@code lrand}: the next value, 0 to 2<sup>31</sup>-1. */
    long next() {
        tap = (tap == 0 ? LEN : tap) - 1;
        feed = (feed == 0 ? LEN : feed) - 1;
        long x = (vec[feed] + vec[tap]) & MASK;
        vec[feed] = x;
        return x;
    }

    /** {@code nrand}: uniform in 0..n-1, rejecting the values that would bias it. */
    int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("nrand of " + n);
        }
        long slop = MASK % n;
        long v;
        do {
            v = next();
        } while (v <= slop);
        return (int) (v % n);
    }
}
