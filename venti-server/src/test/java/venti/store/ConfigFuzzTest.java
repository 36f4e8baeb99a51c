package venti.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import venti.core.GoldenVectors;
import venti.core.Mutations;

/**
 * Coverage-guided fuzzing of the venti.conf parser on the C store's own configuration,
 * damaged by edits the fuzzer chooses: the only failure allowed is an
 * {@link IllegalArgumentException} with the C server's message and the line number.
 */
class ConfigFuzzTest {

    private static final byte[] GOLDEN = (new String(GoldenVectors.read("disk", "venti.conf"), StandardCharsets.UTF_8)
            + "httpaddr tcp!*!8000\naddr tcp!*!venti\nwebroot /www\nqueuewrites\n").getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "4m")
    void parse(FuzzedDataProvider data) {
        String text = new String(Mutations.mutate(GOLDEN, data), StandardCharsets.ISO_8859_1);
        try {
            VentiConfig.parse(text, "venti.conf");
        } catch (IllegalArgumentException refused) {
            // the one way a bad configuration may fail
        }
    }
}
