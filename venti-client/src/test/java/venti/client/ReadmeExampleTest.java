package venti.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import venti.client.example.Hello;
import venti.core.Sha1;

/**
 * The README's example of the client as a library is example/Hello.java, word for word
 * (without its package line), and it works: it writes a block, reads it back and syncs.
 */
class ReadmeExampleTest {

    private static final Path EXAMPLE = Path.of("src/test/java/venti/client/example/Hello.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        String code = Files.readString(EXAMPLE).replaceFirst("^package [^;]+;\n\n", "");
        assertThat(Files.readString(README)).contains("```java\n" + code + "```\n");
    }

    @Test
    void theExampleWritesReadsBackAndSyncs() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (TestVentiServer server = new TestVentiServer()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                Hello.main(new String[] {"tcp!127.0.0.1!" + server.address().getPort()});
            } finally {
                System.setOut(out);
            }
            assertThat(server.received()).anyMatch(m -> m instanceof venti.wire.Tsync);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo(Sha1.hash("hello, venti".getBytes(StandardCharsets.UTF_8)) + " hello, venti\n");
    }
}
