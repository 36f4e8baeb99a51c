package venti.vac;

import venti.core.MapStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import venti.core.BlockType;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;

/** Archives that are not what vac writes: each gives a VacException naming the path and the block. */
class HostileArchiveTest {

    private final MapStore store = new MapStore();
    private final VacWriter writer = new VacWriter(store, 8192);

    @Test
    void aScoreThatIsNoRootBlock() throws IOException {
        Score data = store.write(BlockType.DATA, new byte[] {1, 2, 3}, 0, 3);
        assertThatThrownBy(() -> VacArchive.open(store, data)).isInstanceOf(VacException.class)
                .hasMessageStartingWith("vac:" + data + ": no root block: no block with score " + data);
    }

    @Test
    void aRootOfAnotherKind() throws IOException {
        byte[] r = new Root("data", "file", Score.EMPTY, 8192, Score.ZERO).pack();
        Score s = store.write(BlockType.ROOT, r, 0, r.length);
        assertThatThrownBy(() -> VacArchive.open(store, s)).isInstanceOf(VacException.class)
                .hasMessage("vac:" + s + ": root type is 'file', not a vac root");
    }

    @Test
    void aRootWhoseDirectoryBlockIsData() throws IOException {
        Score dir = store.write(BlockType.DATA, new byte[120], 0, 120);
        byte[] r = new Root("", "vac", dir, 8192, Score.ZERO).pack();
        Score s = store.write(BlockType.ROOT, r, 0, r.length);
        assertThatThrownBy(() -> VacArchive.open(store, s)).isInstanceOf(VacException.class)
                .hasMessageContaining("vac:" + s + ": reading the root's directory block " + dir);
    }

    @Test
    void aMetaBlockWithABadMagic() throws IOException {
        byte[] meta = new MetaBlock.Packer(8192).pack();
        meta[0] = 0x12;
        VacArchive a = archiveWithTopMeta(meta, List.of());
        assertThatThrownBy(() -> a.list(a.top())).isInstanceOf(VacException.class)
                .hasMessage("vac:" + a.score() + ": /: meta block 0 (" + score(meta) + "): bad meta block magic 0x1256fc79:"
                        + " want 0x5656fc79");
    }

    @Test
    void aTruncatedMetaBlock() throws IOException {
        MetaBlock.Packer p = new MetaBlock.Packer(8192);
        p.add(VacDir.of("a", 0644));
        byte[] meta = p.pack();
        ByteBuffer.wrap(meta).putShort(4, (short) 340);
        VacArchive a = archiveWithTopMeta(meta, List.of(fileEntry(new byte[10])));
        assertThatThrownBy(() -> a.list(a.top())).isInstanceOf(VacException.class)
                .hasMessageContaining("meta block 0 (" + score(meta) + "): meta block entry 0")
                .hasMessageContaining("truncated meta block");
    }

    @Test
    void aMetaBlockClaimingMoreThanTheBlock() throws IOException {
        byte[] meta = new MetaBlock.Packer(8192).pack();
        ByteBuffer.wrap(meta).putShort(4, (short) 9000);
        VacArchive a = archiveWithTopMeta(meta, List.of());
        assertThatThrownBy(() -> a.list(a.top())).isInstanceOf(VacException.class)
                .hasMessageContaining("meta block claims 9000 bytes in use: the block has 8192");
    }

    @Test
    void aMetaBlockUsingMoreIndexSlotsThanItHas() throws IOException {
        byte[] meta = new MetaBlock.Packer(8192).pack();
        ByteBuffer.wrap(meta).putShort(10, (short) 5000);
        VacArchive a = archiveWithTopMeta(meta, List.of());
        assertThatThrownBy(() -> a.list(a.top())).hasMessageContaining("meta block uses 5000 index slots of 81");
    }

    @Test
    void anOversizedDataBlock() throws IOException {
        Score big = store.write(BlockType.DATA, new byte[9000], 0, 9000);
        Entry e = new Entry(0, 8180, 8192, BlockType.DATA, Entry.ACTIVE, 8192, big);
        VacArchive a = archive(List.of(file("big", e)));
        VacNode n = a.list(a.top()).getFirst();
        assertThatThrownBy(() -> a.open(n).block(0)).isInstanceOf(VacException.class)
                .hasMessageStartingWith("vac:" + a.score() + ": big: reading block " + big + " (type 0, at most 8192 bytes)");
    }

    @Test
    void anAbsurdSize() throws IOException {
        Entry e = new Entry(0, 8180, 8192, BlockType.DATA, Entry.ACTIVE, 1L << 40, Score.EMPTY);
        VacArchive a = archive(List.of(file("huge", e)));
        VacNode n = a.list(a.top()).getFirst();
        assertThatThrownBy(() -> a.open(n)).isInstanceOf(VacException.class)
                .hasMessage("vac:" + a.score() + ": huge: size 1099511627776 needs a tree of depth 4 but the entry's is 0"
                        + " (entry score " + Score.EMPTY + ")");
    }

    @Test
    void namesThatWouldLeaveTheDirectory() throws IOException {
        for (String bad : List.of("..", ".", "", "a/b", "/etc")) {
            VacArchive a = archive(List.of(file(bad, fileEntry(new byte[] {1}))));
            assertThatThrownBy(() -> a.list(a.top())).as(bad).isInstanceOf(VacException.class)
                    .hasMessageContaining("names a child '" + bad + "': not a file name");
        }
    }

    @Test
    void aDirectoryWhoseStreamIsAFile() throws IOException {
        Entry data = fileEntry(new byte[] {1});
        VacNode fake = new VacNode("d", dirOf("d"), data, fileEntry(new byte[0]));
        VacArchive a = archive(List.of(fake));
        assertThatThrownBy(() -> a.list(a.top())).isInstanceOf(VacException.class)
                .hasMessage("vac:" + a.score() + ": d: entry " + data.score()
                        + " is a data stream where a directory stream belongs");
    }

    @Test
    void anEntryNumberPastTheStream() throws IOException {
        MetaBlock.Packer p = new MetaBlock.Packer(8192);
        p.add(VacDir.of("far", 0644).withEntry(99));
        VacArchive a = archiveWithTopMeta(p.pack(), List.of(fileEntry(new byte[] {1})));
        assertThatThrownBy(() -> a.list(a.top())).hasMessageStartingWith("vac:" + a.score() + ": far: entry 99 is past the end");
    }

    @Test
    void aDirectoryEntryOfTheWrongGeneration() throws IOException {
        MetaBlock.Packer p = new MetaBlock.Packer(8192);
        p.add(VacDir.of("old", 0644));
        Entry e = fileEntry(new byte[] {1});
        Entry removed = new Entry(5, e.psize(), e.dsize(), e.type(), e.flags(), e.size(), e.score());
        VacArchive a = archiveWithTopMeta(p.pack(), List.of(removed));
        assertThatThrownBy(() -> a.list(a.top()))
                .hasMessage("vac:" + a.score() + ": old: entry 0 of / has generation 5,"
                        + " the directory entry 0: removed file");
    }

    @Test
    void aWellFormedArchiveReadsBack() throws IOException {
        byte[] data = new byte[20000];
        data[19999] = 9;
        VacArchive a = archive(List.of(file("x", fileEntry(data))));
        VacNode n = a.walk("x");
        assertThat(n.size()).isEqualTo(20000);
        assertThat(a.open(n).block(2)).hasSize(20000 - 16384).endsWith(9);
        assertThat(a.walk("nothing")).isNull();
    }

    private Entry fileEntry(byte[] data) throws IOException {
        HashFileWriter w = writer.file();
        w.writeFrom(new java.io.ByteArrayInputStream(data), n -> { });
        return w.finish();
    }

    private static VacNode file(String name, Entry e) {
        return new VacNode(name, VacDir.of(name, 0644), e, null);
    }

    private static VacDir dirOf(String name) {
        return VacDir.of(name, VacDir.MODE_DIR | 0755);
    }

    private VacArchive archive(List<VacNode> top) throws IOException {
        VacWriter.Streams s = writer.directory(top);
        return VacArchive.open(store, writer.root(dirOf("/"), s, "", Score.ZERO));
    }

    /** An archive whose top directory has these entries and one meta block of these bytes. */
    private VacArchive archiveWithTopMeta(byte[] meta, List<Entry> entries) throws IOException {
        HashFileWriter es = new HashFileWriter(store, true, 8180, 8192);
        byte[] block = new byte[8192];
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).pack(block, i);
        }
        if (!entries.isEmpty()) {
            es.writeBlock(block, entries.size() * Entry.SIZE);
        }
        HashFileWriter ms = new HashFileWriter(store, false, 8180, 8192);
        ms.writeBlock(meta, 8192);
        VacWriter.Streams s = new VacWriter.Streams(es.finish(), ms.finish());
        return VacArchive.open(store, writer.root(dirOf("/"), s, "", Score.ZERO));
    }

    private static Score score(byte[] block) {
        int n = venti.core.ZeroTruncation.truncate(BlockType.DATA, block, 0, block.length);
        return venti.core.Sha1.hash(block, 0, n);
    }
}
