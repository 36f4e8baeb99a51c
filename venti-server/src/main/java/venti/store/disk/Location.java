package venti.store.disk;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a structure sits on disk: a partition or file name and a byte offset in it. Every
 * corruption error names one, so a person can look at the bytes.
 */
public record Location(String file, long offset) {

    /** The C server's names for its magic numbers, used when one turns up in the wrong place. */
    private static final Map<Integer, String> MAGIC_NAMES = Map.of(
            ArenaPartHeader.MAGIC, "ArenaPartMagic",
            ArenaHead.MAGIC, "ArenaHeadMagic",
            ArenaTrailer.MAGIC, "ArenaMagic",
            IndexSectionHeader.MAGIC, "ISectMagic",
            BloomHeader.MAGIC, "BloomMagic");

    /**
     * Throws unless {@code actual} is {@code expected}, naming both as the C server does
     * ("wrong magic number ArenaMagic (0xf2a14ead), expected ArenaHeadMagic (0xd15c4ead)").
     */
    public void checkMagic(String what, int actual, int expected) {
        if (actual != expected) {
            throw corrupt(what + " has wrong magic number " + magicName(actual)
                    + ", expected " + magicName(expected));
        }
    }

    private static String magicName(int magic) {
        String n = MAGIC_NAMES.get(magic);
        return n != null ? n + " (" + Layout.hex32(magic) + ")" : Layout.hex32(magic);
    }

    /**
     * Builds a value from fields read at this location; a field the value's constructor
     * rejects becomes a corruption error naming {@code what}.
     */
    public <T> T build(String what, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw corrupt("bad " + what + ": " + e.getMessage(), e);
        }
    }

    /** The location {@code delta} bytes further on. */
    public Location plus(long delta) {
        return new Location(file, offset + delta);
    }

    /** A corruption error at this location. */
    public CorruptException corrupt(String message) {
        return new CorruptException(this, message);
    }

    /** A corruption error at this location, caused by {@code cause}. */
    public CorruptException corrupt(String message, Throwable cause) {
        return new CorruptException(this, message, cause);
    }

    /**
     * Throws unless {@code available} bytes hold a structure of {@code size} bytes.
     *
     * @throws CorruptException "short ..." naming what was expected
     */
    public void checkLength(String what, int available, int size) {
        if (available < size) {
            throw corrupt("short " + what + ": " + Math.max(0, available) + " bytes, need " + size);
        }
    }

    @Override
    public String toString() {
        return file + " at offset " + offset;
    }
}
