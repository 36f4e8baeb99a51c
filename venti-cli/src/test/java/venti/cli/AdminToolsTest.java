package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.server.MemoryStore;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.FilePart;
import venti.store.GoldenBlocks;
import venti.store.GoldenStore;
import venti.store.Part;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.TestStores;
import venti.store.disk.ArenaTrailer;

/**
 * The administration tools on copies of the store the C venti made: rebuilding the index,
 * finding and repairing damage, copying and mirroring arenas.
 */
class AdminToolsTest {

    private static final int BS = GoldenStore.BLOCK_SIZE;

    @TempDir
    Path dir;

    private String arenas() {
        return dir.resolve("arenas.part").toString();
    }

    private static long arenaStart(int arena) {
        return GoldenStore.ARENA_BASE + arena * GoldenStore.ARENA_SIZE;
    }

    private static long trailerAt(int arena) {
        return arenaStart(arena) + GoldenStore.ARENA_SIZE - BS;
    }

    /** Partition offset of the header of the clump holding manifest block {@code i}. */
    private static long clumpAt(GoldenBlocks.Row r) {
        return arenaStart(GoldenStore.ARENAS.indexOf(r.arena())) + BS + r.clumpOffset();
    }

    private void flip(long offset) throws IOException {
        try (Part p = FilePart.open(arenas(), false)) {
            ByteBuffer b = p.read(offset, 1);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            p.write(offset, b);
        }
    }

    private Path golden() {
        GoldenStore.unpack(dir);
        return GoldenStore.absoluteConf(dir);
    }

    /** Every manifest block but those listed reads back from the store. */
    private static void undamagedBlocksRead(Path conf, Path dir, List<Integer> except) throws IOException {
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)) {
            for (int i = 1; i < 2000; i++) {
                if (!except.contains(i)) {
                    assertThat(s.read(GoldenBlocks.manifest().get(i).score(), GoldenBlocks.type(i))).isEqualTo(GoldenBlocks.block(i));
                }
            }
        }
    }

    @Test
    void buildindexRebuildsAZeroedIndexThatCheckindexCallsCorrect() throws IOException {
        Path conf = golden();
        try (Part p = FilePart.open(dir.resolve("isect0.part").toString(), false)) {
            p.write(GoldenStore.ARENA_BASE, ByteBuffer.allocate(159 * BS));
        }
        Cli bad = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(bad.status()).isEqualTo(1);
        Cli b = Cli.run("buildindex", "-b", "-M", "16m", conf.toString());
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(b.err()).contains("1,999 clumps, 159 buckets", "isect0.part: reordering",
                "done arenaentries=1,999 indexed=1,999 (nskip=0)");
        Cli good = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.err()).contains("bloom filter: correct").endsWith("checkindex: index is correct\n");
        Cli noTmp = Cli.run("checkindex", conf.toString());
        assertThat(noTmp.status()).as("tmp is optional: " + noTmp.err()).isZero();
        assertThat(noTmp.err()).endsWith("checkindex: index is correct\n");
        Cli dumb = Cli.run("buildindex", "-d", "-M", "512k", conf.toString());
        assertThat(dumb.status()).as(dumb.err()).isZero();
        assertThat(Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString()).status()).isZero();
        undamagedBlocksRead(conf, dir, List.of());
    }

    @Test
    void clumpstatsPrintsWhatTheCToolPrinted() {
        Path conf = golden();
        Cli r = Cli.run("clumpstats", conf.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err() + r.out()).isEqualTo(GoldenStore.toolOutput("clumpstats.txt"));
    }

    @Test
    void findscoreFindsABlockWithoutTheIndex() {
        golden();
        GoldenBlocks.Row row = GoldenBlocks.manifest().get(700);
        Cli r = Cli.run("findscore", arenas(), row.score().toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("found 1 occurrences of " + row.score() + "\n");
        int clump = (int) GoldenBlocks.manifest().stream().filter(x -> row.arena().equals(x.arena()) && x.i() < 700).count();
        assertThat(r.err()).contains(String.format("found at clump=%d with type=%d size=%d csize=%d position=%d", clump,
                row.readbackType().value(), row.size(), row.storedSize(), row.clumpOffset()));
    }

    @Test
    void aDamagedClumpIsNamedAndRepaired() throws IOException {
        Path conf = golden();
        GoldenBlocks.Row row = GoldenBlocks.manifest().stream()
                .filter(r -> "arenas0.1".equals(r.arena()) && r.encoding() == 2 && r.storedSize() > 100).findFirst().orElseThrow();
        long at = clumpAt(row);
        flip(at + 38 + row.storedSize() / 2);
        Cli check = Cli.run("checkarenas", "-a", arenas());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains("arenas0.1: clump=").contains("" + arenas() + " at offset " + at);
        Cli verify = Cli.run("verifyarena", arenas(), "arenas0.1");
        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.err()).contains("arenas0.1: mismatch checksum").contains("" + arenas() + " at offset " + at);
        Cli look = Cli.run("fixarenas", arenas());
        assertThat(look.out()).contains(String.format("corrupt clump data - %#x", at));
        Cli fix = Cli.run("fixarenas", "-f", arenas());
        assertThat(fix.status()).as(fix.out()).isZero();
        assertThat(fix.out()).contains("resealing arena after changes");
        Cli again = Cli.run("checkarenas", "-a", arenas());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(Cli.run("verifyarena", arenas(), "arenas0.1").status()).isZero();
        assertThat(Cli.run("fixarenas", arenas()).out()).doesNotContain("incorrect", "corrupt", "bad");
        undamagedBlocksRead(conf, dir, List.of(row.i()));
        assertThat(Cli.run("buildindex", conf.toString()).status()).isZero();
        Cli index = Cli.run("checkindex", conf.toString(), dir.resolve("tmp").toString());
        assertThat(index.status()).as(index.err()).isZero();
    }

    @Test
    void aDamagedDirectoryEntryIsNamedAndRepaired() throws IOException {
        Path conf = golden();
        long entry = trailerAt(2) - BS + 10 * 25 + 7;
        flip(entry);
        Cli check = Cli.run("checkarenas", "-a", arenas());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains("arenas0.2: bad clump info for clump=10",
                "directory entry at " + arenas() + " at offset " + (entry - 7));
        Cli verify = Cli.run("verifyarena", arenas());
        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.err()).contains("arenas0.2: mismatch checksum", "directory entry at " + arenas() + " at offset " + (entry - 7));
        Cli fix = Cli.run("fixarenas", "-f", arenas());
        assertThat(fix.out()).contains("arena arenas0.2 directory has 1 bad or missing entries")
                .doesNotContain("resealing");
        assertThat(Cli.run("checkarenas", "-a", arenas()).status()).isZero();
        assertThat(Cli.run("verifyarena", arenas()).status()).isZero();
        undamagedBlocksRead(conf, dir, List.of());
    }

    @Test
    void aDamagedTrailerIsNamedAndRepaired() throws IOException {
        Path conf = golden();
        flip(trailerAt(1) + 72 + 3);
        Cli check = Cli.run("checkarenas", "-a", arenas());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains("arenas0.1: incorrect arena header fields",
                "the trailer at " + arenas() + " at offset " + trailerAt(1));
        Cli verify = Cli.run("verifyarena", arenas());
        assertThat(verify.err()).contains("arenas0.1: mismatch checksum", "offset " + trailerAt(1));
        Cli fix = Cli.run("fixarenas", "-f", arenas());
        assertThat(fix.out()).contains("on-disk arena tail incorrect", "\tclumps: correct=621 disk=");
        assertThat(Cli.run("verifyarena", arenas()).status()).isZero();
        assertThat(Cli.run("checkarenas", "-a", arenas()).status()).isZero();
        undamagedBlocksRead(conf, dir, List.of());

        flip(trailerAt(3));
        Cli broken = Cli.run("checkarenas", arenas());
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.err()).contains("" + arenas() + " at offset " + trailerAt(3), "wrong magic number");
        assertThatThrownBy(() -> Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_ONLY)).hasMessageContaining("magic");
        assertThat(Cli.run("fixarenas", "-f", arenas()).out()).contains("on-disk arena tail incorrect", "\tmagic: correct=0xf2a14ead");
        assertThat(Cli.run("checkarenas", "-a", arenas()).status()).isZero();
        undamagedBlocksRead(conf, dir, List.of());
    }

    @Test
    void damageInASealedArenasFreeSpaceShowsInTheScore() throws IOException {
        Path conf = golden();
        long used;
        try (Part p = FilePart.open(arenas(), true)) {
            used = p.read(trailerAt(0) + 92, 8).getLong(0);
        }
        long at = arenaStart(0) + BS + used + 16;
        flip(at);
        Cli check = Cli.run("checkarenas", "-a", arenas());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains("arenas0.0: sealed arena score mismatch", "arena at " + arenas() + " at offset " + arenaStart(0));
        Cli verify = Cli.run("verifyarena", arenas(), "arenas0.0");
        assertThat(verify.err()).contains("arenas0.0: mismatch checksum", "the damage is in the head, the free space or the trailer");
        Cli fix = Cli.run("fixarenas", "-f", arenas());
        assertThat(fix.out()).contains("garbage after the last clump at " + String.format("%#x", arenaStart(0) + BS + used));
        assertThat(Cli.run("verifyarena", arenas()).status()).isZero();
        assertThat(Cli.run("checkarenas", "-a", arenas()).status()).isZero();
        undamagedBlocksRead(conf, dir, List.of());
    }

    @Test
    void rdarenaThenWrarenaMakesEveryBlockOfTheArenaReadable() throws IOException {
        golden();
        Cli rd = Cli.run("rdarena", arenas(), "arenas0.1");
        assertThat(rd.status()).as(rd.err()).isZero();
        assertThat(rd.err()).startsWith("copying arenas0.1 to standard output\narena='arenas0.1'");
        assertThat(rd.stdout()).hasSize((int) GoldenStore.ARENA_SIZE);
        Path file = dir.resolve("arena1");
        Files.write(file, rd.stdout());
        assertThat(Cli.runWithInput(rd.stdout(), "verifyarena", "-v").err()).contains("<stdin>: verified score");
        MemoryStore store = new MemoryStore();
        try (VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT)) {
            Cli wr = Cli.run("wrarena", "-h", "tcp!127.0.0.1!" + server.address().getPort(), file.toString());
            assertThat(wr.status()).as(wr.err()).isZero();
            assertThat(wr.out()).contains("starting to send data", "sent all data");
        }
        int n = 0;
        for (GoldenBlocks.Row r : GoldenBlocks.manifest()) {
            if ("arenas0.1".equals(r.arena())) {
                assertThat(store.read(r.score(), GoldenBlocks.type(r.i()), 1 << 16)).isEqualTo(GoldenBlocks.block(r.i()));
                n++;
            }
        }
        assertThat(n).isEqualTo(621);
        assertThat(store.size()).isEqualTo(621);
    }

    @Test
    void fixarenasUnsealsARoomyArenaOnlyWhenAsked() throws IOException {
        golden();
        long sealedByte = trailerAt(4) + 108;
        flip(sealedByte);
        Cli keep = Cli.run("fixarenas", arenas(), "4");
        assertThat(keep.out()).doesNotContain("unsealing arena");
        Cli unseal = Cli.run("fixarenas", "-f", "-U", arenas(), "4");
        assertThat(unseal.out()).contains("# arena 4:", "unsealing arena", "on-disk arena tail incorrect");
        try (Part p = FilePart.open(arenas(), true)) {
            assertThat(p.read(sealedByte, 1).get(0)).isZero();
        }
        assertThat(Cli.run("checkarenas", "-a", arenas()).status()).isZero();
    }

    @Test
    void fixarenasNamesArenasFromTheBaseNameGiven() throws IOException {
        golden();
        Cli renamed = Cli.run("fixarenas", "-n", "vault", arenas(), "2");
        assertThat(renamed.out()).contains("on-disk arena header incorrect", "name: correct=vault2 disk=arenas0.2");
        assertThat(Cli.run("fixarenas", arenas(), "2").out()).doesNotContain("incorrect");
    }

    @Test
    void fixarenasDumpsEachArenaToAFileInsteadOfChecking() throws IOException {
        golden();
        byte[] before = Files.readAllBytes(dir.resolve("arenas.part"));
        Cli dump = Cli.run("fixarenas", "-x", dir.resolve("saved").toString(), arenas(), "1-2");
        assertThat(dump.status()).as(dump.out()).isZero();
        assertThat(dir.resolve("saved.1")).hasBinaryContent(Cli.run("rdarena", "-q", arenas(), "arenas0.1").stdout());
        assertThat(dir.resolve("saved.2")).hasBinaryContent(Cli.run("rdarena", "-q", arenas(), "arenas0.2").stdout());
        assertThat(dir.resolve("saved.0")).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("arenas.part"))).isEqualTo(before);
    }

    @Test
    void wrarenaSendsAtMostMaxwritesClumpsAndSaysWhereItStopped() throws IOException {
        golden();
        Path file = dir.resolve("arena1");
        Files.write(file, Cli.run("rdarena", "-q", arenas(), "arenas0.1").stdout());
        List<GoldenBlocks.Row> rows = GoldenBlocks.manifest().stream().filter(r -> "arenas0.1".equals(r.arena()))
                .sorted(java.util.Comparator.comparingLong(GoldenBlocks.Row::clumpOffset)).toList();
        MemoryStore store = new MemoryStore();
        try (VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT)) {
            Cli wr = Cli.run("wrarena", "-f", "-M", "5", "-o", "0", "-h", "tcp!127.0.0.1!" + server.address().getPort(),
                    file.toString());
            assertThat(wr.status()).as(wr.err()).isZero();
            assertThat(wr.out()).contains(String.format("end offset %#x\n", rows.get(5).clumpOffset()));
        }
        assertThat(store.size()).isEqualTo(5);
        for (GoldenBlocks.Row r : rows.subList(0, 5)) {
            assertThat(store.read(r.score(), GoldenBlocks.type(r.i()), 1 << 16)).isEqualTo(GoldenBlocks.block(r.i()));
        }
    }

    @Test
    void verifyarenaTwiceVerbosePrintsEachArenaAsPrintarenaDoes() throws IOException {
        golden();
        byte[] arena = Cli.run("rdarena", "-q", arenas(), "arenas0.0").stdout();
        Cli v = Cli.runWithInput(arena, "verifyarena", "-v", "-v");
        assertThat(v.status()).as(v.err()).isZero();
        assertThat(v.err()).contains("<stdin>: verified score\narena='arenas0.0' [0," + GoldenStore.ARENA_SIZE
                + ")\n\tversion=5 created=").contains(" sealed\n\tscore=");
        assertThat(Cli.runWithInput(arena, "verifyarena", "-v").err()).doesNotContain("arena='");
    }

    @Test
    void mirrorarenasBringsAnEarlierCopyUpToDate() throws IOException {
        Path conf = golden();
        Path copy = dir.resolve("mirror.part");
        Files.copy(dir.resolve("arenas.part"), copy);
        try (Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < 1500; i++) {
                byte[] b = TestStores.block(5000 + i, 500 + i % 700);
                s.write(BlockType.DATA, b, 0, b.length);
            }
            s.flush();
            s.awaitArenaScores();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Cli cmp = Cli.run("cmparenas", arenas(), copy.toString());
        assertThat(cmp.status()).isEqualTo(1);
        assertThat(cmp.out()).contains("mismatch at ");
        Cli m = Cli.run("mirrorarenas", arenas(), copy.toString());
        assertThat(m.status()).as(m.out()).isZero();
        assertThat(m.out()).contains("arenas0.0-arenas0.3 mirrored sealed", "used mirrored");
        try (Part a = FilePart.open(arenas(), true); Part b = FilePart.open(copy.toString(), true);
             Store s = Store.open(VentiConfig.read(conf), dir, Store.Mode.INSPECT)) {
            for (var arena : s.arenaPartitions().getFirst().arenas()) {
                ArenaTrailer t = arena.trailer();
                long start = arena.start();
                if (t.memStats().sealed()) {
                    assertThat(b.read(start, (int) arena.size())).as(arena.name()).isEqualTo(a.read(start, (int) arena.size()));
                } else {
                    int used = (int) (BS + t.memStats().used());
                    assertThat(b.read(start, used)).as(arena.name()).isEqualTo(a.read(start, used));
                    long dirBytes = arena.directorySize(t.memStats().clumps());
                    long dirAt = arena.directoryBlockOffset(dirBytes / BS - 1);
                    assertThat(b.read(dirAt, (int) dirBytes)).isEqualTo(a.read(dirAt, (int) dirBytes));
                }
            }
        }
        Cli again = Cli.run("mirrorarenas", "-v", "-v", arenas(), copy.toString());
        assertThat(again.status()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("copy ", "mismatch");
        assertThat(Cli.run("verifyarena", copy.toString()).status()).isZero();
    }

    @Test
    void cmparenasFindsNoDifferenceInACopyAndShowsAFlippedByte() throws IOException {
        golden();
        Path copy = dir.resolve("copy.part");
        Files.copy(dir.resolve("arenas.part"), copy);
        Cli same = Cli.run("cmparenas", arenas(), copy.toString(), "arenas0.0", "arenas0.9");
        assertThat(same.status()).isEqualTo(1);
        assertThat(same.out()).isEmpty();
        assertThat(same.err()).contains("cmp arenas0.0", "arenas0.9: did not find arena");
        long at = arenaStart(0) + BS + 40;
        flip(at);
        Cli diff = Cli.run("cmparenas", arenas(), copy.toString(), "arenas0.0");
        assertThat(diff.status()).isEqualTo(1);
        assertThat(diff.out()).startsWith("mismatch at 0\n" + Long.toHexString(BS + 32) + " ");
    }
}
