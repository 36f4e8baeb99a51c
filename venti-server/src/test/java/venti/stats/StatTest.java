package venti.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics are the C server's, by its names and in its order, then ours. */
public class StatTest {

    /** httpd.c's graphname list, as plan9port has it. */
    public static final List<String> C_NAMES = List.of(
            "rpctotal", "rpcread", "rpcreadok", "rpcreadfail", "rpcreadbyte", "rpcreadtime", "rpcreadcached",
            "rpcreadcachedtime", "rpcreaduncached", "rpcreaduncachedtime", "rpcwrite", "rpcwritenew", "rpcwriteold",
            "rpcwritefail", "rpcwritebyte", "rpcwritetime", "rpcwritenewtime", "rpcwriteoldtime",
            "lcachehit", "lcachemiss", "lcachelookup", "lcachewrite", "lcachesize", "lcachestall", "lcachelookuptime",
            "dcachehit", "dcachemiss", "dcachelookup", "dcacheread", "dcachewrite", "dcachedirty", "dcachesize",
            "dcacheflush", "dcachestall", "dcachelookuptime",
            "dblockstall", "lumpstall",
            "icachehit", "icachemiss", "icacheread", "icachewrite", "icachefill", "icacheprefetch", "icachedirty",
            "icachesize", "icacheflush", "icachestall", "icachelookuptime", "icachelookup", "scachehit",
            "scacheprefetch",
            "bloomhit", "bloommiss", "bloomfalsemiss", "bloomlookup", "bloomones", "bloombits",
            "apartread", "apartreadbyte", "apartwrite", "apartwritebyte",
            "isectread", "isectreadbyte", "isectwrite", "isectwritebyte",
            "sumread", "sumreadbyte",
            "cigload", "cigloadtime");

    @Test
    void theCNamesComeFirstInTheCOrder() {
        List<String> ours = Arrays.stream(Stat.values()).map(Stat::graphName).toList();
        assertThat(ours.subList(0, C_NAMES.size())).isEqualTo(C_NAMES);
        assertThat(ours).doesNotHaveDuplicates();
        assertThat(Stat.byName("rpcreadok")).contains(Stat.RPC_READ_OK);
        assertThat(Stat.byName("nosuch")).isEmpty();
    }

    @Test
    void descriptionsAreTheCStatdescForTheCNames() {
        assertThat(Stat.RPC_READ_UNCACHED_TIME.description()).isEqualTo("rpc read uncached time");
        assertThat(Stat.ICACHE_LOOKUP_TIME.description()).as("statdesc's, not graphname's").isEqualTo("index cache read time");
        assertThat(Stat.CIG_LOAD_TIME.description()).isEqualTo("cig load time");
    }
}
