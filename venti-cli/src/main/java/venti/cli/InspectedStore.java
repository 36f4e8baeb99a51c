package venti.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Store;

/**
 * What printarenas, printindex and printmap share: {@code [-B blockcachesize] venti.conf},
 * opened read-only without loading the bloom filter.
 */
final class InspectedStore {

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility; these tools read the disk directly and keep no block cache.")
    long blockCacheSize;

    @Parameters(index = "0", paramLabel = "venti.conf", description = "The configuration (a file, or a partition holding one).")
    Path config;

    Store open() throws IOException {
        return Store.open(config, Store.Mode.INSPECT);
    }
}
