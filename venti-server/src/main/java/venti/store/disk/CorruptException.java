package venti.store.disk;

/**
 * Bytes on disk that are not what the format allows: a wrong magic number, a field out of
 * range, a clump whose SHA-1 does not match. The message names the file and offset.
 */
public class CorruptException extends StoreException {

    private final Location location;
    private final String reason;

    public CorruptException(Location location, String message) {
        this(location, message, null);
    }

    public CorruptException(Location location, String message, Throwable cause) {
        this(Severity.CORRUPT, location, message, cause);
    }

    public CorruptException(Severity severity, Location location, String message, Throwable cause) {
        super(severity, location + ": " + message, cause);
        this.location = location;
        this.reason = message;
    }

    /** The same error with {@code context} in front of its reason ("arena arenas0.3: ..."). */
    public CorruptException within(String context) {
        return new CorruptException(severity(), location, context + ": " + reason, this);
    }

    public Location location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
