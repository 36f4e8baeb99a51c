package venti.cli;

import java.io.IOException;
import picocli.CommandLine.Option;
import venti.client.ClientOptions;
import venti.client.Session;
import venti.client.VentiClient;
import venti.core.DialAddress;

/** The {@code -h host} option of the client commands: the server to use, else {@code $venti}. */
final class Host {

    @Option(names = "-h", paramLabel = "host",
            description = "Venti server to use (tcp!host!port, host:port, host); default $venti.")
    String host;

    /** Connects to the server named, or to {@code $venti}. */
    VentiClient connect() throws IOException {
        return dial(host);
    }

    /** A bare session with the server named, or with {@code $venti}, for one thread to drive. */
    Session session() throws IOException {
        return Session.open(DialAddress.fromEnvironment(host, System::getenv), ClientOptions.DEFAULT);
    }

    static VentiClient dial(String address) throws IOException {
        return VentiClient.connect(DialAddress.fromEnvironment(address, System::getenv), ClientOptions.DEFAULT);
    }
}
