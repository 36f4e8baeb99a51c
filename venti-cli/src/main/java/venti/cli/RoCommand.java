package venti.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.client.VentiClient;
import venti.server.ServerOptions;

/** venti/ro: a read-only Venti server in front of another one. */
@Command(name = "ro", sortOptions = false,
        header = "Serve a Venti server read-only",
        description = {
                "Serves a Venti server read-only: reads are passed to the server at -h (default $venti),"
                        + " writes are refused, sync and ping are answered at once.",
                "Runs until interrupted."})
final class RoCommand implements Callable<Integer> {

    @Mixin
    Listen listen;
    @Mixin
    Host host;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (VentiClient upstream = host.connect()) {
            listen.serve(upstream, ServerOptions.DEFAULT.withReadOnly(true), spec.commandLine().getErr());
        }
        return 0;
    }
}
