package venti.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Which other process holds a lock on a file, as Linux tells it in {@code /proc/locks}: each
 * line names the lock's kind, the holder's pid and the file as {@code major:minor:inode}.
 * Elsewhere, or when the line has gone, the holder is unknown.
 */
final class LockHolder {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolder() {
    }

    /** The pid of another process holding a lock on {@code file}, if the system says. */
    static OptionalLong of(Path file) {
        try {
            long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            return find(Files.readAllLines(PROC_LOCKS), dev, ino, ProcessHandle.current().pid());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The first pid other than {@code self} holding a granted lock on device {@code dev},
     * inode {@code ino} among {@code lines} of /proc/locks ({@code "1: POSIX ADVISORY WRITE
     * 1234 fe:00:2164418 0 EOF"}; waiting requests carry a {@code ->} and are skipped).
     */
    static OptionalLong find(Iterable<String> lines, long dev, long ino, long self) {
        String file = String.format("%02x:%02x:%d", major(dev), minor(dev), ino);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[1].equals("->")) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(file)) {
                    long pid = parsePid(f[i - 1]);
                    if (pid > 0 && pid != self) {
                        return OptionalLong.of(pid);
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The major device number of a Linux {@code dev_t} (glibc's {@code gnu_dev_major}). */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** The minor device number of a Linux {@code dev_t} (glibc's {@code gnu_dev_minor}). */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
