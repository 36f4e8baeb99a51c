package venti.stats;

import venti.core.Counters;
import venti.server.ServerCounter;
import venti.server.VentiServer;
import venti.store.Bloom;
import venti.store.Store;
import venti.store.StoreCounter;

/**
 * What a store and its protocol server show at one moment, read once per sample so that every
 * {@link Stat} of a sample comes from the same reading.
 *
 * @param store       the store's counters
 * @param server      the protocol server's counters, or null when there is none (tools, tests)
 * @param cache       how full the caches are
 * @param storage     the arenas' totals
 * @param bloomOnes   bits set in the bloom filter, 0 without one
 * @param bloomBits   bits in the bloom filter, 0 without one
 * @param connections connections open
 */
record Reading(Counters<StoreCounter> store, Counters<ServerCounter> server, Store.CacheUse cache,
               StorageTotals storage, long bloomOnes, long bloomBits, long connections) {

    static Reading of(Store store, VentiServer server) {
        Bloom bloom = store.bloom().orElse(null);
        return new Reading(store.stats(), server == null ? null : server.stats(), store.cacheUse(),
                StorageTotals.of(store.index().arenas()), bloom == null ? 0 : bloom.ones(),
                bloom == null ? 0 : bloom.bits(), server == null ? 0 : server.connections());
    }

    long get(StoreCounter c) {
        return store.get(c);
    }

    long get(ServerCounter c) {
        return server == null ? 0 : server.get(c);
    }

    /** A store counter of nanoseconds, in microseconds. */
    long micros(StoreCounter c) {
        return store.get(c) / 1000;
    }

    /** A server counter of nanoseconds, in microseconds. */
    long micros(ServerCounter c) {
        return get(c) / 1000;
    }
}
