package venti.replica;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import venti.core.DialAddress;
import venti.store.Store;
import venti.store.VentiConfig;

/**
 * A store's mirrors and healer, started from venti.conf's {@code mirror}, {@code heal} and
 * {@code repair} lines (or the server's options) and stopped with the server.
 *
 * <p>Every mirror is also a heal source, asked before the {@code heal} ones. Cursor files
 * live in {@code stateDir}, one per mirror ({@link MirrorCursor#file}).
 *
 * <p>Thread-safe.
 */
public final class Replication implements AutoCloseable {

    private final List<Mirror> mirrors;
    private final Healer healer;

    private Replication(List<Mirror> mirrors, Healer healer) {
        this.mirrors = List.copyOf(mirrors);
        this.healer = healer;
    }

    /**
     * What to start: venti.conf's {@code mirror}, {@code heal} and {@code repair} lines, and the
     * server's options.
     *
     * @param stateDir where the mirror cursors live
     */
    public record Plan(List<VentiConfig.MirrorLine> mirrors, List<String> heal, boolean repair, Path stateDir,
                       ReplicaOptions options) {

        /** No mirrors, no heal sources. */
        public static final Plan NONE = new Plan(List.of(), List.of(), false, Path.of(""), ReplicaOptions.DEFAULT);

        public Plan {
            mirrors = List.copyOf(mirrors);
            heal = List.copyOf(heal);
        }
    }

    /** Starts what {@code plan} names on {@code store}. */
    public static Replication start(Store store, Plan plan) {
        return start(store, plan.mirrors(), plan.heal(), plan.repair(), plan.stateDir(), plan.options());
    }

    /**
     * Starts a mirror for each of {@code mirrors} and, when there is any mirror or heal
     * source, sets the store's healer; {@code repair} turns on storing healed blocks again.
     *
     * @throws IllegalArgumentException when an address is not a dial string
     */
    public static Replication start(Store store, List<VentiConfig.MirrorLine> mirrors, List<String> heal,
                                    boolean repair, Path stateDir, ReplicaOptions options) {
        List<DialAddress> sources = new ArrayList<>();
        List<Mirror> started = new ArrayList<>();
        for (VentiConfig.MirrorLine m : mirrors) {
            DialAddress a = DialAddress.parseDial(m.address());
            sources.add(a);
            started.add(Mirror.start(a, m.sync(), store, MirrorCursor.file(stateDir, a.toString()), options));
        }
        heal.forEach(h -> sources.add(DialAddress.parseDial(h)));
        Healer healer = sources.isEmpty() ? null : new Healer(sources, options);
        store.healer(healer);
        store.settings().repair(repair);
        return new Replication(started, healer);
    }

    public List<Mirror> mirrors() {
        return mirrors;
    }

    /** Where damaged blocks are read from, in order; empty when nowhere. */
    public List<DialAddress> healSources() {
        return healer == null ? List.of() : healer.sources();
    }

    /** One line per mirror for the {@code /storage} page. */
    public String storageText() {
        StringBuilder b = new StringBuilder();
        for (Mirror m : mirrors) {
            MirrorStatus s = m.status();
            b.append(String.format(Locale.ROOT, "mirror %s%s: state=%s replicated=%s behind clumps=%d bytes=%,d "
                            + "seconds=%.1f sent clumps=%d bytes=%,d\n", s.replica(), s.sync() ? " sync" : "",
                    s.state().label(), s.replicated(), s.clumpsBehind(), s.bytesBehind(), s.secondsBehind(),
                    s.sentClumps(), s.sentBytes()));
        }
        return b.toString();
    }

    /** Stops the mirrors and closes the heal connections. */
    @Override
    public void close() {
        mirrors.forEach(Mirror::close);
        if (healer != null) {
            healer.close();
        }
    }
}
