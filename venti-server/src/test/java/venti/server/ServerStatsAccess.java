package venti.server;

/** Sets a server's counters from tests outside the package, which only the server may count into. */
public final class ServerStatsAccess {

    private ServerStatsAccess() {
    }

    public static void add(ServerStats stats, ServerStats.Counter c, long n) {
        stats.add(c, n);
    }
}
