package venti.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import venti.store.admin.DefaultStore;

/**
 * Where {@code venti server} keeps the store it makes for itself, and why there: {@code --data},
 * else {@code $VENTI_DATA}, else {@code $XDG_DATA_HOME/venti}, else {@code ~/.local/share/venti}
 * (the XDG default), so the store is never made inside a source checkout by accident. A
 * {@code ./venti-data} that an older version made in the working directory is still used, and
 * {@link #note} says so.
 *
 * @param dir  the directory of the default store
 * @param note a line to show at start-up about the choice, or null
 */
record StoreLocation(Path dir, String note) {

    /** The directory under {@code $XDG_DATA_HOME} (or {@code ~/.local/share}). */
    static final String NAME = "venti";

    /** The location for a server given {@code data} ({@code --data}, or null) in {@code env}. */
    static StoreLocation choose(Path data, Environment env) {
        if (data != null) {
            return new StoreLocation(env.resolve(data), null);
        }
        if (env.get("VENTI_DATA") != null) {
            return new StoreLocation(env.resolve(Path.of(env.get("VENTI_DATA"))), null);
        }
        Path legacy = env.resolve(DefaultStore.DIR);
        if (DefaultStore.exists(legacy)) {
            return new StoreLocation(legacy, "using the store in " + legacy + ", made there by an older version"
                    + " (new stores go to $VENTI_DATA, else $XDG_DATA_HOME/venti, else ~/.local/share/venti)");
        }
        if (env.get("XDG_DATA_HOME") != null) {
            return new StoreLocation(env.resolve(Path.of(env.get("XDG_DATA_HOME"))).resolve(NAME), null);
        }
        if (env.get("HOME") == null) {
            throw new IllegalStateException("no place for the default store: set $VENTI_DATA or $HOME, or give --data");
        }
        return new StoreLocation(Path.of(env.get("HOME"), ".local", "share", NAME), null);
    }

    /** True when the store is already there. */
    boolean exists() {
        return Files.isRegularFile(DefaultStore.config(dir));
    }
}
