package venti.replica;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.client.ClientOptions;
import venti.client.ServerErrorException;
import venti.client.VentiClient;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.store.Store;

/**
 * Reads blocks whose local clump is damaged from other Venti servers: the mirrors, then the
 * {@code heal} sources, in order. The client checks that a block read hashes to its score,
 * and the store checks again, so a source can never hand back wrong bytes.
 *
 * <p>Each source has one connection, made when first needed and dropped when it fails (the
 * next heal connects again). Each heal logs one WARN line naming the damage (arena and
 * offset) and the source that had the block, or that none had it.
 *
 * <p>Thread-safe.
 */
public final class Healer implements Store.Healer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Healer.class);

    private final List<DialAddress> sources;
    private final ClientOptions clientOptions;
    private final ConcurrentMap<DialAddress, VentiClient> clients = new ConcurrentHashMap<>();

    public Healer(List<DialAddress> sources, ReplicaOptions options) {
        this.sources = List.copyOf(sources);
        this.clientOptions = ClientOptions.DEFAULT.withConnectTimeout(options.connectTimeout())
                .withRequestTimeout(options.requestTimeout());
    }

    /** The servers asked, in order. */
    public List<DialAddress> sources() {
        return sources;
    }

    @Override
    public byte[] heal(Score score, BlockType type, Exception damage) {
        StringBuilder tried = new StringBuilder();
        for (DialAddress source : sources) {
            try {
                byte[] data = client(source).read(score, type, BlockStore.MAX_BLOCK);
                log.warn("block {} type {}: {}; served from {}", score, type.value(), damage.getMessage(), source);
                return data;
            } catch (ServerErrorException e) {
                tried.append("; ").append(source).append(": ").append(e.getMessage());
            } catch (IOException e) {
                tried.append("; ").append(source).append(": ").append(e.getMessage());
                VentiClient c = clients.remove(source);
                if (c != null) {
                    c.close();
                }
            }
        }
        log.warn("block {} type {}: {}; no mirror or heal source has it{}", score, type.value(), damage.getMessage(),
                tried);
        return null;
    }

    private VentiClient client(DialAddress source) throws IOException {
        VentiClient c = clients.get(source);
        if (c != null) {
            return c;
        }
        VentiClient fresh = VentiClient.connect(source, clientOptions);
        VentiClient had = clients.putIfAbsent(source, fresh);
        if (had != null) {
            fresh.close();
            return had;
        }
        return fresh;
    }

    @Override
    public void close() {
        clients.values().forEach(VentiClient::close);
        clients.clear();
    }
}
