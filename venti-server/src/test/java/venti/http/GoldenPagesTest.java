package venti.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import venti.store.GoldenStore;
import venti.store.Store;

/**
 * /index, /xindex and /storage of the store the C venti made, against what the C tools
 * printed for it (tools-output/printmap.txt, checkarenas.txt, printarenapart.txt, format.txt).
 */
class GoldenPagesTest {

    /** One arena as checkarenas printed it. */
    record Checked(String name, String times, boolean sealed, String score, long clumps, long compressed, long data,
                   long compressedData, long storage) {
    }

    private static final Pattern ARENA = Pattern.compile(
            "arena='(\\S+)' \\[\\d+,\\d+\\)\n\t(version=5 created=\\d+ modified=\\d+)( sealed)?\n(?:\tscore=(\\w+)\n)?"
                    + "\tclumps=(\\d+) compressed clumps=(\\d+) data=([\\d,]+) compressed data=([\\d,]+) "
                    + "disk storage=([\\d,]+)\n");

    @TempDir
    Path dir;
    Store store;
    HttpClientSupport http;

    @BeforeEach
    void serve() throws IOException {
        store = GoldenStore.open(dir, Store.Mode.READ_ONLY);
        http = HttpClientSupport.serve(store, Httpd.Options.NONE);
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        store.close();
    }

    private static List<Checked> checked() {
        List<Checked> out = new ArrayList<>();
        Matcher m = ARENA.matcher(GoldenStore.toolOutput("checkarenas.txt"));
        while (m.find()) {
            out.add(new Checked(m.group(1), m.group(2), m.group(3) != null, m.group(4), Long.parseLong(m.group(5)),
                    Long.parseLong(m.group(6)), number(m.group(7)), number(m.group(8)), number(m.group(9))));
        }
        assertThat(out).hasSize(4);
        return out;
    }

    private static long number(String commas) {
        return Long.parseLong(commas.replace(",", ""));
    }

    /** The value after {@code key} on the line of {@code text} that starts with {@code prefix}. */
    private static long field(String text, String prefix, String pattern) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + ".*?" + pattern).matcher(text);
        assertThat(m.find()).as(prefix + " ... " + pattern).isTrue();
        return number(m.group(1));
    }

    @Test
    void indexIsWhatTheCToolsSawInTheCServersFormat() {
        String map = GoldenStore.toolOutput("printmap.txt");
        String[] mapLines = map.split("\n");
        long buckmax = field(GoldenStore.toolOutput("format.txt"), "fmtisect", "of ([\\d,]+) entries");
        StringBuilder want = new StringBuilder();
        want.append(mapLines[0]).append('\n').append(mapLines[1]).append('\n');
        want.append(mapLines[2]).append(" buckmax=").append(buckmax).append('\n');
        for (Checked c : checked()) {
            Matcher range = Pattern.compile("\tarena=" + Pattern.quote(c.name()) + " at (\\[\\d+,\\d+\\))").matcher(map);
            assertThat(range.find()).isTrue();
            long start = field(GoldenStore.toolOutput("printarenapart.txt"), "arena " + c.name() + " ", "(\\d+)");
            want.append("arena=").append(c.name()).append(" at index ").append(range.group(1)).append('\n');
            want.append("\tarena='").append(c.name()).append("' on arenas.part at [").append(start).append(',')
                    .append(start + GoldenStore.ARENA_SIZE).append(")\n");
            want.append('\t').append(c.times()).append(c.sealed() ? " mem=sealed disk=sealed" : "").append('\n');
            Matcher times = Pattern.compile("created=(\\d+) modified=(\\d+)").matcher(c.times());
            assertThat(times.find()).isTrue();
            want.append("\tcreated ").append(IndexPages.date(Long.parseLong(times.group(1)))).append(", modified ")
                    .append(IndexPages.date(Long.parseLong(times.group(2)))).append('\n');
            if (c.score() != null) {
                want.append("\tscore=").append(c.score()).append('\n');
            }
            for (String stats : new String[] {"written", "indexed"}) {
                want.append(String.format(Locale.ROOT,
                        "\t%s: clumps=%d compressed clumps=%d data=%,d compressed data=%,d storage=%,d\n", stats,
                        c.clumps(), c.compressed(), c.data(), c.compressedData(), c.storage()));
            }
        }
        assertThat(IndexPages.date(1795239070)).isEqualTo("2026-11-21 05:31:10 UTC");
        var r = http.get("/index");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo(want.toString());
    }

    @Test
    void storageTotalsTheArenas() {
        List<Checked> c = checked();
        long space = field(GoldenStore.toolOutput("format.txt"), "fmtindex", "([\\d,]+) bytes storage");
        String want = String.format(Locale.ROOT, """
                index=main
                total arenas=%,d active=%,d
                total space=%,d used=%,d
                clumps=%,d compressed clumps=%,d data=%,d compressed data=%,d
                """, GoldenStore.ARENAS.size(), c.size(), space, c.stream().mapToLong(Checked::storage).sum(),
                c.stream().mapToLong(Checked::clumps).sum(), c.stream().mapToLong(Checked::compressed).sum(),
                c.stream().mapToLong(Checked::data).sum(), c.stream().mapToLong(Checked::compressedData).sum());
        assertThat(http.text("/storage")).startsWith(want)
                .containsPattern("\nmemory lump cache=[\\d,]+ index cache=[\\d,]+ bloom=[\\d,]+ \\(.+\\)\n$");
    }

    @Test
    void storageNamesFullIndexBucketsAndTheRemedy() {
        assertThat(IndexPages.storage(store.index(), store.memory(), new Store.CacheUse(0, 0, 0, 0, 1000, 2000, 5, 2)))
                .endsWith(")\nfull index buckets=2 entries held in memory=5: the index is too small; format a larger "
                        + "index and run buildindex\n");
        assertThat(IndexPages.storage(store.index(), store.memory(), store.cacheUse())).doesNotContain("full index");
    }

    @Test
    void xindexIsXmlWithEveryArena() throws Exception {
        var r = http.get("/xindex");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        Element index = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(index.getTagName()).isEqualTo("index");
        assertThat(index.getAttribute("name")).isEqualTo("main");
        assertThat(index.getAttribute("buckets")).isEqualTo("159");
        assertThat(index.getAttribute("buckdiv")).isEqualTo("27012373");
        assertThat(((Element) index.getElementsByTagName("sect").item(0)).getAttribute("stop")).isEqualTo("159");
        NodeList arenas = index.getElementsByTagName("arena");
        assertThat(arenas.getLength()).isEqualTo(GoldenStore.ARENAS.size());
        List<Checked> checked = checked();
        for (int i = 0; i < arenas.getLength(); i++) {
            Element a = (Element) arenas.item(i);
            assertThat(a.getAttribute("name")).isEqualTo(GoldenStore.ARENAS.get(i));
            assertThat(a.getAttribute("partition")).isEqualTo("arenas.part");
            if (i < checked.size()) {
                Checked c = checked.get(i);
                assertThat(a.getAttribute("clumps")).isEqualTo(Long.toString(c.clumps()));
                assertThat(a.getAttribute("compressedclumps")).isEqualTo(Long.toString(c.compressed()));
                assertThat(a.getAttribute("data")).isEqualTo(Long.toString(c.data()));
                assertThat(a.getAttribute("compresseddata")).isEqualTo(Long.toString(c.compressedData()));
                assertThat(a.getAttribute("storage")).isEqualTo(Long.toString(c.storage()));
                assertThat(a.getAttribute("sealed")).isEqualTo(c.sealed() ? "yes" : "");
                assertThat(a.getAttribute("score")).isEqualTo(c.score() == null ? "" : c.score());
            } else {
                assertThat(a.getAttribute("clumps")).isEqualTo("0");
                assertThat(a.hasAttribute("score")).isFalse();
            }
        }
        assertThat(index.getElementsByTagName("amap").getLength()).isEqualTo(GoldenStore.ARENAS.size());
    }
}
