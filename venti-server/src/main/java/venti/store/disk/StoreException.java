package venti.store.disk;

import venti.core.BlockStoreException;

/**
 * A storage error with a {@link Severity}; unchecked, because callers rarely recover locally.
 * Its message is what a server tells the client, in the C server's words where it has them.
 */
public class StoreException extends BlockStoreException {

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
