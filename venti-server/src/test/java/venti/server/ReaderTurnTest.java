package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReaderTurnTest {

    @Test
    void aReaderKeepsItsTurnThroughAQuickRequest() {
        ReaderTurn t = new ReaderTurn();
        assertThat(t.mayRead(0)).isTrue();
        t.begin(0);
        assertThat(t.busy()).isTrue();
        assertThat(t.mayRead(0)).isFalse();
        assertThat(t.takeOverIfStalled(System.nanoTime(), Long.MAX_VALUE)).isEmpty();
        t.end(0);
        assertThat(t.busy()).isFalse();
        assertThat(t.mayRead(0)).isTrue();
    }

    @Test
    void aStalledReaderLosesItsTurnOnceAndForGood() {
        ReaderTurn t = new ReaderTurn();
        t.begin(0);
        long later = System.nanoTime() + 10_000_000;
        assertThat(t.takeOverIfStalled(later, 1_000_000)).isEqualTo(OptionalLong.of(1));
        assertThat(t.takeOverIfStalled(later, 1_000_000)).as("the new reader is not busy").isEmpty();
        assertThat(t.isCurrent(0)).isFalse();
        assertThat(t.isCurrent(1)).isTrue();
        t.end(0);
        assertThat(t.mayRead(0)).as("the old reader, done with its request").isFalse();
        assertThat(t.mayRead(1)).isTrue();
    }

    @Test
    void anIdleReaderIsNeverTakenOver() {
        ReaderTurn t = new ReaderTurn();
        assertThat(t.takeOverIfStalled(System.nanoTime() + 10_000_000_000L, 1)).isEmpty();
        assertThat(t.mayRead(0)).isTrue();
    }
}
