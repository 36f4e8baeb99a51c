package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.disk.Layout;

/** What fmtarenas and fmtisect share: {@code [-Z] [-b blocksize] name file}. */
final class FormatTarget {

    @Option(names = "-Z", description = "Do not zero the partition first (only old-version formats are zeroed at all).")
    boolean noZero;

    @Option(names = "-b", paramLabel = "blocksize", converter = SizeConverter.class, defaultValue = "8k",
            description = "Block (bucket) size in bytes, a power of two; k, m suffixes allowed. Default 8k.")
    long blockSize;

    @Parameters(index = "0", paramLabel = "name", description = "The section's name, or the prefix of the arena names.")
    String name;

    @Parameters(index = "1", paramLabel = "file", description = "The partition, optionally file:lo-hi.")
    String file;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** The block size, checked as the C tools check it. */
    int blockSize() {
        if (blockSize > Layout.MAX_DISK_BLOCK) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "block size too large, max " + Layout.MAX_DISK_BLOCK);
        }
        return (int) blockSize;
    }

    /** Whether to zero the partition: by default only for the old format versions. */
    boolean zero(boolean oldVersion) {
        return oldVersion && !noZero;
    }

    Part open() throws IOException {
        return Part.open(file, false);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
