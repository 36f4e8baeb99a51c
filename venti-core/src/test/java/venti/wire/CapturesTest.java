package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static venti.wire.Captures.hello;
import static venti.wire.Captures.random;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import venti.core.BlockType;
import venti.core.Score;
import venti.core.Sha1;

/** Every capture of the C venti decodes into the messages its README describes, and back. */
class CapturesTest {

    private static final byte[] NONE = new byte[0];
    private static final Score HELLO = Score.parse("46bc3b9a3f81c11d49eff12f52b561d1de748d5b");
    private static final Score MISSING = Score.parse("46d94145356ab497466f4c928e00286d71d16f43");
    private static final Score MAX = Score.parse("8b036ee0d3df665049d6dd47522a2aec96f94850");
    private static final Score ROOT = Score.parse("b80e19e350f03aed9284f8549c7e1659bd457101");
    private static final Score PTR = Score.parse("192ccdfce5c2f359a777c650733d3265cc9f88eb");
    private static final int DATA = BlockType.DISK_DATA;

    static Stream<String> scenarios() {
        return Captures.SCENARIOS.stream();
    }

    private static Thello thello(String version, String uid) {
        return new Thello(0, version, uid, 0, NONE, NONE);
    }

    private static final Thello HELLO04 = thello("04", "anonymous");
    private static final Rhello RHELLO = new Rhello(0, "anonymous", 0, 0);

    private static List<Message> with(Message first, Message... rest) {
        List<Message> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static String noBlock(Score s, int newType) {
        return "no block with score " + s + "/" + newType + " exists";
    }

    /** The messages of one direction of a scenario, as the README lists them. */
    static List<Message> expected(String scenario, boolean fromClient) {
        return switch (scenario.substring(0, 2)) {
            case "01", "04" -> with(fromClient ? HELLO04 : RHELLO);
            case "02" -> fromClient ? with(HELLO04, new Tping(0)) : with(RHELLO, new Rerror(0, "unknown request"));
            case "03" -> fromClient ? with(HELLO04, new Twrite(0, DATA, hello())) : with(RHELLO, new Rwrite(0, HELLO));
            case "05" -> {
                byte[][] blocks = {NONE, {'A'}, Captures.dir80(), Captures.root300(), Captures.ptr60(),
                        Captures.dirptr40(), Captures.ptr60(), Captures.text8192(), new byte[8192], random("max", 57344)};
                BlockType[] types = {BlockType.DATA, BlockType.DATA, BlockType.DIR, BlockType.ROOT, BlockType.DATA1,
                        BlockType.DIR1, BlockType.DATA3, BlockType.DATA, BlockType.DATA, BlockType.DATA};
                List<Message> all = with(fromClient ? HELLO04 : RHELLO);
                for (int i = 0; i < blocks.length; i++) {
                    all.add(fromClient ? Twrite.of(0, types[i], blocks[i]) : new Rwrite(0, Sha1.hash(blocks[i])));
                }
                yield all;
            }
            case "06" -> fromClient ? with(HELLO04, new Twrite(0, DATA, random("max", 57344))) : with(RHELLO, new Rwrite(0, MAX));
            case "07" -> fromClient ? with(HELLO04, new Twrite(0, DATA, random("over", 57345)))
                    : with(RHELLO, new Rerror(0, "lump too large"));
            case "08" -> fromClient ? with(HELLO04, new Twrite(0, DATA, random("big", 70000)))
                    : with(RHELLO, new Rerror(0, "lump too large"));
            case "09" -> fromClient ? with(HELLO04, new Tread(0, HELLO, DATA, 65535)) : with(RHELLO, new Rread(0, hello()));
            case "10" -> fromClient ? with(HELLO04, new Tread(0, MISSING, DATA, 65535))
                    : with(RHELLO, new Rerror(0, noBlock(MISSING, 0)));
            case "11" -> {
                List<Message> all = with(fromClient ? HELLO04 : RHELLO);
                for (BlockType t : BlockType.values()) {
                    if (t != BlockType.CORRUPT) {
                        all.add(fromClient ? Tread.of(0, MISSING, t, 65535)
                                : new Rerror(0, noBlock(MISSING, BlockType.fromDisk(t.diskType()).value())));
                    }
                }
                yield all;
            }
            case "12" -> fromClient
                    ? with(HELLO04, new Tread(0, HELLO, DATA, 5), new Tread(0, HELLO, BlockType.DISK_DIR, 100),
                    new Tread(0, ROOT, BlockType.DISK_ROOT, 300), new Tread(0, PTR, BlockType.DISK_POINTER0, 60),
                    new Tread(0, MAX, DATA, 70000), new Tread(0, Score.EMPTY, DATA, 0), new Tread(0, Score.ZERO, DATA, 100))
                    : with(RHELLO, new Rerror(0, "read too small: asked for 5 need at least 12"),
                    new Rerror(0, noBlock(HELLO, 8)), new Rread(0, Captures.root300()), new Rread(0, Captures.ptr60()),
                    new Rread(0, random("max", 57344)), new Rerror(0, noBlock(Score.EMPTY, 0)), new Rread(0, NONE));
            case "13" -> fromClient ? with(HELLO04, new Tread(0, MAX, DATA, 65535))
                    : with(RHELLO, new Rread(0, random("max", 57344)));
            case "14" -> fromClient ? with(HELLO04, new Tsync(0)) : with(RHELLO, new Rsync(0));
            case "15" -> fromClient ? with(HELLO04, new Tgoodbye(0)) : with(RHELLO);
            case "16" -> fromClient
                    ? with(thello("02", "anonymous"), new Tping(1), new Twrite(2, DATA, hello()),
                    new Tread(3, HELLO, DATA, 8192), new Tsync(4), new Tgoodbye(5))
                    : with(RHELLO, new Rerror(1, "unknown request"), new Rwrite(2, HELLO), new Rread(3, hello()), new Rsync(4));
            case "17" -> List.of();
            case "18" -> fromClient
                    ? with(thello("04", "pyuser"), new Tread(7, HELLO, DATA, 100), new Tread(200, HELLO, DATA, 100000), new Tsync(9))
                    : with(RHELLO, new Rread(7, hello()), new Rread(200, hello()), new Rsync(9));
            default -> throw new AssertionError("no expectations for " + scenario);
        };
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void clientMessagesAreTheReadmes(String scenario) {
        assertThat(Captures.session(scenario, true).messages()).containsExactlyElementsOf(expected(scenario, true));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void serverMessagesAreTheReadmes(String scenario) {
        assertThat(Captures.session(scenario, false).messages()).containsExactlyElementsOf(expected(scenario, false));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void reEncodingGivesBackTheSameBytes(String scenario) throws IOException {
        ProtocolVersion v = Captures.version(scenario) == null ? ProtocolVersion.V04 : Captures.version(scenario);
        for (boolean fromClient : new boolean[] {true, false}) {
            byte[] original = fromClient ? Captures.c2s(scenario) : Captures.s2c(scenario);
            Captures.Session s = Captures.session(scenario, fromClient);
            ByteArrayOutputStream viaBuffers = new ByteArrayOutputStream();
            ByteArrayOutputStream viaWriter = new ByteArrayOutputStream();
            viaBuffers.writeBytes(s.line().encode());
            viaWriter.writeBytes(s.line().encode());
            FrameWriter writer = new FrameWriter(viaWriter, v);
            for (Message m : s.messages()) {
                viaBuffers.writeBytes(Frame.encode(m, v).array());
                writer.write(m);
            }
            writer.flush();
            assertThat(viaBuffers.toByteArray()).as("%s %s", scenario, fromClient ? "c2s" : "s2c").isEqualTo(original);
            assertThat(viaWriter.toByteArray()).as("%s %s via FrameWriter", scenario, fromClient ? "c2s" : "s2c")
                    .isEqualTo(original);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void streamReaderReadsTheSameMessages(String scenario) throws IOException {
        ProtocolVersion v = Captures.version(scenario) == null ? ProtocolVersion.V04 : Captures.version(scenario);
        for (boolean fromClient : new boolean[] {true, false}) {
            ByteArrayInputStream in = new ByteArrayInputStream(fromClient ? Captures.c2s(scenario) : Captures.s2c(scenario));
            VersionLine.read(in);
            FrameReader reader = new FrameReader(in, v);
            List<Message> read = new ArrayList<>();
            for (Message m; (m = reader.read()) != null; ) {
                read.add(m);
            }
            assertThat(read).containsExactlyElementsOf(expected(scenario, fromClient));
        }
    }

    @Test
    void versionLinesAndNegotiation() {
        for (String scenario : Captures.SCENARIOS) {
            assertThat(Captures.session(scenario, false).line()).isEqualTo(VersionLine.LIBVENTI);
        }
        assertThat(Captures.session("01-version-hello", true).line()).isEqualTo(VersionLine.LIBVENTI);
        assertThat(Captures.version("01-version-hello")).isEqualTo(ProtocolVersion.V04);
        assertThat(Captures.version("16-v02-session-pyclient")).isEqualTo(ProtocolVersion.V02);
        assertThat(Captures.version("18-v04-pipelined-pyclient")).isEqualTo(ProtocolVersion.V04);
        assertThat(Captures.session("17-bad-version-pyclient", true).line())
                .isEqualTo(new VersionLine(List.of("05"), "pyclient"));
        assertThat(Captures.version("17-bad-version-pyclient")).isNull();
    }

    @Test
    void blockTypesOnTheWireAreDiskNumbers() {
        List<Integer> types = Captures.session("11-read-missing-alltypes-ref", true).messages().stream()
                .skip(1).map(m -> ((Tread) m).wireType()).toList();
        assertThat(types).containsExactly(13, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9, 1);
        Twrite dirptr = (Twrite) Captures.session("05-write-types", true).messages().get(6);
        assertThat(dirptr.blockType()).isEqualTo(BlockType.DIR1);
    }

    @Test
    void readCountWidthFollowsItsValue() {
        List<byte[]> frames = Captures.session("12-read-errors", true).frames();
        assertThat(frames.get(5)).hasSize(4 + 28);
        assertThat(ByteBuffer.wrap(frames.get(5)).getInt(4 + 24)).isEqualTo(70000);
        assertThat(IntStream.of(1, 2, 3, 4, 6, 7).mapToObj(i -> frames.get(i).length)).containsOnly(4 + 26);
    }
}
