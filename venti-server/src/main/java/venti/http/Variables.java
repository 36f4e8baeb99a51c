package venti.http;

import java.util.ArrayList;
import java.util.List;
import venti.store.StoreSettings;

/**
 * The variables of the {@code /set} page and what the page answers (the C {@code xset}).
 *
 * <p>The page's text is the C server's: {@code name = value} for each variable, or for one;
 * {@code name = new (was old)} after a change; {@code name not found}. Setting a variable
 * that has no effect here adds a line saying why. A value that is not an integer is refused
 * (the C server reads it as 0).
 *
 * <p>Variables with an effect: {@code compress} (0 stores new blocks raw), {@code ignorebloom},
 * {@code syncwrites}, and whatever the caller adds (the {@code venti server} command adds the
 * log levels {@code logging} and {@code debug}). The C server's other variables are accepted
 * with no effect: {@code devnull} (throwing away acknowledged writes would lose data; the
 * {@code venti devnull} command is that server), {@code stats} (the counters cost nothing to
 * keep), {@code icachesleeptime} and {@code minicachesleeptime} (the index writer is paced by
 * the number of dirty entries, not by sleeps), {@code arenasumsleeptime}, {@code l0quantum},
 * {@code l1quantum} and {@code manualscheduling} (there is no disk scheduler: the operating
 * system orders the I/O, and arenas are scored at full speed on a thread of their own),
 * {@code icacheprefetch} (the index cache does not prefetch arena summaries) and
 * {@code bootstrap} (indexes are rebuilt offline by the index tools).
 *
 * <p>Thread-safe as the variables are.
 */
final class Variables {

    /** What the page answers: an HTTP status and the text. */
    record Answer(int status, String text) {
    }

    private static final String NO_SCHEDULER = "no disk scheduler here: the operating system orders the I/O";

    private final List<Variable> all;

    Variables(List<Variable> all) {
        this.all = List.copyOf(all);
    }

    /** The store's switches and the C server's inert variables, then {@code extra}. */
    static Variables of(StoreSettings settings, List<Variable> extra) {
        List<Variable> v = new ArrayList<>();
        v.add(Variable.ofSwitch("compress", settings::compress, settings::compress));
        v.add(Variable.inert("devnull", 0, "acknowledged writes are never thrown away; run venti devnull for that"));
        v.add(Variable.inert("stats", 1, "the counters are always kept: they cost nothing"));
        v.add(Variable.inert("icachesleeptime", 1000,
                "the index writer is paced by the number of dirty entries, not by sleeps"));
        v.add(Variable.inert("minicachesleeptime", 0,
                "the index writer is paced by the number of dirty entries, not by sleeps"));
        v.add(Variable.inert("arenasumsleeptime", 0, "sealed arenas are scored at full speed on a thread of their own"));
        v.add(Variable.inert("l0quantum", 120, NO_SCHEDULER));
        v.add(Variable.inert("l1quantum", 120, NO_SCHEDULER));
        v.add(Variable.inert("manualscheduling", 0, NO_SCHEDULER));
        v.add(Variable.ofSwitch("ignorebloom", settings::ignoreBloom, settings::ignoreBloom));
        v.add(Variable.ofSwitch("syncwrites", settings::syncWrites, settings::syncWrites));
        v.add(Variable.ofSwitch("repair", settings::repair, settings::repair));
        v.add(Variable.inert("icacheprefetch", 1, "the index cache does not prefetch arena summaries"));
        v.add(Variable.inert("bootstrap", 0, "indexes are rebuilt offline, by the index tools"));
        v.addAll(extra);
        return new Variables(v);
    }

    List<Variable> all() {
        return all;
    }

    /** The page for {@code name} and {@code value}, either of which may be null or empty. */
    Answer answer(String name, String value) {
        if (name == null || name.isEmpty()) {
            StringBuilder b = new StringBuilder();
            all.forEach(v -> b.append(line(v)));
            return new Answer(200, b.toString());
        }
        Variable v = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (v == null) {
            return new Answer(200, name + " not found\n");
        }
        if (value == null || value.isEmpty()) {
            return new Answer(200, line(v));
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return new Answer(400, "bad value '" + value + "' for " + name + ": want an integer\n");
        }
        int old = v.value().getAsInt();
        v.set().accept(n);
        String text = name + " = " + v.value().getAsInt() + " (was " + old + ")\n";
        return new Answer(200, v.noEffect() == null ? text : text + "(no effect in this server: " + v.noEffect() + ")\n");
    }

    private static String line(Variable v) {
        return v.name() + " = " + v.value().getAsInt() + "\n";
    }
}
