package venti.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from outside its arguments: environment variables ({@code $venti},
 * {@code $VENTI_DATA}, {@code $XDG_DATA_HOME}, {@code $HOME}) and the working directory.
 * In-process tests give their own, so nothing they run looks at the real home directory.
 */
public record Environment(Map<String, String> variables, Path directory) {

    public Environment {
        variables = Map.copyOf(variables);
        directory = directory.toAbsolutePath();
    }

    /** The process's own environment and working directory. */
    static Environment system() {
        return new Environment(System.getenv(), Path.of(""));
    }

    /** The value of variable {@code name}, or null when it is unset or empty. */
    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** {@code path} resolved against the working directory. */
    Path resolve(Path path) {
        return directory.resolve(path);
    }
}
