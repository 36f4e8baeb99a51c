package venti.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import venti.core.Score;

/** Every message type survives encode and decode in both versions; no input crashes the decoder. */
class MessagePropertiesTest {

    @Property
    void roundTripsInVersion04(@ForAll("messages04") Message m) throws IOException {
        roundTrip(m, ProtocolVersion.V04);
    }

    @Property
    void roundTripsInVersion02(@ForAll("messages02") Message m) throws IOException {
        roundTrip(m, ProtocolVersion.V02);
    }

    private static void roundTrip(Message m, ProtocolVersion v) throws IOException {
        ByteBuffer frame = Frame.encode(m, v);
        assertThat(frame.remaining()).isEqualTo(Frame.size(m, v)).isEqualTo(v.lengthSize() + m.size());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(streamed, v);
        w.write(m);
        w.flush();
        assertThat(streamed.toByteArray()).isEqualTo(frame.array());
        Message back = new FrameDecoder(v).decode(frame);
        assertThat(back).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(frame.hasRemaining()).isFalse();
        ByteBuffer body = ByteBuffer.allocate(m.size());
        m.pack(body);
        assertThat(Message.unpack(body.flip())).isEqualTo(m);
    }

    /** Random bytes decode to a message, wait for more, or fail with a ProtocolException: nothing else. */
    @Property
    void arbitraryBytesNeverCrashTheDecoder(@ForAll("junk") byte[] bytes) {
        for (ProtocolVersion v : ProtocolVersion.values()) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            try {
                Message m = new FrameDecoder(v, 4096).decode(b);
                if (m == null) {
                    assertThat(b.position()).isZero();
                } else {
                    assertThat(b.position()).isEqualTo(v.lengthSize() + m.size());
                }
            } catch (ProtocolException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> framed = Combinators.combine(Arbitraries.integers().between(1, 17), Arbitraries.bytes()
                .array(byte[].class).ofMaxSize(40)).as((type, body) -> {
                    ByteBuffer b = ByteBuffer.allocate(6 + body.length).putInt(2 + body.length);
                    return b.put(type.byteValue()).put((byte) 1).put(body).array();
                });
        return Arbitraries.oneOf(raw, framed);
    }

    @Provide
    Arbitrary<Message> messages04() {
        return messages(70_000);
    }

    @Provide
    Arbitrary<Message> messages02() {
        return messages(65_000);
    }

    private static Arbitrary<Message> messages(int maxPayload) {
        Arbitrary<Integer> tag = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<String> str = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(300),
                Arbitraries.strings().ascii().excludeChars('\0').ofMaxLength(Message.MAX_STRING));
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(255);
        Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(maxPayload - 10).ofMaxSize(maxPayload)));
        Arbitrary<Score> score = Arbitraries.bytes().array(byte[].class).ofSize(Score.SIZE).map(Score::fromBytes);
        Arbitrary<Long> count = Arbitraries.oneOf(Arbitraries.longs().between(0, 0xffff),
                Arbitraries.longs().between(0x10000, Tread.MAX_COUNT), Arbitraries.of(0L, 65535L, 65536L, Tread.MAX_COUNT));
        return Arbitraries.oneOf(
                Combinators.combine(tag, str).as(Rerror::new),
                tag.map(Tping::new),
                tag.map(Rping::new),
                Combinators.combine(tag, str, str, u8, small, small).as(Thello::new),
                Combinators.combine(tag, str, u8, u8).as(Rhello::new),
                tag.map(Tgoodbye::new),
                Combinators.combine(tag, small).as(Tauth0::new),
                Combinators.combine(tag, small).as(Rauth0::new),
                Combinators.combine(tag, small).as(Tauth1::new),
                Combinators.combine(tag, small).as(Rauth1::new),
                Combinators.combine(tag, score, u8, count).as(Tread::new),
                Combinators.combine(tag, payload).as(Rread::new),
                Combinators.combine(tag, u8, payload).as(Twrite::new),
                Combinators.combine(tag, score).as(Rwrite::new),
                tag.map(Tsync::new),
                tag.map(Rsync::new));
    }
}
