package venti.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;
import venti.http.LogLine;

/**
 * The server's most recent log lines, kept in memory for the HTTP server's {@code /log} page
 * (the C server's in-memory logs): a Logback appender on the root logger holding the last
 * {@link #LINES} lines, formatted as the console shows them.
 *
 * <p>Thread-safe: appending and reading take one short lock.
 */
final class LogRing extends AppenderBase<ILoggingEvent> {

    /** Lines kept; older ones are dropped. */
    static final int LINES = 1000;
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%ex{short}";

    private final ArrayDeque<LogLine> lines = new ArrayDeque<>(LINES);
    private final ReentrantLock lock = new ReentrantLock();
    private final PatternLayout layout = new PatternLayout();

    /** Starts keeping the lines logged from now on. */
    static LogRing attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogRing ring = new LogRing();
        ring.setContext(context);
        ring.setName("venti-log-ring");
        ring.layout.setContext(context);
        ring.layout.setPattern(PATTERN);
        ring.layout.start();
        ring.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(ring);
        return ring;
    }

    /** Stops keeping lines. */
    void detach() {
        ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        add(new LogLine(event.getLoggerName(), event.getLevel().toString(), layout.doLayout(event).stripTrailing()));
    }

    /**
     * Keeps {@code text}, a line the server printed on its standard error rather than logged
     * (its start-up lines), as if {@code logger} had logged it at INFO.
     */
    void note(String logger, String text) {
        add(new LogLine(logger, "INFO", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(LocalDateTime.now())
                + " INFO  " + logger.substring(logger.lastIndexOf('.') + 1) + " - " + text));
    }

    private void add(LogLine line) {
        lock.lock();
        try {
            if (lines.size() == LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        } finally {
            lock.unlock();
        }
    }

    /** The lines kept, oldest first. */
    List<LogLine> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }
}
