package venti.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import venti.core.GoldenVectors;
import venti.store.GoldenStore;
import venti.store.Store;
import venti.store.VentiConfig;

/**
 * The vac vectors ({@code testdata/vectors/vac}): a store the C venti filled with archives
 * made by the C vac, the trees they hold, and what the C unvac printed and restored.
 */
final class VacVectors {

    static final String TREE = "vac:61e8fbe953af851324e261e7637b45507051a0b4";
    static final String DIR1_2K = "vac:a93530a638ffb7159260c0dd2a2641114167dfcf";
    static final String TREE2 = "vac:fa1f9ae19f2312d4cac1a56dd740ff73aaaa514b";
    static final String ARCHIVE = "vac:45a787295793dda414abe5b787a6568922daca1d";

    private VacVectors() {
    }

    /** Unpacks the store into {@code dir} and opens it read-only. */
    static Store open(Path dir) throws IOException {
        return Store.open(VentiConfig.read(GoldenStore.unpack("vac", dir)), dir, Store.Mode.READ_ONLY);
    }

    static Path path(String name) {
        return GoldenVectors.path("vac", name);
    }

    static String text(String name) {
        try {
            return Files.readString(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sha1sum listing (files-tree.sha1): path to hex SHA-1. */
    static Map<String, String> sums(String name) {
        Map<String, String> m = new TreeMap<>();
        for (String line : text(name).split("\n")) {
            m.put(line.substring(42), line.substring(0, 40));
        }
        return m;
    }

    /** Unpacks trees.tar.gz (tree-v1/ and tree/) into {@code dir} with the system's tar. */
    static void unpackTrees(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-xzf", path("trees.tar.gz").toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("tar -xzf trees.tar.gz: " + out);
        }
    }
}
