package venti.store;

import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * Opening a partition was refused because another venti holds its lock: nothing was read
 * or changed. The message names the partition and, where the operating system tells it, the
 * process holding it.
 */
public final class StoreInUseException extends StoreException {

    StoreInUseException(String partition, String holder) {
        super(Severity.ADMIN, "store in use: " + partition + " is locked by " + holder);
    }
}
