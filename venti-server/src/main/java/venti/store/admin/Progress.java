package venti.store.admin;

/**
 * Where a long-running tool tells how far it has got. The command line shows it as a
 * progress bar on a terminal; everywhere else it is {@link #NONE}. The tools' own output
 * lines never go here.
 *
 * <p>Implementations must accept {@link Meter#step} from several threads at once.
 */
public interface Progress {

    /** Shows nothing. */
    Progress NONE = (task, total, unit) -> new Meter() {
        @Override
        public void step(long n) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts showing a task of {@code total} units ({@code unit} names them: "B" for bytes,
     * or a plural noun); close the meter when the task ends.
     */
    Meter start(String task, long total, String unit);

    /** One task's meter. */
    interface Meter extends AutoCloseable {

        /** {@code n} more units done. */
        void step(long n);

        /** A short note shown beside the bar, such as how many files are done. */
        default void message(String text) {
        }

        @Override
        void close();
    }
}
