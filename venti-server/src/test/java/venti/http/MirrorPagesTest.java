package venti.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.replica.ReplicaOptions;
import venti.replica.Replication;
import venti.store.Store;
import venti.store.admin.TestStores;
import venti.store.VentiConfig;

/** Each mirror's state and lag on /storage, /metrics and the dashboard's /stats.json. */
class MirrorPagesTest {

    @TempDir
    Path dir;

    @Test
    void storageAndMetricsShowAnUnreachableMirrorsLag() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "tcp!127.0.0.1!" + port;
        try (Store store = TestStores.open(TestStores.format(dir, TestStores.SMALL), Store.Mode.READ_WRITE);
             Replication r = Replication.start(store, List.of(new VentiConfig.MirrorLine(nowhere, false)), List.of(),
                     false, dir, ReplicaOptions.DEFAULT.withRetry(Duration.ofMillis(20), Duration.ofMillis(100)))) {
            for (int i = 0; i < 3; i++) {
                byte[] b = TestStores.block(i, 1000);
                store.write(BlockType.DATA, b, 0, b.length);
            }
            PrometheusMeterRegistry metrics = VentiMetrics.prometheus(store, null);
            VentiMetrics.bind(metrics, r);
            try (HttpClientSupport http = HttpClientSupport.serve(store, metrics, Httpd.Options.NONE.withReplication(r))) {
                awaitUnreachable(http);
                Thread.sleep(200);
                String storage = http.text("/storage");
                assertThat(storage).containsPattern("mirror " + nowhere + ": state=unreachable replicated=arena 0 clump 0 "
                        + "offset 0 behind clumps=3 bytes=[0-9,]+ seconds=[0-9.]+ sent clumps=0 bytes=0\n");
                assertThat(storage).doesNotContain("seconds=0.0 ");
                assertThat(http.text("/stats.json")).containsPattern("\"mirrors\":\\[\\{\"replica\":\"" + nowhere
                        + "\",\"mode\":\"async\",\"state\":\"unreachable\",\"replicated\":\"arena 0 clump 0 offset 0\","
                        + "\"clumpsBehind\":3,\"bytesBehind\":[0-9]+,\"secondsBehind\":[0-9.]+,\"sentClumps\":0,"
                        + "\"sentBytes\":0}]");
                String scraped = http.text("/metrics");
                assertThat(scraped).contains("venti_mirror_behind_clumps{replica=\"" + nowhere + "\"} 3.0")
                        .contains("venti_mirror_state{replica=\"" + nowhere + "\",state=\"unreachable\"} 1.0")
                        .contains("venti_mirror_state{replica=\"" + nowhere + "\",state=\"following\"} 0.0")
                        .contains("venti_mirror_sent_clumps_total{replica=\"" + nowhere + "\"} 0.0");
                assertThat(http.text("/set?name=repair")).contains("0");
            }
        }
    }

    private static void awaitUnreachable(HttpClientSupport http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String page = http.text("/storage");
        while (!page.contains("state=unreachable") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            page = http.text("/storage");
        }
    }
}
