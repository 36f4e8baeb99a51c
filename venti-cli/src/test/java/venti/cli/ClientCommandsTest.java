package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Entry;
import venti.core.Root;
import venti.core.Score;
import venti.core.Sha1;
import venti.server.MemoryStore;
import venti.server.ServerOptions;
import venti.server.VentiServer;

/** The client commands run in-process against servers on loopback. */
class ClientCommandsTest {

    private static final byte[] HELLO = "hello venti\n".getBytes();
    private static final Score HELLO_SCORE = Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");

    private final MemoryStore store = new MemoryStore();
    private final MemoryStore other = new MemoryStore();
    private VentiServer server;
    private VentiServer otherServer;
    private String host;
    private String otherHost;

    @BeforeEach
    void start() throws IOException {
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
        otherServer = VentiServer.start(new DialAddress("127.0.0.1", 0), other, ServerOptions.DEFAULT);
        host = server.dialAddress().toString();
        otherHost = otherServer.dialAddress().toString();
    }

    @AfterEach
    void stop() {
        server.close();
        otherServer.close();
    }

    @Test
    void writeReadAndSync() {
        Cli w = Cli.runWithInput(HELLO, "write", "-h", host);
        assertThat(w.status()).as(w.err()).isZero();
        assertThat(w.out()).isEqualTo(HELLO_SCORE + "\n");

        Cli r = Cli.run("read", "-h", host, "-t", "0", HELLO_SCORE.toString());
        assertThat(r.stdout()).isEqualTo(HELLO);
        assertThat(r.err()).isEmpty();

        Cli any = Cli.run("read", "-h", host, "vac:" + HELLO_SCORE);
        assertThat(any.stdout()).isEqualTo(HELLO);
        assertThat(any.err()).isEqualTo("venti read -h " + host + " -t 0 " + HELLO_SCORE + "\n");

        assertThat(Cli.run("sync", "-h", host).status()).isZero();
        assertThat(Cli.run("sync", "-x", "-h", host).status()).isZero();
    }

    @Test
    void writeZeroTruncatesAndRefusesOversizeInput() {
        byte[] padded = ByteBuffer.allocate(100).put(HELLO).array();
        assertThat(Cli.runWithInput(padded, "write", "-z", "-h", host).out()).isEqualTo(HELLO_SCORE + "\n");
        assertThat(Cli.runWithInput(padded, "write", "-h", host, "-t", "8").out())
                .isEqualTo(Sha1.hash(padded) + "\n");
        assertThat(store.read(Sha1.hash(padded), BlockType.DIR, 100)).isEqualTo(padded);

        Cli big = Cli.runWithInput(new byte[57345], "write", "-h", host);
        assertThat(big.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(big.err()).isEqualTo("venti write: input too big: max block size is 57344\n");
    }

    @Test
    void readFailuresSayWhat() {
        Score missing = Sha1.hash("nothing".getBytes());
        Cli r = Cli.run("read", "-h", host, "-t", "0", missing.toString());
        assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(r.err()).isEqualTo("venti read: no block with score " + missing + "/0 exists\n");
        for (String type : new String[] {"1", "2", "7", "9", "16"}) {
            assertThat(Cli.run("read", "-h", host, "-t", type, missing.toString()).err()).as("the type asked for")
                    .isEqualTo("venti read: no block with score " + missing + "/" + type + " exists\n");
        }
        assertThat(Cli.run("read", "-h", host, missing.toString()).err())
                .isEqualTo("venti read: could not find block " + missing + " of any type\n");
        Cli badType = Cli.run("read", "-h", host, "-t", "17", missing.toString());
        assertThat(badType.status()).isEqualTo(Failure.EXIT_USAGE);
        assertThat(badType.err()).contains("bad type 17");
    }

    @Test
    void noServerNamedAndNoVentiVariable() {
        Cli r = Cli.run("sync");
        if (System.getenv("venti") == null) {
            assertThat(r.status()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(r.err()).contains("no venti server given").contains("$venti");
        }
    }

    @Test
    void mkrootThenRoot() {
        Score dir = Sha1.hash("dir".getBytes());
        Cli mk = Cli.run("mkroot", "-h", host, "my archive", "vac", dir.toString(), "8192", Score.ZERO.toString());
        assertThat(mk.status()).as(mk.err()).isZero();
        Score root = Score.parse(mk.out().strip());
        assertThat(Root.unpack(store.read(root, BlockType.ROOT, 300)))
                .isEqualTo(new Root("my archive", "vac", dir, 8192, Score.ZERO));

        Cli r = Cli.run("root", "-h", host, root.toString(), HELLO_SCORE.toString(), "zz");
        assertThat(r.out()).isEqualTo(root + ": 'my archive' vac " + dir + " 8192 " + Score.ZERO + "\n");
        assertThat(r.err()).contains("no block with score " + HELLO_SCORE + "/16 exists").contains("bad score 'zz'");
        assertThat(r.status()).isEqualTo(1);
        assertThat(RootCommand.quote("it's")).isEqualTo("'it''s'");
        assertThat(RootCommand.quote("")).isEqualTo("''");
    }

    /** A root over a directory with one file of two data blocks under a pointer block; returns the root. */
    private Score buildTree(MemoryStore s) {
        Score d1 = s.write(BlockType.DATA, HELLO, 0, HELLO.length);
        Score d2 = s.write(BlockType.DATA, new byte[] {1, 2, 3}, 0, 3);
        byte[] ptr = ByteBuffer.allocate(40).put(d1.toByteArray()).put(d2.toByteArray()).array();
        Score p = s.write(BlockType.DATA1, ptr, 0, 40);
        byte[] dir = new Entry(3, 8192, 8192, BlockType.DATA1, Entry.ACTIVE, 15, p).pack();
        Score d = s.write(BlockType.DIR, dir, 0, dir.length);
        byte[] root = new Root("tree", "vac", d, 8192, Score.ZERO).pack();
        return s.write(BlockType.ROOT, root, 0, root.length);
    }

    @Test
    void copyMovesATreeBetweenServers() {
        Score root = buildTree(store);
        Cli c = Cli.run("copy", "-v", host, otherHost, "vac:" + root);
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).isEqualTo("0 skipped, 5 written\n");
        assertThat(c.err()).startsWith("-> 0 16 8 " + root + "\n");
        assertThat(other.size()).isEqualTo(5);
        assertThat(other.read(root, BlockType.ROOT, 300)).isEqualTo(store.read(root, BlockType.ROOT, 300));

        Cli traced = Cli.run("copy", "-V", "-f", host, otherHost, root.toString());
        assertThat(traced.status()).as(traced.err()).isZero();
        assertThat(traced.err()).contains("src <- read " + root + " type 16 count 65535", "dst -> 300 bytes",
                "dst <- sync");
    }

    @Test
    void copyRewritesAroundMissingBlocks() {
        Score root = buildTree(store);
        MemoryStore partial = new MemoryStore();
        Score dir = Root.unpack(store.read(root, BlockType.ROOT, 300)).score();
        copyBlock(store, partial, root, BlockType.ROOT);
        copyBlock(store, partial, dir, BlockType.DIR);
        copyBlock(store, partial, Entry.unpack(store.read(dir, BlockType.DIR, 40), 0).score(), BlockType.DATA1);
        try (VentiServer s = VentiServer.start(new DialAddress("127.0.0.1", 0), partial, ServerOptions.DEFAULT)) {
            String src = s.dialAddress().toString();
            Cli plain = Cli.run("copy", src, otherHost, root.toString());
            assertThat(plain.status()).isEqualTo(Failure.EXIT_FAILURE);
            assertThat(plain.err()).startsWith("venti copy: reading block " + HELLO_SCORE + " (type 0): ");
            assertThat(Cli.run("copy", "-i", "-r", src, otherHost, root.toString()).status()).isEqualTo(Failure.EXIT_USAGE);

            Cli r = Cli.run("copy", "-r", "-t", "16", src, otherHost, "vac:" + root);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).matches("vac:[0-9a-f]{40} \\(2 pointers rewritten\\)\n");
            Score newRoot = Score.parse(r.out().substring(4, 44));
            assertThat(newRoot).isNotEqualTo(root);
            assertThat(other.read(newRoot, BlockType.ROOT, 300)).hasSize(300);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyBlock(MemoryStore from, MemoryStore to, Score score, BlockType type) {
        byte[] b = from.read(score, type, 65535);
        to.write(type, b, 0, b.length);
    }

    @Test
    void dumpPrintsTheTree() {
        Score root = buildTree(store);
        Cli d = Cli.run("dump", "-h", host, root.toString());
        assertThat(d.status()).as(d.err()).isZero();
        String[] lines = d.out().split("\n");
        assertThat(lines[0]).isEqualTo(root + " root name=tree type=vac prev=" + Score.ZERO + " bsize=8192");
        assertThat(lines[1]).matches("    [0-9a-f]{40} dir n=40");
        assertThat(lines[2]).matches("        0: gen=0x3 psize=8192 dsize=8192 type=1 flags=0x1 size=15 score=[0-9a-f]{40}");
        assertThat(lines[3]).matches(" {12}[0-9a-f]{40} data\\+1");
        assertThat(lines[4]).isEqualTo(" ".repeat(16) + HELLO_SCORE + " data n=12");
        assertThat(lines[5]).isEqualTo(" ".repeat(20) + " 68 65 6c 6c 6f 20 76 65 6e 74 69 0a");
        assertThat(lines).hasSize(8);
    }

    @Test
    void readlistReadsEveryBlockListed(@TempDir Path dir) throws IOException {
        store.write(BlockType.DATA, HELLO, 0, HELLO.length);
        Path list = dir.resolve("list");
        Files.writeString(list, (HELLO_SCORE + " 0\n").repeat(1001));
        Cli ok = Cli.run("readlist", "-h", host, list.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("1000...\n");

        Cli fromStdin = Cli.runWithInput((HELLO_SCORE + "\t0\n" + HELLO_SCORE + " 8\n").getBytes(), "readlist", "-h", host);
        assertThat(fromStdin.status()).isEqualTo(Failure.EXIT_FAILURE);
        assertThat(fromStdin.err()).contains("could not read " + HELLO_SCORE + " 8: no block with score");
        assertThat(Cli.runWithInput("just-one-field\n".getBytes(), "readlist", "-h", host).err())
                .contains("syntax error in work list");
    }

    @Test
    void randtestWritesThenReadsAndVerifies() {
        Cli r = Cli.run("randtest", "-q", "-h", host, "-n", "64k", "-b", "8192", "-m", "4", "-P", "-s", "5");
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("write: 65536 bytes / [0-9.]+ seconds = [0-9.]+ MB/s, [0-9]+ blocks/s,"
                + " latency p50 [0-9.]+ ms, p99 [0-9.]+ ms");
        assertThat(lines[1]).startsWith("read: 65536 bytes / ");
        assertThat(store.size()).isEqualTo(8);
        byte[] block3 = RandTestCommand.block(RandTestCommand.template(5, 50, 8192), 3);
        assertThat(store.read(Sha1.hash(block3), BlockType.DATA, 8192)).isEqualTo(block3);

        assertThat(Cli.run("randtest", "-q", "-h", host, "-r", "-M", "2", "-s", "6").err())
                .as("reading blocks never written").contains("no block with score");
        assertThat(Cli.run("randtest", "-h", host, "-b", "70000").status()).isEqualTo(Failure.EXIT_USAGE);
    }
}
