package venti.http;

/**
 * One line of the server's recent log, for {@code /log} and the dashboard.
 *
 * @param logger the name of the logger that wrote it, such as {@code venti.store.Store}
 * @param level  its level: ERROR, WARN, INFO, DEBUG or TRACE
 * @param text   the line as the console shows it, with the time
 */
public record LogLine(String logger, String level, String text) {

    /**
     * True when the line belongs to the log {@code name}: its logger, a package above it, or
     * the logger's simple name ({@code Store} for {@code venti.store.Store}).
     */
    boolean isIn(String name) {
        return logger.equals(name) || logger.startsWith(name + ".") || logger.endsWith("." + name);
    }
}
