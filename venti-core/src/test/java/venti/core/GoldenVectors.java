package venti.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden bytes made by the C venti, at {@code testdata/vectors} in the repository.
 * Surefire passes the location as the system property {@code venti.vectors}.
 */
public final class GoldenVectors {

    private GoldenVectors() {
    }

    /** The vectors directory; fails loudly when it is absent, because the tests need it. */
    public static Path dir() {
        String prop = System.getProperty("venti.vectors");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "testdata", "vectors");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("golden vectors not found at " + p.toAbsolutePath()
                    + " (expected testdata/vectors in the project root)");
        }
        return p.normalize();
    }

    public static Path path(String first, String... more) {
        return dir().resolve(Path.of(first, more));
    }

    /** The contents of every file in vectors directory {@code dir} whose name ends with {@code suffix}, by name. */
    public static List<byte[]> readAll(String dir, String suffix) {
        try (Stream<Path> files = Files.list(path(dir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted()
                    .map(f -> read(dir, f.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String first, String... more) {
        try {
            return Files.readAllBytes(path(first, more));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
