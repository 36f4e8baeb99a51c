package venti.cli;

import java.io.IOException;
import java.io.PrintWriter;
import venti.core.BlockStore;
import venti.core.BlockType;
import venti.core.Score;

/**
 * A store that prints each request and its outcome before passing it on: the {@code -V}
 * protocol trace of the original's tools, one line per request and one per answer.
 */
record TracingStore(String name, BlockStore store, PrintWriter err) implements BlockStore {

    @Override
    public byte[] read(Score score, BlockType type, int maxSize) throws IOException {
        err.println(name + " <- read " + score + " type " + type.value() + " count " + maxSize);
        try {
            byte[] b = store.read(score, type, maxSize);
            err.println(name + " -> " + b.length + " bytes");
            return b;
        } catch (IOException | RuntimeException e) {
            err.println(name + " -> error " + e.getMessage());
            throw e;
        }
    }

    @Override
    public Score write(BlockType type, byte[] data, int off, int len) throws IOException {
        err.println(name + " <- write type " + type.value() + ", " + len + " bytes");
        try {
            Score s = store.write(type, data, off, len);
            err.println(name + " -> " + s);
            return s;
        } catch (IOException | RuntimeException e) {
            err.println(name + " -> error " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void sync() throws IOException {
        err.println(name + " <- sync");
        store.sync();
        err.println(name + " -> synced");
    }
}
