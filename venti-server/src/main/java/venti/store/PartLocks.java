package venti.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition locks this JVM holds: one store, one writer.
 *
 * <p>Design. A partition is locked as a byte range of its file with {@link FileChannel#tryLock}
 * (a POSIX record lock on Linux), which the system drops when the process ends, however it
 * ends: no lock file is left behind. Two properties of those locks shape this class. The JVM
 * refuses a second lock on an overlapping range of a file it already locks, with
 * {@link OverlappingFileLockException} rather than an answer; so opens check this registry
 * first and refuse a conflicting claim before a descriptor is even opened. And the system
 * keeps the locks per process, not per descriptor: closing <em>any</em> descriptor of a file
 * drops every lock the process holds on it. So whenever a descriptor of a claimed file
 * closes (a read-only tool in the same JVM, a channel closed by an interrupt, a refused
 * open), the remaining claims on that file take their locks again ({@link #reassert}).
 *
 * <p>Two read-only servers in one JVM share the one system lock of the first; the second
 * takes its own when the first lets go.
 *
 * <p>Thread-safety: every method is synchronized on the class, so a check and the lock it
 * leads to are one step; opening and closing partitions is rare.
 */
final class PartLocks {

    private static final Logger log = LoggerFactory.getLogger(PartLocks.class);
    private static final Map<Object, List<Claim>> CLAIMS = new HashMap<>();

    private PartLocks() {
    }

    /** A partition's hold on bytes {@code [lo, lo+size)} of a file; guarded by the class. */
    static final class Claim {
        final Object key;
        final String name;
        final long lo;
        final long size;
        final boolean shared;
        FileChannel channel;
        FileLock lock;

        private Claim(Object key, String name, long lo, long size, boolean shared, FileChannel channel) {
            this.key = key;
            this.name = name;
            this.lo = lo;
            this.size = size;
            this.shared = shared;
            this.channel = channel;
        }

        boolean overlaps(long lo, long size) {
            return lo < this.lo + this.size && this.lo < lo + size;
        }
    }

    /**
     * An open channel and what opening it found: the claim holding its lock (null for
     * {@link LockMode#NONE}), the file's identity, and for {@code NONE} who has the file
     * locked against writers (null when nobody).
     */
    record Opened(FileChannel channel, Object key, Claim claim, String lockedBy) {
    }

    /** How a channel is opened once the lock may be taken. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    /**
     * Opens {@code file} with {@code opener} and locks bytes {@code [lo, lo+size)} as
     * {@code mode} says, on behalf of the partition {@code name}.
     *
     * @throws StoreInUseException when another process, or another open store in this one,
     *                             holds a conflicting lock; nothing was read
     */
    static synchronized Opened open(Path file, String name, long lo, long size, LockMode mode, Opener opener)
            throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        List<Claim> here = CLAIMS.getOrDefault(key, List.of());
        List<Claim> overlapping = here.stream().filter(c -> c.overlaps(lo, size)).toList();
        boolean writerHere = overlapping.stream().anyMatch(c -> !c.shared);
        if (mode == LockMode.EXCLUSIVE && !overlapping.isEmpty() || mode == LockMode.SHARED && writerHere) {
            throw new StoreInUseException(name, StoreInUseException.thisProcess());
        }
        FileChannel ch = opener.open(file);
        if (mode == LockMode.NONE) {
            String lockedBy = writerHere ? StoreInUseException.thisProcess()
                    : overlapping.isEmpty() ? probe(file, ch, lo, size) : null;
            return new Opened(ch, key, null, lockedBy);
        }
        Claim c = new Claim(key, name, lo, size, mode == LockMode.SHARED, ch);
        if (overlapping.isEmpty()) {
            try {
                c.lock = ch.tryLock(lo, size, c.shared);
            } catch (OverlappingFileLockException e) {
                closeRefused(key, ch, e);
                throw new StoreInUseException(name, StoreInUseException.thisProcess());
            } catch (IOException e) {
                closeRefused(key, ch, e);
                throw e;
            }
            if (c.lock == null) {
                String holder = holder(file);
                closeRefused(key, ch, null);
                throw new StoreInUseException(name, holder);
            }
        }
        CLAIMS.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        return new Opened(ch, key, c, null);
    }

    /** Who holds a lock keeping writers out, found by taking a shared lock and letting it go at once. */
    private static String probe(Path file, FileChannel ch, long lo, long size) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock(lo, size, true);
        } catch (OverlappingFileLockException e) {
            return StoreInUseException.thisProcess();
        } catch (IOException e) {
            log.debug("cannot probe the lock of {}: {}", file, e.toString());
            return null;
        }
        if (l != null) {
            l.release();
            return null;
        }
        return holder(file);
    }

    private static String holder(Path file) {
        OptionalLong pid = LockHolder.of(file);
        return StoreInUseException.anotherVenti(pid.isPresent() ? "pid " + pid.getAsLong() : null);
    }

    private static void closeRefused(Object key, FileChannel ch, Exception cause) {
        try {
            ch.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
        reassert(key);
    }

    /** Notes that {@code claim}'s partition now reads and writes through {@code ch}: a channel closed by an interrupt was reopened. */
    static synchronized void reopened(Object key, Claim claim, FileChannel ch) {
        if (claim != null) {
            claim.channel = ch;
        }
        reassert(key);
    }

    /**
     * Drops {@code claim} (null for an unlocked partition) after its channel was closed, and
     * has the other claims on the same file take their locks again, since the close dropped them.
     */
    static synchronized void closed(Object key, Claim claim) {
        List<Claim> here = CLAIMS.get(key);
        if (here == null) {
            return;
        }
        here.remove(claim);
        if (here.isEmpty()) {
            CLAIMS.remove(key);
        } else {
            reassert(key);
        }
    }

    /** Takes again the system locks of every claim on the file {@code key}, once a close has dropped them. */
    private static void reassert(Object key) {
        List<Claim> here = CLAIMS.getOrDefault(key, List.of());
        for (Claim c : here) {
            if (c.lock != null) {
                try {
                    c.lock.release();
                } catch (IOException alreadyDropped) {
                    // the channel it was on is closed, and the lock with it
                }
                c.lock = null;
            }
        }
        for (Claim c : here) {
            if (here.stream().anyMatch(o -> o.lock != null && o.overlaps(c.lo, c.size))) {
                continue;
            }
            try {
                c.lock = c.channel.tryLock(c.lo, c.size, c.shared);
                if (c.lock == null) {
                    log.error("{}: another process took the lock of this open partition after a descriptor of it "
                            + "closed; stop the other venti before it writes", c.name);
                }
            } catch (IOException | OverlappingFileLockException e) {
                log.error("{}: cannot take the lock of this open partition again: {}", c.name, e.toString());
            }
        }
    }
}
