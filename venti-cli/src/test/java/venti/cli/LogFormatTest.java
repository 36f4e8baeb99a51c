package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server's log lines are in the format of its start-up lines: "venti: message". */
class LogFormatTest {

    private static String format(String pattern, Level level, String message) {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        Logger logger = context.getLogger("venti.store.DataLog");
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, level, message, null, null));
    }

    @Test
    void infoIsAPlainLineAndWarningsSaySo() throws Exception {
        String xml;
        try (InputStream in = Main.class.getResourceAsStream("/logback.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
        assertThat(m.find()).isTrue();
        String pattern = m.group(1);
        assertThat(format(pattern, Level.INFO, "arena arenas0.0 is full")).isEqualTo("venti: arena arenas0.0 is full\n");
        assertThat(format(pattern, Level.WARN, "index bucket full")).isEqualTo("venti: WARN: index bucket full\n");
        assertThat(format(pattern, Level.ERROR, "sync failed")).isEqualTo("venti: ERROR: sync failed\n");
    }
}
