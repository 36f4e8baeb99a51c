package venti.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Twrite payloads a libventi client sent in a golden wire capture, found with the
 * least parsing possible: skip the version line, then walk version-04 frames (u32 length,
 * type, tag) and keep the data of each Twrite (type 14, after the type byte and 3 pad bytes).
 */
final class CapturedWrites {

    private static final int TWRITE = 14;
    private static final int TWRITE_HEADER = 2 + 4;

    private CapturedWrites() {
    }

    /** The payloads of every Twrite in {@code wire/<file>}, in the order sent. */
    static List<byte[]> of(String file) {
        byte[] c2s = GoldenVectors.read("wire", file);
        ByteBuffer buf = ByteBuffer.wrap(c2s);
        int p = 0;
        while (c2s[p] != '\n') {
            p++;
        }
        p++;
        List<byte[]> writes = new ArrayList<>();
        while (p < c2s.length) {
            int len = buf.getInt(p);
            if (c2s[p + 4] == TWRITE) {
                byte[] data = new byte[len - TWRITE_HEADER];
                buf.get(p + 4 + TWRITE_HEADER, data);
                writes.add(data);
            }
            p += 4 + len;
        }
        return writes;
    }
}
