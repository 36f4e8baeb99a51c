package venti.vac;

import java.io.IOException;

/**
 * An archive that cannot be read as vac wrote it: a block of the wrong type or size, a
 * malformed meta block or directory entry, an impossible size or a name that would escape
 * the directory. The message names the path in the archive and the score of the block at
 * fault, so a person can find it with {@code venti read}.
 */
public class VacException extends IOException {

    public VacException(String message) {
        super(message);
    }

    public VacException(String message, Throwable cause) {
        super(message, cause);
    }
}
