package venti.vac;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import venti.core.FormatException;

/**
 * A vac directory entry (vac's VacDir): the name, ownership, times, mode and qid of one file
 * or directory, and the numbers of the {@link venti.core.Entry}s in the parent's directory
 * stream that hold its contents ({@code entry}) and, for a directory, its children's
 * directory entries ({@code mentry}). The size is not here: it is the data entry's.
 *
 * <p>Packed as one entry of a {@link MetaBlock}, big-endian. Version 8 is what plan9port's vac
 * writes and what {@link #pack} writes; {@link #unpack} also reads 7 (a 20-byte replacement
 * score after the qid) and 9 (gen, mentry and mgen after entry, no plan9 or gen options).
 * <pre>
 * size      field
 *    4      magic     0x1c4d9072
 *    2      version   8
 *  2+n      elem      the name: 2-byte length, UTF-8 bytes
 *    4      entry     data entry number in the parent's directory stream
 *   (12)    gen, mentry, mgen        version 9 only
 *    8      qid
 *   (20)    replacement score        version 7 only
 *  2+n      uid, gid, mid            as elem
 *    4      mtime     seconds since 1970, unsigned
 *    4      mcount
 *    4      ctime
 *    4      atime
 *    4      mode      the Mode* bits below
 * options, each 1 byte tag, 2 byte length, then the value:
 *    tag 1  plan9     8 path, 4 version (written when plan9; not in version 9)
 *    tag 3  qidspace  8 offset, 8 max (written when qidSpace)
 *    tag 4  gen       4 gen (written when gen != 0; not in version 9)
 * </pre>
 * In versions 7 and 8 {@code mentry} is {@code entry + 1} and {@code mgen} is 0. Unknown
 * option tags are skipped, as vac does.
 *
 * <p>Immutable and thread-safe; unsigned 32-bit fields are held in {@code long}s.
 */
public record VacDir(String elem, long entry, long gen, long mentry, long mgen, long qid,
                     String uid, String gid, String mid,
                     long mtime, long mcount, long ctime, long atime, long mode,
                     boolean plan9, long p9path, long p9version,
                     boolean qidSpace, long qidOffset, long qidMax) {

    public static final int MAGIC = 0x1c4d9072;
    /** The version vac writes. */
    public static final int VERSION = 8;

    /** Mode bits (the rest are plan9port's: sticky, setuid, setgid, MS-DOS attributes, snapshot; see docs/format.md). */
    public static final long MODE_PERM = 0777;
    public static final long MODE_APPEND = 1 << 12;
    public static final long MODE_EXCLUSIVE = 1 << 13;
    public static final long MODE_LINK = 1 << 14;
    public static final long MODE_DIR = 1 << 15;
    public static final long MODE_DEVICE = 1 << 21;
    public static final long MODE_NAMED_PIPE = 1 << 22;

    private static final int OPTION_PLAN9 = 1;
    private static final int OPTION_QID_SPACE = 3;
    private static final int OPTION_GEN = 4;
    private static final int OPTION_HEADER = 3;
    private static final int PLAN9_SIZE = Long.BYTES + Integer.BYTES;
    private static final int QID_SPACE_SIZE = 2 * Long.BYTES;
    private static final int VERSION7_REPLACEMENT = 20;
    /** Bytes before elem: magic and version. */
    private static final int HEAD = Integer.BYTES + Short.BYTES;
    /** The fixed fields of version 8: entry, qid, five times and mode. */
    private static final int FIXED = Integer.BYTES + Long.BYTES + 5 * Integer.BYTES;
    /** Longest string: its length must fit in 2 bytes. */
    public static final int MAX_STRING = 0xffff;

    public VacDir {
        Objects.requireNonNull(elem, "elem");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(mid, "mid");
        for (long v : new long[] {entry, gen, mentry, mgen, mtime, mcount, ctime, atime, mode, p9version}) {
            if (v < 0 || v > 0xffff_ffffL) {
                throw new IllegalArgumentException("vac directory entry " + elem + ": field value " + v
                        + " does not fit in 32 bits");
            }
        }
    }

    /** A new entry with the given name and mode, all else zero or empty, as vac starts a file. */
    public static VacDir of(String elem, long mode) {
        return new VacDir(elem, 0, 0, 0, 0, 0, "", "", "", 0, 0, 0, 0, mode, false, 0, 0, false, 0, 0);
    }

    public boolean isDir() {
        return (mode & MODE_DIR) != 0;
    }

    /**
     * This entry naming data entry {@code newEntry} and, for a directory, meta entry
     * {@code newEntry + 1}, both of generation 0.
     */
    public VacDir withEntry(long newEntry) {
        return new VacDir(elem, newEntry, 0, isDir() ? newEntry + 1 : 0, 0, qid, uid, gid, mid, mtime, mcount,
                ctime, atime, mode, plan9, p9path, p9version, qidSpace, qidOffset, qidMax);
    }

    /** This entry with a qid space: the qids of the tree below run from {@code offset} to {@code max}. */
    public VacDir withQidSpace(long offset, long max) {
        return new VacDir(elem, entry, gen, mentry, mgen, qid, uid, gid, mid, mtime, mcount, ctime, atime, mode,
                plan9, p9path, p9version, true, offset, max);
    }

    /** Bytes of the packed entry (vac's vdsize for version 8). */
    public int packedSize() {
        int n = HEAD + FIXED + string(elem).length + string(uid).length + string(gid).length + string(mid).length
                + 4 * Short.BYTES;
        if (plan9) {
            n += OPTION_HEADER + PLAN9_SIZE;
        }
        if (qidSpace) {
            n += OPTION_HEADER + QID_SPACE_SIZE;
        }
        if (gen != 0) {
            n += OPTION_HEADER + Integer.BYTES;
        }
        return n;
    }

    /** The packed entry, version 8. */
    public byte[] pack() {
        ByteBuffer b = ByteBuffer.allocate(packedSize());
        b.putInt(MAGIC).putShort((short) VERSION);
        putString(b, elem);
        b.putInt((int) entry).putLong(qid);
        putString(b, uid);
        putString(b, gid);
        putString(b, mid);
        b.putInt((int) mtime).putInt((int) mcount).putInt((int) ctime).putInt((int) atime).putInt((int) mode);
        if (plan9) {
            b.put((byte) OPTION_PLAN9).putShort((short) PLAN9_SIZE).putLong(p9path).putInt((int) p9version);
        }
        if (qidSpace) {
            b.put((byte) OPTION_QID_SPACE).putShort((short) QID_SPACE_SIZE).putLong(qidOffset).putLong(qidMax);
        }
        if (gen != 0) {
            b.put((byte) OPTION_GEN).putShort((short) Integer.BYTES).putInt((int) gen);
        }
        return b.array();
    }

    /**
     * Reads the entry of {@code len} bytes at {@code off}, which must be consumed exactly.
     *
     * @throws FormatException saying which field is bad
     */
    public static VacDir unpack(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        ByteBuffer b = ByteBuffer.wrap(buf, off, len).slice();
        try {
            int magic = b.getInt();
            if (magic != MAGIC) {
                throw new FormatException(String.format("bad directory entry magic %#010x: want %#010x", magic, MAGIC));
            }
            int version = Short.toUnsignedInt(b.getShort());
            if (version < 7 || version > 9) {
                throw new FormatException("unknown directory entry version " + version + ": want 7, 8 or 9");
            }
            String elem = getString(b, "elem");
            long entry = u32(b);
            long gen = 0;
            long mentry = entry + 1;
            long mgen = 0;
            if (version == 9) {
                gen = u32(b);
                mentry = u32(b);
                mgen = u32(b);
            }
            long qid = b.getLong();
            if (version == 7) {
                b.position(b.position() + VERSION7_REPLACEMENT);
            }
            String uid = getString(b, "uid");
            String gid = getString(b, "gid");
            String mid = getString(b, "mid");
            long mtime = u32(b);
            long mcount = u32(b);
            long ctime = u32(b);
            long atime = u32(b);
            long mode = u32(b);
            boolean plan9 = false;
            long p9path = 0;
            long p9version = 0;
            boolean qidSpace = false;
            long qidOffset = 0;
            long qidMax = 0;
            while (b.hasRemaining()) {
                int tag = Byte.toUnsignedInt(b.get());
                int n = Short.toUnsignedInt(b.getShort());
                if (n > b.remaining()) {
                    throw new FormatException("directory entry option " + tag + " of " + n + " bytes runs past the entry's end");
                }
                int next = b.position() + n;
                if (tag == OPTION_PLAN9 && version < 9) {
                    if (plan9 || n != PLAN9_SIZE) {
                        throw new FormatException("bad plan9 option in directory entry " + elem);
                    }
                    plan9 = true;
                    p9path = b.getLong();
                    p9version = u32(b);
                    if (mcount == 0) {
                        mcount = p9version;
                    }
                } else if (tag == OPTION_QID_SPACE) {
                    if (qidSpace || n != QID_SPACE_SIZE) {
                        throw new FormatException("bad qid space option in directory entry " + elem);
                    }
                    qidSpace = true;
                    qidOffset = b.getLong();
                    qidMax = b.getLong();
                }
                b.position(next);
            }
            return new VacDir(elem, entry, gen, mentry, mgen, qid, uid, gid, mid, mtime, mcount, ctime, atime, mode,
                    plan9, p9path, p9version, qidSpace, qidOffset, qidMax);
        } catch (java.nio.BufferUnderflowException e) {
            throw new FormatException("directory entry of " + len + " bytes is truncated", e);
        }
    }

    private static long u32(ByteBuffer b) {
        return Integer.toUnsignedLong(b.getInt());
    }

    private static String getString(ByteBuffer b, String field) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n > b.remaining()) {
            throw new FormatException("directory entry " + field + " of " + n + " bytes runs past the entry's end");
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] bytes = string(s);
        b.putShort((short) bytes.length).put(bytes);
    }

    private static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING) {
            throw new IllegalArgumentException("name '" + s.substring(0, 40) + "...' is " + b.length
                    + " UTF-8 bytes: at most " + MAX_STRING + " fit in a vac directory entry");
        }
        return b;
    }
}
