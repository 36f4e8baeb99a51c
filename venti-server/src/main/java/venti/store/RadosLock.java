package venti.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import venti.store.rados.StripedObjects;

/**
 * The store lock of a partition on RADOS: what {@link PartLocks} is for files, taken by
 * {@link RadosPart} in the same {@link LockMode}s.
 *
 * <p>Design. The lock is a RADOS advisory lock on the partition's size record
 * ({@link StripedObjects#lock}), exclusive for a process that may write and shared for a
 * read-only server. Each open holds it under a cookie of its own, {@code host H pid N #K}, so
 * two stores in one process conflict as two processes do, and a refusal names the holder from
 * its cookie. Unlike a record lock on a file, nothing drops it when its process dies: it lasts
 * {@link #DURATION} and a daemon thread renews it every third of that, so a killed holder's
 * lock lapses within {@link #DURATION}, which the refusal says. Closing releases it at once.
 *
 * <p>Failures. Renewal that gets no answer, or an error, logs one WARN line and keeps trying;
 * once the lock has lapsed unrenewed it logs an ERROR, since another venti may now take the
 * partition; if another does, renewal logs that the lock is lost and stops.
 *
 * <p>Thread-safety: the renewal thread alone renews; {@link #close} stops it first.
 */
final class RadosLock {

    private static final Logger log = LoggerFactory.getLogger(RadosLock.class);

    /** How long a lock lasts unrenewed; -Dventi.rados.lock=seconds (tests shorten it). */
    static final Duration DURATION = Duration.ofSeconds(Long.getLong("venti.rados.lock", 30));
    private static final Duration RENEW_EVERY = DURATION.dividedBy(3);
    private static final String DESCRIPTION = "venti store lock";
    /** This process, as cookies name it. */
    private static final String ME = "host " + hostName() + " pid " + ProcessHandle.current().pid();
    private static final AtomicLong OPENS = new AtomicLong();

    private final StripedObjects objects;
    private final boolean shared;
    private final String cookie;
    private final Thread renewal;
    private volatile boolean closed;

    private RadosLock(StripedObjects objects, boolean shared, String cookie) {
        this.objects = objects;
        this.shared = shared;
        this.cookie = cookie;
        this.renewal = Thread.ofPlatform().daemon().name("rados-lock " + objects.name()).start(this::renew);
    }

    /**
     * Locks {@code objects} as {@code mode} says ({@link LockMode#SHARED} or {@link LockMode#EXCLUSIVE}).
     *
     * @throws StoreInUseException when another open of the partition, in this process or another, holds a
     *                             conflicting lock
     */
    static RadosLock take(StripedObjects objects, LockMode mode) throws IOException {
        boolean shared = mode == LockMode.SHARED;
        String cookie = ME + " #" + OPENS.incrementAndGet();
        if (!objects.tryLock(shared, cookie, DESCRIPTION, DURATION)) {
            String holder = holder(objects.lockers());
            throw new StoreInUseException(objects.name(), holder.equals(StoreInUseException.thisProcess()) ? holder
                    : holder + "; a lock left by a killed process lapses within " + DURATION.toSeconds() + " s");
        }
        return new RadosLock(objects, shared, cookie);
    }

    /** Who holds {@code objects} against writers, or null when nobody does: what {@link LockMode#NONE} notes. */
    static String writer(StripedObjects objects) throws IOException {
        StripedObjects.Lockers l = objects.lockers();
        return l.exclusive() && !l.cookies().isEmpty() ? holder(l) : null;
    }

    /** The holder of a lock as a refusal names it, from the first holder's cookie. */
    private static String holder(StripedObjects.Lockers l) {
        if (l.cookies().isEmpty()) {
            return StoreInUseException.anotherVenti(null);
        }
        String c = l.cookies().getFirst();
        String who = c.contains(" #") ? c.substring(0, c.lastIndexOf(" #")) : c;
        return who.equals(ME) ? StoreInUseException.thisProcess() : StoreInUseException.anotherVenti(who);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Renews the lock every third of its duration until closed; a renewal the cluster does not answer is waited for, not repeated. */
    private void renew() {
        long renewed = System.nanoTime();
        boolean warned = false;
        boolean lapsed = false;
        CompletableFuture<Boolean> call = null;
        while (!closed) {
            try {
                if (call == null) {
                    Thread.sleep(RENEW_EVERY);
                    call = objects.lock(shared, cookie, DESCRIPTION, DURATION);
                }
                boolean held = call.get(RENEW_EVERY.toNanos(), TimeUnit.NANOSECONDS);
                call = null;
                if (!held) {
                    log.error("{}: lost its lock: {} holds it now and may write this partition; stop one of them",
                            objects.name(), holderNow());
                    return;
                }
                if (warned) {
                    log.info("{}: lock renewed{}", objects.name(), lapsed ? " after it had lapsed" : "");
                }
                renewed = System.nanoTime();
                warned = false;
                lapsed = false;
                continue;
            } catch (TimeoutException e) {
                if (!warned) {
                    log.warn("{}: no answer renewing its lock for {} s; the Ceph cluster is slow or unreachable",
                            objects.name(), (System.nanoTime() - renewed) / 1_000_000_000L);
                }
            } catch (ExecutionException e) {
                call = null;
                if (!warned) {
                    log.warn("{}: can't renew its lock: {}", objects.name(), e.getCause().getMessage());
                }
            } catch (InterruptedException e) {
                return;
            }
            warned = true;
            if (!lapsed && System.nanoTime() - renewed > DURATION.toNanos()) {
                log.error("{}: its lock lapsed, not renewed for {} s; another venti may take the partition and write it",
                        objects.name(), DURATION.toSeconds());
                lapsed = true;
            }
        }
    }

    private String holderNow() {
        try {
            return holder(objects.lockers());
        } catch (IOException e) {
            return StoreInUseException.anotherVenti(null);
        }
    }

    /**
     * Stops renewing and, when {@code release}, releases the lock at once; otherwise it lapses
     * within {@link #DURATION}, as when writes may still land after a failed sync.
     */
    void close(boolean release) throws IOException {
        closed = true;
        renewal.interrupt();
        try {
            renewal.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (release) {
            objects.unlock(cookie);
        }
    }
}
