package venti.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code /stats} page: every Venti meter of a registry, one line each, sorted by name and
 * tags. The C server's page prints nothing (its statistics went to {@code /graph}); this one
 * lists the same counters {@code /metrics} exports, for a person or a shell script:
 *
 * <pre>
 * venti.requests{op=read,result=ok} 12
 * venti.request.duration{op=read} count=12 total=0.0042
 * </pre>
 *
 * A meter with one measurement shows its value; others show each statistic by name. Times
 * are in seconds. Stateless.
 */
final class StatsText {

    private static final String PREFIX = "venti.";

    private StatsText() {
    }

    static String of(MeterRegistry registry) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith(PREFIX))
                .sorted(Comparator.comparing(StatsText::key))
                .toList();
        StringBuilder b = new StringBuilder();
        for (Meter m : meters) {
            b.append(key(m));
            List<Measurement> ms = new ArrayList<>();
            m.measure().forEach(ms::add);
            if (ms.size() == 1) {
                b.append(' ').append(number(ms.getFirst().getValue()));
            } else {
                for (Measurement x : ms) {
                    b.append(' ').append(x.getStatistic().getTagValueRepresentation()).append('=').append(number(x.getValue()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String key(Meter m) {
        List<Tag> tags = m.getId().getTags();
        String name = m.getId().getName();
        return tags.isEmpty() ? name
                : name + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
