package venti.cli;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import venti.core.BlockStore;
import venti.core.BlockStoreException;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.ServerOptions;

/** venti/devnull: a Venti server that keeps nothing, for measuring clients and the network. */
@Command(name = "devnull", sortOptions = false,
        header = "A Venti server that throws away every block written",
        description = {
                "A Venti server that throws away every block written to it, answering each write with the"
                        + " block's score; every read fails with \"no such block\".",
                "Runs until interrupted."})
final class DevNullCommand implements Callable<Integer> {

    @Mixin
    Listen listen;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        listen.serve(new NullStore(), ServerOptions.DEFAULT, spec.commandLine().getErr());
        return 0;
    }

    /** Stores nothing: a write's answer is its score, a read always fails. Thread-safe. */
    static final class NullStore implements BlockStore {
        @Override
        public byte[] read(Score score, BlockType type, int maxSize) {
            throw new BlockStoreException("no such block");
        }

        @Override
        public Score write(BlockType type, byte[] data, int off, int len) {
            Objects.checkFromIndexSize(off, len, data.length);
            return Sha1.hash(data, off, len);
        }

        @Override
        public void sync() {
        }
    }
}
