package venti.store.rados;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Ceph cluster that tests of RADOS partitions run on: the one {@code $CEPH_CONF} names
 * (as {@code .ci/run} sets it), else a one-node cluster this JVM starts with
 * {@code scripts/ceph-dev.sh} in a temporary directory and stops when it exits.
 *
 * <p>Without Ceph installed the tests are skipped, saying why; under CI ({@code CI=true})
 * they fail instead, so a CI run never passes without them.
 *
 * <p>Thread-safe.
 */
public final class TestCluster {

    private static Path conf;
    private static Path started;

    private TestCluster() {
    }

    /**
     * A fresh location on the cluster for one test, {@code rados:venti/test-UUID/}: partition
     * names are made by appending to it. Skips or fails the test when there is no cluster.
     */
    public static String location() {
        configuration();
        return StripedObjects.PREFIX + "venti/test-" + UUID.randomUUID() + "/";
    }

    /** The cluster's ceph.conf, with {@code -Dventi.ceph.conf} set to it for this JVM. */
    public static synchronized Path configuration() {
        if (conf == null) {
            String env = System.getenv("CEPH_CONF");
            conf = env != null && !env.isEmpty() ? Path.of(env) : start();
            System.setProperty("venti.ceph.conf", conf.toString());
        }
        return conf;
    }

    /** The directory of the cluster this JVM started, or null when it runs on {@code $CEPH_CONF}'s. */
    public static synchronized Path startedIn() {
        configuration();
        return started;
    }

    private static Path start() {
        Path script = Path.of(System.getProperty("venti.ceph.dev", "../scripts/ceph-dev.sh"));
        if (!Files.isExecutable(Path.of("/usr/bin/ceph-mon")) || !Files.isExecutable(Path.of("/usr/bin/ceph-osd"))) {
            unavailable("Ceph is not installed (apt-get install ceph-mon ceph-osd ceph-common librados2), and CEPH_CONF is not set");
        }
        try {
            Path dir = Files.createTempDirectory("venti-ceph");
            run(script, "start", dir);
            started = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, dir)));
            return dir.resolve("ceph.conf");
        } catch (IOException e) {
            unavailable("could not start a Ceph cluster with " + script + ": " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    /** Runs {@code scripts/ceph-dev.sh} with {@code args}; its standard error goes to ours. */
    public static void run(Path script, String... args) throws IOException {
        try {
            Process p = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(script + " " + String.join(" ", args) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + script, e);
        }
    }

    private static void run(Path script, String command, Path dir) throws IOException {
        run(script, command, dir.toString());
    }

    private static void stop(Path script, Path dir) {
        try {
            run(script, "stop", dir);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("could not stop the test Ceph cluster in " + dir + ": " + e.getMessage());
        }
    }

    private static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail("RADOS tests need a Ceph cluster in CI: " + why);
        }
        Assumptions.abort("RADOS tests skipped: " + why);
    }
}
