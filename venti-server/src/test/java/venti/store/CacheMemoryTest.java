package venti.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one memory knob: how a budget is split, and that sizes given explicitly win. */
class CacheMemoryTest {

    private static final long MIB = 1L << 20;
    private static final long LOTS = 1L << 40;

    @Test
    void theBloomFilterComesFirstThenTwoThirdsOfTheRestForIndexEntries() {
        CacheMemory m = CacheMemory.split(new Store.Options(0, 0, 1000 * MIB), 100 * MIB, LOTS, LOTS);
        assertThat(m.bloom()).isEqualTo(100 * MIB);
        assertThat(m.indexCache()).isEqualTo(600 * MIB);
        assertThat(m.lumpCache()).isEqualTo(300 * MIB);
        assertThat(m.chosen()).contains("budget of " + 1000 * MIB);
    }

    @Test
    void noCacheIsLargerThanWhatTheStoreCanHold() {
        long slots = 1000;
        CacheMemory m = CacheMemory.split(new Store.Options(0, 0, 4096 * MIB), 0, slots, 64 * MIB);
        assertThat(m.indexCache()).isEqualTo(CacheMemory.MIN_CACHE);
        assertThat(m.lumpCache()).isEqualTo(64 * MIB);
    }

    @Test
    void sizesGivenExplicitlyWin() {
        CacheMemory m = CacheMemory.split(new Store.Options(64 * MIB, 128 * MIB, 4096 * MIB), 0, LOTS, LOTS);
        assertThat(m.lumpCache()).isEqualTo(64 * MIB);
        assertThat(m.indexCache()).isEqualTo(128 * MIB);
        assertThat(m.chosen()).isEqualTo("as configured");
        CacheMemory lumpOnly = CacheMemory.split(new Store.Options(64 * MIB, 0, 1200 * MIB), 0, LOTS, LOTS);
        assertThat(lumpOnly.lumpCache()).isEqualTo(64 * MIB);
        assertThat(lumpOnly.indexCache()).isEqualTo(800 * MIB);
    }

    @Test
    void aTinyBudgetStillLeavesWorkingCaches() {
        CacheMemory m = CacheMemory.split(new Store.Options(0, 0, MIB), 64 * MIB, LOTS, LOTS);
        assertThat(m.lumpCache()).isEqualTo(CacheMemory.MIN_CACHE);
        assertThat(m.indexCache()).isEqualTo(CacheMemory.MIN_CACHE);
    }
}
