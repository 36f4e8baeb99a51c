package venti.core;

/**
 * Bytes that do not form the structure they were read as: a directory entry or root block
 * with a bad version or block size. The message names the structure, the field, and the
 * value found against the value wanted.
 */
public class FormatException extends IllegalArgumentException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
