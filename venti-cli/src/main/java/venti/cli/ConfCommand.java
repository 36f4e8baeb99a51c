package venti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import venti.store.Part;
import venti.store.VentiConfig;

/** venti conf: print or store the configuration kept inside a partition. */
@Command(name = "conf",
        header = "Print, or store, the venti.conf held in a partition",
        description = {"Print the configuration stored in a venti partition, or with -w store one there,",
                "so the partition can stand in for venti.conf."})
final class ConfCommand implements Callable<Integer> {

    @Option(names = "-w", description = "Store configfile (or standard input) in the partition.")
    boolean write;

    @Parameters(index = "0", paramLabel = "partition", description = "A venti partition.")
    String partition;

    @Parameters(index = "1", arity = "0..1", paramLabel = "configfile", description = "With -w: the configuration to store.")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!write && configFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "configfile is only read with -w");
        }
        try (Part p = Part.open(partition, !write)) {
            if (write) {
                VentiConfig.writeStored(p, configFile != null ? Files.readString(configFile, StandardCharsets.ISO_8859_1)
                        : new String(readStdin(), StandardCharsets.ISO_8859_1));
            } else {
                spec.commandLine().getOut().print(VentiConfig.readStored(p));
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private static byte[] readStdin() throws IOException {
        InputStream in = System.in;
        return in.readNBytes(VentiConfig.STORED_SIZE + 1);
    }
}
