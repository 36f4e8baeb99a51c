package venti.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import venti.client.VentiClient;

/** venti/sync: waits until the server has every block it acknowledged on stable storage. */
@Command(name = "sync", sortOptions = false,
        header = "Wait until a server has every block on stable storage",
        description = "Asks a Venti server to put every block written so far on stable storage, and waits until it has.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    Host host;
    @Option(names = "-x", description = "Only connect and say hello; do not sync.")
    boolean connectOnly;

    @Override
    public Integer call() throws IOException {
        try (VentiClient c = host.connect()) {
            if (!connectOnly) {
                c.sync();
            }
        }
        return 0;
    }
}
