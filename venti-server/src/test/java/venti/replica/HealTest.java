package venti.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.core.Sha1;
import venti.store.admin.CheckArenas;
import venti.store.disk.ClumpHeader;
import venti.store.disk.CorruptException;
import venti.store.FilePart;
import venti.store.Index;
import venti.store.Part;
import venti.store.Store;
import venti.store.StoreCounter;
import venti.store.admin.TestStores;
import venti.store.VentiConfig;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/**
 * A byte flipped in a clump of the primary: the read is healed from the mirror (or a heal
 * source), with repair a fresh copy makes the block read locally again, and with no mirror
 * the read fails as it always did.
 */
class HealTest {

    /** An odd seed: random bytes, which whack declines, so the clump holds the block as it is. */
    static final int DAMAGED = 41;

    @TempDir
    Path dir;

    @Test
    void aDamagedClumpReadsFromTheMirrorAndRepairMakesItReadLocally() throws Exception {
        Path conf = TestStores.format(dir.resolve("primary"), TestStores.SMALL);
        String before;
        try (Store replica = TestStores.open(TestStores.format(dir.resolve("replica"), TestStores.SMALL),
                Store.Mode.READ_WRITE);
             VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), replica, ServerOptions.DEFAULT)) {
            String mirror = server.dialAddress().toString();
            try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE);
                 Replication r = Replication.start(primary, List.of(new VentiConfig.MirrorLine(mirror, false)),
                         List.of(), false, dir, MirrorTest.FAST)) {
                MirrorTest.write(primary, 0, 100);
                primary.sync();
                MirrorTest.awaitCaughtUp(r.mirrors().getFirst());
            }
            long damagedAt = flipByteOf(conf, DAMAGED);
            before = checkArenas(conf);
            assertThat(before).contains("clump log ends at clump " + DAMAGED + ", arena offset " + damagedAt + " ");
            try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE);
                 Replication r = Replication.start(primary, List.of(new VentiConfig.MirrorLine(mirror, false)),
                         List.of(), true, dir, MirrorTest.FAST)) {
                assertThat(read(primary, DAMAGED)).isEqualTo(MirrorTest.block(DAMAGED));
                assertThat(primary.stats().get(StoreCounter.BLOCKS_HEALED)).isEqualTo(1);
                assertThat(primary.stats().get(StoreCounter.BLOCKS_REPAIRED)).isEqualTo(1);
            }
        }
        try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            for (int i = 0; i < 100; i++) {
                assertThat(read(primary, i)).as("block %d with no mirror", i).isEqualTo(MirrorTest.block(i));
            }
            assertThat(primary.stats().get(StoreCounter.BLOCKS_HEALED)).isZero();
        }
        assertThat(withoutTrailer(checkArenas(conf))).as("checkarenas -a after the repair")
                .isEqualTo(withoutTrailer(before));
    }

    /** What checkarenas -a prints; it stops at the damaged clump, so the fresh copy after it does not show. */
    private static String checkArenas(Path conf) throws IOException {
        StringWriter out = new StringWriter();
        try (Part p = FilePart.open("arenas.part", conf.getParent(), true)) {
            assertThat(CheckArenas.run(p, true, false, 0, List.of(), new PrintWriter(out, true))).isFalse();
        }
        return out.toString();
    }

    /** Checkarenas output less what the trailer says, which the fresh copy changed. */
    private static String withoutTrailer(String s) {
        return s.replaceAll("; the trailer at .* says \\d+ clumps, \\d+ bytes", "").replaceAll("modified=\\d+", "");
    }

    @Test
    void aHealSourceThatIsNotAMirrorHealsToo() throws Exception {
        Path conf = TestStores.format(dir.resolve("primary"), TestStores.SMALL);
        try (Store source = TestStores.open(TestStores.format(dir.resolve("source"), TestStores.SMALL),
                Store.Mode.READ_WRITE);
             VentiServer server = VentiServer.start(new DialAddress("127.0.0.1", 0), source, ServerOptions.DEFAULT)) {
            MirrorTest.write(source, 0, 100);
            try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE)) {
                MirrorTest.write(primary, 0, 100);
            }
            flipByteOf(conf, DAMAGED);
            try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE);
                 Replication ignored = Replication.start(primary, List.of(), List.of(server.dialAddress().toString()),
                         false, dir, MirrorTest.FAST)) {
                assertThat(read(primary, DAMAGED)).isEqualTo(MirrorTest.block(DAMAGED));
                assertThat(primary.stats().get(StoreCounter.BLOCKS_REPAIRED)).isZero();
            }
        }
    }

    @Test
    void withNoMirrorADamagedClumpFailsTheReadAsBefore() throws Exception {
        Path conf = TestStores.format(dir.resolve("primary"), TestStores.SMALL);
        try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            MirrorTest.write(primary, 0, 100);
        }
        flipByteOf(conf, DAMAGED);
        try (Store primary = TestStores.open(conf, Store.Mode.READ_WRITE)) {
            assertThatThrownBy(() -> read(primary, DAMAGED)).isInstanceOf(CorruptException.class)
                    .hasMessageContaining("arena arenas0.0 offset").hasMessageContaining("clump data does not match its score");
        }
    }

    private static byte[] read(Store s, int i) throws IOException {
        return s.read(Sha1.hash(MirrorTest.block(i)), TestStores.type(i));
    }

    /** Flips a byte in the middle of block {@code i}'s clump payload; returns the clump's arena address. */
    static long flipByteOf(Path conf, int i) throws IOException {
        long at;
        long clump;
        try (Store s = TestStores.open(conf, Store.Mode.INSPECT)) {
            Score score = Sha1.hash(MirrorTest.block(i));
            BlockType type = TestStores.type(i);
            Index.Place place = s.index().locate(s.lookup(score, type).orElseThrow().address());
            assertThat(place.arena().readClump(place.offset(), 0).header().encoding().name()).isEqualTo("NONE");
            clump = place.offset();
            at = place.arena().dataBase() + place.offset() + ClumpHeader.SIZE + MirrorTest.block(i).length / 2;
        }
        try (FileChannel c = FileChannel.open(conf.resolveSibling("arenas.part"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x20)).clear();
            c.write(b, at);
        }
        return clump;
    }
}
