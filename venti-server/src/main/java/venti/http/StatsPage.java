package venti.http;

import java.util.Locale;
import venti.core.Units;
import venti.server.VentiServer;
import venti.stats.History;
import venti.stats.Stat;
import venti.store.Store;

/**
 * The {@code /stats} page: every {@link Stat} as {@code description=value}, the C server's
 * descriptions (stats.c {@code statdesc}) and the format of its old {@code /stats} page
 * ({@code %,ld}), with the unit after sizes and times:
 *
 * <pre>
 * rpc reads ok=12
 * rpc read bytes=49,152 bytes (48.0 KiB)
 * rpc read time=1,204 µs
 * </pre>
 *
 * Counters are since the server started; levels and percentiles are now. The {@code /graph}
 * name of each is in {@link Stat}; {@code /metrics} has the counters for Prometheus. Stateless.
 */
final class StatsPage {

    private StatsPage() {
    }

    static String of(Store store, VentiServer server, History history) {
        long[] now = history.current(store, server);
        StringBuilder b = new StringBuilder();
        for (Stat s : Stat.values()) {
            long v = now[s.ordinal()];
            b.append(s.description()).append('=').append(String.format(Locale.ROOT, "%,d", v));
            if (s.unit() != Stat.Unit.COUNT) {
                b.append(' ').append(s.unit().symbol());
            }
            if (s.unit() == Stat.Unit.BYTES && v >= 1024) {
                b.append(" (").append(Units.binary(v)).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
