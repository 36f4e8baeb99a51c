package venti.replica;

import java.nio.file.Path;
import java.util.List;
import venti.core.DialAddress;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.LogPosition;
import venti.store.Store;
import venti.store.admin.TestStores;
import venti.store.VentiConfig;

/**
 * A server in a process of its own, for {@link MirrorCrashTest} to kill: {@code primary CONF
 * REPLICA sync|async} serves a store mirrored to {@code REPLICA} and prints
 * {@code replicated ARENA CLUMPS OFFSET} (where its mirror starts) then {@code listening
 * ADDRESS}; {@code replica CONF PORT} serves a store on that port and prints {@code listening
 * ADDRESS}. Both serve until killed.
 */
public final class ReplicaNode {

    private ReplicaNode() {
    }

    public static void main(String[] args) throws Exception {
        Path conf = Path.of(args[1]);
        Store store = TestStores.open(conf, Store.Mode.READ_WRITE);
        int port = args[0].equals("replica") ? Integer.parseInt(args[2]) : 0;
        if (args[0].equals("primary")) {
            Replication r = Replication.start(store, List.of(new VentiConfig.MirrorLine(args[2], args[3].equals("sync"))),
                    List.of(), false, conf.getParent(), MirrorTest.FAST);
            LogPosition at = r.mirrors().getFirst().replicated();
            System.out.println("replicated " + at.arena() + " " + at.clumps() + " " + at.offset());
        }
        VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", port), store, ServerOptions.DEFAULT);
        System.out.println("listening " + server.dialAddress());
        System.out.flush();
        server.awaitClose();
    }
}
