package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ScoreTest {

    @Test
    void emptyBlockScoreIsSha1OfNothing() {
        assertThat(Score.EMPTY.toString()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(Score.ZERO.toString()).isEqualTo("0".repeat(40));
        assertThat(Score.ZERO.isZero()).isTrue();
    }

    @Test
    void hashesAsTheCServerDid() {
        // 03-write-data-ref: "hello venti\n" was answered with this score.
        assertThat(Sha1.hash("hello venti\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b"));
    }

    @Test
    void parsesLabelAndEitherCase() {
        Score.Labeled l = Score.parseLabeled("vac:46BC3B9A3F81C11D49EFF12F52B561D1DE748D5B");
        assertThat(l.label()).isEqualTo("vac");
        assertThat(l.score().toString()).isEqualTo("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");
        assertThat(Score.parseLabeled(Score.EMPTY.toString()).label()).isNull();
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> Score.parse("abc")).hasMessageContaining("need 40 hex digits");
        assertThatThrownBy(() -> Score.parse("g".repeat(40))).hasMessageContaining("not hexadecimal");
    }

    @Test
    void ordersUnsigned() {
        byte[] hi = new byte[20];
        hi[0] = (byte) 0x80;
        assertThat(Score.fromBytes(hi)).isGreaterThan(Score.ZERO);
        assertThat(Score.fromBytes(hi).getInt(0)).isEqualTo(0x80000000);
    }

    @Property
    void textRoundTrips(@ForAll @Size(20) byte[] b) {
        Score s = Score.fromBytes(b);
        assertThat(Score.parse(s.toString())).isEqualTo(s);
        assertThat(s.toByteArray()).isEqualTo(b);
        assertThat(s.matches(b, 0)).isTrue();
    }
}
