package venti.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    public static byte[] read(String first, String... more) {
        try {
            return Files.readAllBytes(path(first, more));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
