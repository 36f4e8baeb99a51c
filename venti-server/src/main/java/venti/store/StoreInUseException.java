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

    /** The holder when it is this process: another store opened the partition. */
    static String thisProcess() {
        return "another store open in this process (pid " + ProcessHandle.current().pid() + ")";
    }

    /** The holder when it is another process, which {@code who} names ("pid 1234"), or null when nobody says. */
    static String anotherVenti(String who) {
        return "another venti" + (who == null ? "" : " (" + who + ")");
    }
}
