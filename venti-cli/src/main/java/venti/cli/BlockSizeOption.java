package venti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import venti.store.Layout;

/** The {@code -b blocksize} option of fmtarenas and fmtisect. */
final class BlockSizeOption {

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class, defaultValue = "8k",
            description = "Block (bucket) size in bytes, a power of two; k, m suffixes allowed. Default 8k.")
    long blockSize;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** The block size, checked as the C tools check it. */
    int get() {
        if (blockSize > Layout.MAX_DISK_BLOCK) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "block size too large, max " + Layout.MAX_DISK_BLOCK);
        }
        return (int) blockSize;
    }
}
