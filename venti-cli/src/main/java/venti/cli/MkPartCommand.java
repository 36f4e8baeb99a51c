package venti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import venti.store.Part;

/** venti mkpart: make an empty partition of a given size, for the fmt commands to format. */
@Command(name = "mkpart",
        header = "Make an empty partition: a sparse file, or on RADOS",
        description = {"Make an empty partition of the given size for fmtarenas, fmtisect or fmtbloom to format.",
                "A name rados:POOL/NAME makes a partition on the Ceph cluster of $CEPH_CONF (default"
                        + " /etc/ceph/ceph.conf) as client.$CEPH_CLIENT_ID (default admin). Fails if the partition exists."})
final class MkPartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "name", description = "A file, or rados:POOL/NAME.")
    String name;

    @Parameters(index = "1", paramLabel = "size", converter = SizeConverter.class,
            description = "Its size in bytes; k, m, g and t suffixes allowed.")
    long size;

    @Override
    public Integer call() throws Exception {
        Part.create(name, size).close();
        return 0;
    }
}
