package venti.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the text an operator or a client types: dial strings (dial and
 * listen forms, and {@code $venti}) and scores. The only failure allowed is an
 * {@link IllegalArgumentException} naming the text; what parses prints back as itself.
 */
class TextFuzzTest {

    @FuzzTest(maxDuration = "4m")
    @DictionaryEntries({"tcp!", "udp!", "net!", "unix!", "!venti", "!17034", "*", "127.0.0.1", "localhost", "[::1]",
            ":17034", "$venti", "::", "!http", "tcp!*!venti", "tcp!127.0.0.1!17034"})
    void dialStrings(String text) {
        if (text == null) {
            return;
        }
        for (boolean listen : new boolean[]{false, true}) {
            DialAddress a;
            try {
                a = listen ? DialAddress.parseListen(text) : DialAddress.parseDial(text);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            assertThat(a.port()).isBetween(0, 65535);
            DialAddress again = listen ? DialAddress.parseListen(a.toString()) : DialAddress.parseDial(a.toString());
            assertThat(again).as("%s prints as %s, which parses back", text, a).isEqualTo(a);
            if (!listen) {
                assertThat(DialAddress.fromEnvironment(null, name -> text)).isEqualTo(a);
            }
        }
    }

    @FuzzTest(maxDuration = "4m")
    @DictionaryEntries({"da39a3ee5e6b4b0d3255bfef95601890afd80709", "0000000000000000000000000000000000000000",
            "vac:", "root:", "="})
    void scores(String text) {
        if (text == null) {
            return;
        }
        try {
            Score s = Score.parse(text);
            assertThat(Score.parse(s.toString())).isEqualTo(s);
        } catch (IllegalArgumentException refused) {
            // the one way bad text may fail
        }
        try {
            Score.Labeled l = Score.parseLabeled(text);
            assertThat(l).isNotNull();
        } catch (IllegalArgumentException refused) {
            // the one way bad text may fail
        }
    }
}
