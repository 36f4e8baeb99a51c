package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionLineTest {

    @Test
    void libventisLine() {
        assertThat(VersionLine.LIBVENTI.encode()).isEqualTo(Captures.ascii("venti-04:02-libventi\n"));
        assertThat(VersionLine.parse("venti-04:02-libventi")).isEqualTo(VersionLine.LIBVENTI);
    }

    @Test
    void negotiationTakesTheFirstOfThePeersVersionsWeKnow() {
        assertThat(ProtocolVersion.negotiate(List.of("04", "02"))).contains(ProtocolVersion.V04);
        assertThat(ProtocolVersion.negotiate(List.of("02", "04"))).contains(ProtocolVersion.V02);
        assertThat(ProtocolVersion.negotiate(List.of("05", "02"))).contains(ProtocolVersion.V02);
        assertThat(ProtocolVersion.negotiate(List.of("05"))).isEmpty();
        assertThat(ProtocolVersion.negotiate(List.of("", "4", "004"))).isEmpty();
    }

    @Test
    void commentIsOptionalAndVersionsStopAtTheFirstDash() {
        VersionLine bare = VersionLine.parse("venti-02");
        assertThat(bare.versions()).containsExactly("02");
        assertThat(bare.comment()).isNull();
        assertThat(bare.encode()).isEqualTo(Captures.ascii("venti-02\n"));
        VersionLine dashes = VersionLine.parse("venti-05-02-x");
        assertThat(dashes.versions()).containsExactly("05");
        assertThat(dashes.comment()).isEqualTo("02-x");
        assertThat(dashes.negotiate()).isEmpty();
        assertThat(VersionLine.parse("venti-04::02-").versions()).containsExactly("04", "", "02");
        assertThat(VersionLine.parse("venti-04::02-").encode()).isEqualTo(Captures.ascii("venti-04::02-\n"));
    }

    @Test
    void decodeWaitsForTheNewlineAndLeavesTheFrameAfterIt() {
        ByteBuffer b = ByteBuffer.wrap(Captures.ascii("venti-04:02-libventi"));
        assertThat(VersionLine.decode(b)).isNull();
        assertThat(b.position()).isZero();
        byte[] withFrame = Captures.ascii("venti-02-x\n\0\2\20\0");
        ByteBuffer c = ByteBuffer.wrap(withFrame);
        assertThat(VersionLine.decode(c).negotiate()).contains(ProtocolVersion.V02);
        assertThat(new FrameDecoder(ProtocolVersion.V02).decode(c)).isEqualTo(new Tsync(0));
    }

    @Test
    void readTakesNothingPastTheNewline() throws IOException {
        InputStream in = new ByteArrayInputStream(Captures.ascii("venti-04-j\nrest"));
        assertThat(VersionLine.read(in)).isEqualTo(new VersionLine(List.of("04"), "j"));
        assertThat(in.readAllBytes()).isEqualTo(Captures.ascii("rest"));
    }
}
