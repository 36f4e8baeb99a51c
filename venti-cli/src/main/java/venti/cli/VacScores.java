package venti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import venti.core.Score;

/**
 * The archive a vac command is given: {@code vac:<score>} itself, or the name of a file
 * holding that line (what {@code vac -f} writes), as vac's vacfsopen takes it.
 */
final class VacScores {

    /** Longest line worth reading from a .vac file: "vac:", 40 hex digits, newline. */
    private static final int LINE = 4 + 2 * Score.SIZE + 1;

    private VacScores() {
    }

    /**
     * The score {@code arg} names.
     *
     * @throws IOException naming the argument when it is neither a vac score nor a file holding one
     */
    static Score parse(String arg) throws IOException {
        Score.Labeled s;
        try {
            s = Score.parseLabeled(arg);
        } catch (IllegalArgumentException e) {
            return read(Path.of(arg));
        }
        if (!"vac".equals(s.label())) {
            throw new IOException(arg + ": not a vac score (want vac:<40 hex digits>)");
        }
        return s.score();
    }

    /** The score in a .vac file. */
    static Score read(Path file) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(LINE);
        }
        String line = new String(b, StandardCharsets.UTF_8).strip();
        try {
            Score.Labeled s = Score.parseLabeled(line);
            if ("vac".equals(s.label())) {
                return s.score();
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a vac file: it does not start with vac:<score>", e);
        }
        throw new IOException(file + ": not a vac file: it does not start with vac:<score>");
    }
}
