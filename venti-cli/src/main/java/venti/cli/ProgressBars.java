package venti.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import venti.store.admin.Progress;

/**
 * Progress bars on standard error for the long-running store tools.
 *
 * <p>They are shown only when standard error is a terminal, so scripts and tests that
 * capture the tools' output see exactly the original's lines; {@code VENTI_PROGRESS=0}
 * hides them on a terminal too, {@code VENTI_PROGRESS=1} shows them anywhere. The terminal's
 * bars are drawn without JLine's native terminal library, which the JVM would warn about.
 */
final class ProgressBars implements Progress {

    private final PrintStream err;

    private ProgressBars(PrintStream err) {
        this.err = err;
    }

    /** Bars on {@code err} if the environment asks for them, else nothing. */
    static Progress forStderr(PrintStream err) {
        String forced = System.getenv("VENTI_PROGRESS");
        boolean show = forced != null ? forced.equals("1") : isTerminal();
        if (!show) {
            return Progress.NONE;
        }
        System.setProperty("org.jline.terminal.provider", "dumb");
        return new ProgressBars(err);
    }

    /** Whether file descriptor 2 is a terminal: on Linux, where /proc says; elsewhere, whether there is a console. */
    private static boolean isTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    @Override
    public Meter start(String task, long total, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).clearDisplayOnFinish()
                .showSpeed();
        if (unit.equals("B")) {
            b.setUnit(" MiB", 1 << 20);
        } else {
            b.setUnit(unit, 1);
        }
        ProgressBar bar = b.build();
        return new Meter() {
            @Override
            public void step(long n) {
                bar.stepBy(n);
            }

            @Override
            public void message(String text) {
                bar.setExtraMessage(" " + text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
