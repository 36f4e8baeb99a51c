package venti.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import venti.store.LogPosition;

/**
 * How far a replica is known to hold the log, kept in a small text file beside the store's
 * configuration, never in the C-format partitions:
 *
 * <pre>
 * venti mirror cursor
 * replica tcp!host!port
 * arena NAME NUMBER
 * clumps N
 * offset BYTES
 * </pre>
 *
 * The arena's name guards against a cursor left over from another store. The file is
 * replaced atomically (written to a temporary file, forced, renamed over the old one, the
 * directory forced), so after a crash it holds either the old cursor or the new one. A
 * missing or unreadable cursor only costs a resend from the beginning, which the replica
 * dedups.
 *
 * @param replica the replica's dial string
 * @param arena   the name of the arena {@code at} points into
 * @param at      every clump before it is on the replica's stable storage
 */
public record MirrorCursor(String replica, String arena, LogPosition at) {

    private static final String MAGIC = "venti mirror cursor";

    /**
     * The cursor stored in {@code file}, or none when there is no file.
     *
     * @throws IOException when the file cannot be read or is not a cursor, naming it
     */
    public static Optional<MirrorCursor> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        try {
            if (lines.length < 5 || !lines[0].equals(MAGIC)) {
                throw new IllegalArgumentException("no '" + MAGIC + "' header");
            }
            String replica = field(lines[1], "replica")[1];
            String[] arena = field(lines[2], "arena");
            long clumps = Long.parseLong(field(lines[3], "clumps")[1]);
            long offset = Long.parseLong(field(lines[4], "offset")[1]);
            return Optional.of(new MirrorCursor(replica, arena[1],
                    new LogPosition(Integer.parseInt(arena[2]), clumps, offset)));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("mirror cursor " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String[] field(String line, String key) {
        String[] f = line.split(" ");
        if (!f[0].equals(key) || f.length < 2) {
            throw new IllegalArgumentException("expected a '" + key + "' line, found '" + line + "'");
        }
        return f;
    }

    /** Replaces {@code file} with this cursor, atomically and durably. */
    public void write(Path file) throws IOException {
        String text = MAGIC + "\nreplica " + replica + "\narena " + arena + " " + at.arena() + "\nclumps "
                + at.clumps() + "\noffset " + at.offset() + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** The file name for the cursor of {@code replica} in {@code dir}: {@code mirror-HOST-PORT.cursor}. */
    public static Path file(Path dir, String replica) {
        return dir.resolve("mirror-" + replica.replaceFirst("^tcp!", "").replaceAll("[^A-Za-z0-9.]", "-") + ".cursor");
    }
}
