package venti.store;

/** A storage error with a {@link Severity}; unchecked, because callers rarely recover locally. */
public class StoreException extends RuntimeException {

    private final Severity severity;

    public StoreException(Severity severity, String message) {
        super(message);
        this.severity = severity;
    }

    public StoreException(Severity severity, String message, Throwable cause) {
        super(message, cause);
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
