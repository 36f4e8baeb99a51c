package venti.store.admin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import venti.core.BlockType;
import venti.core.Score;
import venti.store.Arena;
import venti.store.ArenaRepair;
import venti.store.Bloom;
import venti.store.BloomMarker;
import venti.store.Index;
import venti.store.IndexSection;
import venti.store.Part;
import venti.store.Store;
import venti.store.disk.ArenaTrailer;
import venti.store.disk.ClumpHeader;
import venti.store.disk.ClumpInfo;
import venti.store.disk.CorruptException;
import venti.store.disk.IndexEntry;
import venti.store.disk.Severity;
import venti.store.disk.StoreException;

/**
 * buildindex: rebuilds the index, or some of its sections, from the arenas' clump
 * directories, in memory bounded by the caller (the C tool of the same name, with its
 * messages).
 *
 * <p>Design. One reader per arena partition walks the directories of its arenas and turns
 * every clump not marked corrupt into an index entry at its index address; the entries go,
 * in batches through small bounded queues, to one builder per index section
 * ({@link SectionRebuild}), which sprays them into the section's own bucket area and, once
 * the readers are done, sorts them group by group and writes every bucket of the section,
 * whole. The memory is shared evenly among the sections being rebuilt. With the bloom
 * filter, every score is marked in a fresh filter, by a {@link BloomMarker} beside the
 * readers and builders, that replaces the old one on disk.
 *
 * <p>When every section was rebuilt, the index covers every clump the arenas hold, so each
 * arena's disk statistics are set to its memory statistics. The store must be opened
 * {@link Store.Mode#REPAIR}, and nothing else may use it meanwhile. A rebuild that fails
 * leaves the sections it touched unusable; run it again.
 */
public final class BuildIndex {

    /** Entries per batch handed from a reader to a section's builder. */
    private static final int BATCH = 256;
    /** Batches waiting for each section's builder at most. */
    private static final int QUEUE = 8;
    /** Directory entries read at a time. */
    private static final int DIRECTORY_CHUNK = 4096;
    private static final Batch END = new Batch(ByteBuffer.allocate(0), 0);

    /**
     * What to rebuild.
     *
     * @param bloom    rebuild the bloom filter too (always done when every section is rebuilt)
     * @param dumb     split every group in pass 2 even when it fits in memory (the C {@code -d})
     * @param sections names of the sections to rebuild, all when empty; "none" only reads the arenas
     * @param memory   bytes of memory to use for sorting, shared among the sections
     */
    public record Options(boolean bloom, boolean dumb, List<String> sections, long memory) {
        public Options {
            sections = List.copyOf(sections);
        }
    }

    private record Batch(ByteBuffer data, int count) {
    }

    private final Store store;
    private final Index index;
    private final Options options;
    private final Progress progress;
    private final PrintWriter err;
    private final AtomicLong arenaEntries = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean errors;

    private BuildIndex(Store store, Options options, Progress progress, PrintWriter err) {
        this.store = store;
        this.index = store.index();
        this.options = options;
        this.progress = progress;
        this.err = err;
    }

    /**
     * Rebuilds the index of {@code store}, opened {@link Store.Mode#REPAIR}, reporting on
     * {@code err} as the C tool does.
     *
     * @return false when some arena's directory could not be read (its clumps are missing
     *         from the index)
     * @throws StoreException when the index is too small for the clumps or the memory too
     *                        small to sort them, or {@code -b} was asked without a bloom filter
     */
    public static boolean run(Store store, Options options, Progress progress, PrintWriter err) throws IOException {
        return new BuildIndex(store, options, progress, err).build();
    }

    private boolean build() throws IOException {
        List<IndexSection> chosen = choose();
        Bloom bloom = freshBloom();
        long clumps = 0;
        for (Arena a : index.arenas()) {
            clumps += a.trailer().memStats().clumps();
        }
        err.printf(Locale.ROOT, "%,d clumps, %,d buckets\n", clumps, index.buckets());
        err.printf("%s read index\n", ToolOutput.stamp());
        SectionRebuild[] builders = new SectionRebuild[index.sections().size()];
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        for (int i = 0; i < builders.length; i++) {
            IndexSection s = index.sections().get(i);
            queues.add(new ArrayBlockingQueue<>(QUEUE));
            if (chosen.contains(s)) {
                long buckets = s.header().stop() - s.header().start();
                long expected = (long) Math.ceil((double) clumps * buckets / Math.max(1, index.buckets()));
                builders[i] = new SectionRebuild(index, s, expected, options.memory() / chosen.size(), options.dumb(), err);
            }
        }
        Map<Part, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < index.arenas().size(); i++) {
            byPartition.computeIfAbsent(index.arenas().get(i).part(), p -> new ArrayList<>()).add(i);
        }
        long indexed = 0;
        CompletableFuture<Long> bloomWritten = CompletableFuture.completedFuture(0L);
        try (BloomMarker marker = bloom == null ? null : new BloomMarker(bloom);
             ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("buildindex-", 0).factory())) {
            try (Progress.Meter m = progress.start("read arenas", clumps, " clumps")) {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (List<Integer> arenas : byPartition.values()) {
                    tasks.add(() -> read(arenas, builders, queues, marker, m));
                }
                for (int i = 0; i < builders.length; i++) {
                    if (builders[i] != null) {
                        SectionRebuild b = builders[i];
                        BlockingQueue<Batch> q = queues.get(i);
                        tasks.add(() -> spray(b, q));
                    }
                }
                runAll(pool, tasks, byPartition.size(), queues);
            }
            if (marker != null) {
                marker.finish();
                // the filter goes to disk while the buckets are sorted
                bloomWritten = Background.start("buildindex bloom", () -> {
                    marker.close();
                    return bloom.writeAll();
                });
            }
            for (SectionRebuild b : builders) {
                if (b != null) {
                    err.printf("%s %s: reordering\n", ToolOutput.stamp(), b.name());
                }
            }
            long buckets = chosen.stream().mapToLong(s -> s.header().stop() - s.header().start()).sum();
            try (Progress.Meter m = progress.start("write buckets", buckets, " buckets")) {
                List<Callable<Long>> tasks = new ArrayList<>();
                for (SectionRebuild b : builders) {
                    if (b != null) {
                        tasks.add(() -> b.finish(m));
                    }
                }
                indexed = runAll(pool, tasks, 0, List.of());
            }
        } finally {
            bloomWritten.exceptionally(x -> 0L).join(); // not left half written, whatever happened
        }
        Background.join(bloomWritten);
        if (chosen.size() == index.sections().size()) {
            markIndexed();
        }
        err.printf(Locale.ROOT, "%s done arenaentries=%,d indexed=%,d (nskip=%,d)\n", ToolOutput.stamp(),
                arenaEntries.get(), indexed, skipped.get());
        err.flush();
        return !errors;
    }

    private List<IndexSection> choose() {
        List<String> names = new ArrayList<>(options.sections());
        List<IndexSection> chosen = new ArrayList<>();
        for (IndexSection s : index.sections()) {
            if (names.isEmpty() && options.sections().isEmpty() || names.remove(s.name())) {
                chosen.add(s);
            }
        }
        for (String n : names) {
            if (!n.equals("none")) {
                err.println("warning: did not find index section " + n);
            }
        }
        return chosen;
    }

    private Bloom freshBloom() {
        Bloom bloom = store.bloom().orElse(null);
        if (options.bloom() && bloom == null) {
            throw new StoreException(Severity.ADMIN, "-b specified but no bloom filter");
        }
        return bloom != null && (options.bloom() || options.sections().isEmpty()) ? bloom.blank() : null;
    }

    /**
     * Runs {@code tasks} at once and returns the sum of what they return; the first
     * {@code producers} of them feed {@code queues}, which get their end mark once all
     * producers are done. A failure stops the others.
     */
    private static <T> long runAll(ExecutorService pool, List<Callable<T>> tasks, int producers,
                                   List<BlockingQueue<Batch>> queues) throws IOException {
        ExecutorCompletionService<T> done = new ExecutorCompletionService<>(pool);
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(done.submit(t));
        }
        long sum = 0;
        int producing = producers;
        try {
            if (producers == 0) {
                for (BlockingQueue<Batch> q : queues) {
                    q.put(END);
                }
            }
            for (int i = 0; i < tasks.size(); i++) {
                var f = done.take();
                T v = f.get();
                if (v instanceof Long n) {
                    sum += n;
                }
                if (futures.indexOf(f) < producers && --producing == 0) {
                    for (BlockingQueue<Batch> q : queues) {
                        q.put(END);
                    }
                }
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("buildindex interrupted");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            switch (e.getCause()) {
                case IOException x -> throw x;
                case RuntimeException x -> throw x;
                case Error x -> throw x;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /** A reader: turns the directories of {@code arenas} (indexes into the index's arena list) into entries. */
    private Void read(List<Integer> arenas, SectionRebuild[] builders, List<BlockingQueue<Batch>> queues, BloomMarker bloom,
                      Progress.Meter meter) throws IOException, InterruptedException {
        ByteBuffer[] batches = new ByteBuffer[builders.length];
        int[] counts = new int[builders.length];
        byte[] directory = new byte[DIRECTORY_CHUNK * ClumpInfo.SIZE];
        long[] hashes = new long[DIRECTORY_CHUNK];
        long total = 0;
        long skip = 0;
        for (int i : arenas) {
            Arena a = index.arenas().get(i);
            long clumps = a.trailer().memStats().clumps();
            if (clumps > 0) {
                err.printf("%s arena %s: %d entries\n", ToolOutput.stamp(), a.name(), clumps);
            }
            long start = index.config().arenas().get(i).start();
            long address = start;
            try {
                for (long c = 0; c < clumps; c += DIRECTORY_CHUNK) {
                    int n = (int) Math.min(DIRECTORY_CHUNK, clumps - c);
                    a.readDirectory(c, n, directory);
                    int marked = 0;
                    for (int at = 0; at < n * ClumpInfo.SIZE; at += ClumpInfo.SIZE) {
                        if (ClumpInfo.type(directory, at) == BlockType.CORRUPT) {
                            skip++;
                        } else {
                            total++;
                            int top = Score.top(directory, at + ClumpInfo.SCORE_OFFSET);
                            int x = index.sections().indexOf(index.sectionOf(index.bucketOfHash(top)));
                            if (builders[x] != null) {
                                if (batches[x] == null) {
                                    batches[x] = ByteBuffer.allocate(BATCH * IndexEntry.SIZE);
                                }
                                IndexEntry.pack(directory, at, address, batches[x].array(), counts[x]++ * IndexEntry.SIZE);
                                if (counts[x] == BATCH) {
                                    queues.get(x).put(new Batch(batches[x], BATCH));
                                    batches[x] = null;
                                    counts[x] = 0;
                                }
                            }
                            hashes[marked++] = Bloom.hashes(directory, at + ClumpInfo.SCORE_OFFSET);
                        }
                        address += ClumpHeader.SIZE + ClumpInfo.size(directory, at);
                    }
                    if (bloom != null) {
                        bloom.mark(hashes, marked);
                    }
                    meter.step(n);
                }
            } catch (CorruptException e) {
                err.printf("%s arena %s: directory read: %s\n", ToolOutput.stamp(), a.name(), e.getMessage());
                errors = true;
                continue;
            }
            if (address != start + a.trailer().memStats().used()) {
                err.printf("%s arena %s: clump miscalculation %d != %d\n", ToolOutput.stamp(), a.name(), address,
                        start + a.trailer().memStats().used());
            }
        }
        for (int x = 0; x < builders.length; x++) {
            if (counts[x] > 0) {
                queues.get(x).put(new Batch(batches[x], counts[x]));
            }
        }
        arenaEntries.addAndGet(total);
        skipped.addAndGet(skip);
        return null;
    }

    /** A builder's first pass: takes batches until the end mark. */
    private static Void spray(SectionRebuild b, BlockingQueue<Batch> q) throws IOException, InterruptedException {
        for (Batch batch; (batch = q.take()) != END; ) {
            for (int i = 0; i < batch.count(); i++) {
                b.add(batch.data(), i * IndexEntry.SIZE);
            }
        }
        return null;
    }

    /** Every arena's index now covers all its clumps. */
    private void markIndexed() throws IOException {
        List<Part> touched = new ArrayList<>();
        for (Arena a : index.arenas()) {
            ArenaTrailer t = a.trailer();
            if (!t.diskStats().equals(t.memStats())) {
                ArenaRepair.markIndexed(a);
                if (!touched.contains(a.part())) {
                    touched.add(a.part());
                }
            }
        }
        for (Part p : touched) {
            p.force();
        }
    }
}
