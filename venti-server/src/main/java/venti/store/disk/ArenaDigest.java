package venti.store.disk;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import venti.core.Score;
import venti.core.Sha1;

/**
 * A sealed arena's score as it is computed: the SHA-1 of the whole arena, head to trailer,
 * with the trailer's last {@link Score#SIZE} bytes (where the score itself is kept) taken as
 * zero. Feed the arena's bytes in order with {@link #update}, then finish with the trailer
 * block ({@link #finish(ByteBuffer)}) or, when the bytes fed already end where the score
 * field begins, with {@link #finish()}.
 *
 * <p>Not thread-safe; one digest per arena, used once.
 */
public final class ArenaDigest {

    private static final byte[] ZERO_SCORE = new byte[Score.SIZE];

    private final MessageDigest md = Sha1.newDigest();

    /** Adds the remaining bytes of {@code b}, leaving its position alone. */
    public void update(ByteBuffer b) {
        md.update(b.duplicate());
    }

    /** The score, taking the remaining bytes of {@code trailerBlock} as the arena's last block. */
    public Score finish(ByteBuffer trailerBlock) {
        ByteBuffer b = trailerBlock.duplicate();
        md.update(b.limit(b.limit() - Score.SIZE));
        return finish();
    }

    /** The score, with the zero score field added after the bytes fed so far. */
    public Score finish() {
        md.update(ZERO_SCORE);
        return Score.fromBytes(md.digest());
    }
}
