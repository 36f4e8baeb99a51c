package venti.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -B blockcachesize} option of the inspection tools. Accepted for compatibility:
 * these tools read the disk directly and keep no block cache.
 */
final class BlockCacheOption {

    @Option(names = "-B", paramLabel = "blockcachesize", converter = SizeConverter.class,
            description = "Accepted for compatibility; this tool keeps no block cache.")
    long blockCacheSize;
}
