package venti.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import venti.core.BlockNotFoundException;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Counters;
import venti.core.Score;
import venti.store.disk.CorruptException;
import venti.store.disk.Location;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;
import venti.wire.Rerror;
import venti.wire.Tread;

/**
 * Failed requests are logged where an operator looks: disk errors and damage at WARN with the
 * request type, the client's own mistakes and conditions logged once elsewhere at DEBUG.
 */
class FailureLogLevelTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Requests.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(level);
    }

    /** A store whose every operation throws {@code failure}. */
    private static BlockStore failing(Exception failure) {
        return new BlockStore() {
            @Override
            public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
                throw rethrow(failure);
            }

            @Override
            public Score write(BlockType type, byte[] data, int off, int len) throws IOException {
                throw rethrow(failure);
            }

            @Override
            public void sync() throws IOException {
                throw rethrow(failure);
            }
        };
    }

    private static IOException rethrow(Exception e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        return (IOException) e;
    }

    private ILoggingEvent only(Exception failure) {
        logged.list.clear();
        Requests r = new Requests(failing(failure), false, new Counters<>(ServerCounter.class), new LatencyHistogram(),
                new LatencyHistogram());
        Score score = venti.core.Sha1.hash(new byte[1]);
        assertThat(r.read(new Tread(3, score, BlockType.DATA.value(), 100), Requests.PriorWrites.NONE)).isInstanceOf(Rerror.class);
        assertThat(r.write(4, BlockType.DATA, new byte[10], 0, 10)).isInstanceOf(Rerror.class);
        assertThat(r.sync(5, Requests.PriorWrites.NONE)).isInstanceOf(Rerror.class);
        assertThat(logged.list).hasSize(3);
        return logged.list.getFirst();
    }

    @Test
    void diskErrorsAreWarningsNamingTheRequest() {
        ILoggingEvent e = only(new IOException("Input/output error"));
        assertThat(e.getLevel()).isEqualTo(Level.WARN);
        assertThat(e.getFormattedMessage()).isEqualTo("Tread (tag 3) failed: java.io.IOException: Input/output error");
        assertThat(logged.list.get(1).getFormattedMessage()).startsWith("Twrite (tag 4) failed:");
        assertThat(logged.list.get(2).getFormattedMessage()).startsWith("Tsync (tag 5) failed:");
        assertThat(logged.list).allMatch(x -> x.getLevel() == Level.WARN);
    }

    @Test
    void damageIsAWarningWithWhatToRun() {
        ILoggingEvent e = only(new CorruptException(Severity.CORRUPT, new Location("arenas.part", 0x2000), "bad clump magic", null));
        assertThat(e.getLevel()).isEqualTo(Level.WARN);
        assertThat(e.getFormattedMessage()).contains("bad clump magic").endsWith("run checkarenas and checkindex on the store");
    }

    @Test
    void theClientsMistakesAndConditionsLoggedElsewhereAreDebug() {
        for (Exception x : List.of(new BlockNotFoundException(Score.ZERO, BlockType.DATA),
                BlockStoreException.lumpTooLarge(), new StoreException(Severity.ADMIN, "no space left in arenas"))) {
            assertThat(only(x).getLevel()).as("%s", x).isEqualTo(Level.DEBUG);
        }
    }
}
