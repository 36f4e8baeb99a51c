package venti.store.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.store.FilePart;
import venti.store.GoldenStore;
import venti.store.Part;
import venti.store.Store;

/** The inspection tools print what the C tools printed for the golden store. */
class PrintTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final PrintWriter o = new PrintWriter(out);
    private final PrintWriter e = new PrintWriter(err);

    @Test
    void printindexMatchesTheCTool() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            assertThat(Print.index(s, List.of(), o, e)).isTrue();
        }
        assertThat(out.toString()).isEqualTo(GoldenStore.toolOutput("printindex.txt"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printindexFiltersBySectionName() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            Print.index(s, List.of("no-such-section"), o, e);
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void printarenasMatchesTheCTool() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            assertThat(Print.arenas(s, List.of(), o, e)).isTrue();
        }
        assertThat(out.toString()).isEqualTo(GoldenStore.toolOutput("printarenas.txt"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printarenasFiltersByArenaName() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            Print.arenas(s, List.of("arenas0.3"), o, e);
        }
        List<String> all = GoldenStore.toolOutput("printarenas.txt").lines().toList();
        assertThat(out.toString().lines().toList()).isEqualTo(all.subList(all.size() - 146, all.size()));
    }

    @Test
    void printmapMatchesTheCTool() throws IOException {
        try (Store s = GoldenStore.open(dir, Store.Mode.INSPECT)) {
            Print.map(s, o);
        }
        assertThat(out.toString()).isEqualTo(GoldenStore.toolOutput("printmap.txt"));
    }

    @Test
    void printarenapartMatchesTheCTool() throws IOException {
        GoldenStore.unpack(dir);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            assertThat(Print.arenaPart(p, o, e)).isTrue();
        }
        String c = GoldenStore.toolOutput("printarenapart.txt");
        assertThat(c).endsWith("bad line: \n");
        assertThat(out.toString()).isEqualTo(c.substring(0, c.length() - "bad line: \n".length()));
    }

    @Test
    void printarenaMatchesTheCTool() throws IOException {
        GoldenStore.unpack(dir);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            assertThat(Print.arena(p, GoldenStore.ARENA_BASE, -1, o, e)).isTrue();
        }
        List<String> c = GoldenStore.toolOutput("printarena-arenas0.0.txt").lines().toList();
        assertThat(err.toString().lines().toList()).isEqualTo(c.subList(1, 5));
        List<String> stdout = out.toString().lines().toList();
        assertThat(stdout.getFirst()).isEqualTo(c.getFirst());
        assertThat(stdout.subList(1, stdout.size())).isEqualTo(c.subList(5, c.size()));
    }

    @Test
    void printarenaStartsAtAGivenOffset() throws IOException {
        GoldenStore.unpack(dir);
        try (Part p = FilePart.open("arenas.part", dir, true)) {
            Print.arena(p, GoldenStore.ARENA_BASE, 998574, o, e);
        }
        assertThat(out.toString().lines().skip(1).toList()).containsExactly(
                "                998574 98d0ae1b5b146fc0387d6a4d1749930cb330bb8e   9  6739",
                "               1005351 cb6f2414b5c070696682987fbb1edf34a7784396  10  6776",
                "               1009291 643d5a628964926ee6a04a5d1a49bcd3aba03b04   9  6813",
                "               1009347 d41ce21036be4a57b890468e8d73a20ca66bf949  10  6850",
                "end offset 1009477");
    }

    @Test
    void ctimeIsTheCFormatInGmt() {
        assertThat(ToolOutput.ctime(0)).isEqualTo("Thu Jan  1 00:00:00 GMT 1970");
        assertThat(ToolOutput.ctime(1795239070L)).isEqualTo("Sat Nov 21 05:31:10 GMT 2026");
    }
}
