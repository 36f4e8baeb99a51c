package venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The line each peer sends as soon as a connection opens, before any frame:
 * {@code venti-<v1>:<v2>...-<comment>\n}, for example {@code venti-04:02-libventi\n}.
 *
 * <p>Both sides send at once; neither waits for the other's line. Only bytes 0x20-0x7f may
 * precede the newline, the line must start with {@code venti-}, and it may be at most
 * {@link #MAX_LENGTH} bytes with its newline (libventi reads it into a 1024-byte buffer and
 * gives up one byte short of that). The version list runs to the first {@code -} after the
 * prefix; the rest is a free comment, which may be absent.
 *
 * <p>Reading stops exactly at the newline so the first frame is left in the stream. An
 * immutable value; thread-safe.
 */
public record VersionLine(List<String> versions, String comment) {

    public static final String PREFIX = "venti-";
    /** The longest line we accept or send, its newline included. */
    public static final int MAX_LENGTH = 1023;
    /** What libventi sends, and so what we send: {@code venti-04:02-libventi\n}. */
    public static final VersionLine LIBVENTI = new VersionLine(
            ProtocolVersion.PREFERRED.stream().map(ProtocolVersion::text).toList(), "libventi");

    private static final int NEWLINE = '\n';
    private static final int LOWEST = 0x20;
    private static final int HIGHEST = 0x7f;

    /**
     * @param versions the announced versions, first preferred; entries hold no {@code :} or {@code -}
     * @param comment  the text after the list, or null for a line without one
     */
    public VersionLine {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a version line needs at least one version");
        }
        for (String v : versions) {
            if (v.indexOf(':') >= 0 || v.indexOf('-') >= 0) {
                throw new IllegalArgumentException("version '" + v + "' may not contain ':' or '-'");
            }
        }
        String text = text(versions, comment);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < LOWEST || c > HIGHEST) {
                throw new IllegalArgumentException("version line '" + text + "' has character " + (int) c
                        + " at " + i + "; only 0x20-0x7f are allowed");
            }
        }
        if (text.length() + 1 > MAX_LENGTH) {
            throw new IllegalArgumentException("version line is " + (text.length() + 1) + " bytes, more than "
                    + MAX_LENGTH);
        }
    }

    /** The first version in this (the peer's) list that we speak. */
    public Optional<ProtocolVersion> negotiate() {
        return ProtocolVersion.negotiate(versions);
    }

    /** The line's bytes, newline included. */
    public byte[] encode() {
        return (this + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The line without its newline. */
    @Override
    public String toString() {
        return text(versions, comment);
    }

    private static String text(List<String> versions, String comment) {
        return PREFIX + String.join(":", versions) + (comment == null ? "" : "-" + comment);
    }

    /**
     * Parses a line given without its newline.
     *
     * @throws ProtocolException when it breaks the rules above
     */
    public static VersionLine parse(String line) {
        for (int i = 0; i < line.length(); i++) {
            check(line, i, line.charAt(i));
        }
        checkComplete(line);
        String rest = line.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        String list = dash < 0 ? rest : rest.substring(0, dash);
        return new VersionLine(List.of(list.split(":", -1)), dash < 0 ? null : rest.substring(dash + 1));
    }

    /**
     * Takes a whole line from the buffer's remaining bytes, or returns null, consuming
     * nothing, when the newline has not arrived yet. Fails as soon as the bytes seen break
     * the rules, without waiting for the newline.
     */
    public static VersionLine decode(ByteBuffer src) {
        int start = src.position();
        StringBuilder line = new StringBuilder();
        for (int i = start; i < src.limit(); i++) {
            int b = src.get(i) & 0xff;
            if (b == NEWLINE) {
                src.position(i + 1);
                return finish(line);
            }
            line.append((char) b);
            check(line, i - start, b);
        }
        return null;
    }

    /**
     * Reads a line a byte at a time, so nothing after the newline is taken from the stream.
     *
     * @throws EOFException      when the stream ends before the newline
     * @throws ProtocolException when the bytes break the rules
     */
    public static VersionLine read(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != NEWLINE; ) {
            if (b < 0) {
                throw new EOFException("connection closed after " + line.length() + " bytes of the version line"
                        + (line.isEmpty() ? "" : " '" + line + "'"));
            }
            line.append((char) b);
            check(line, line.length() - 1, b);
        }
        return finish(line);
    }

    private static VersionLine finish(CharSequence line) {
        checkComplete(line);
        return parse(line.toString());
    }

    private static void check(CharSequence line, int index, int b) {
        if (index < PREFIX.length() && b != PREFIX.charAt(index)) {
            throw notVenti(line, index + 1);
        }
        if (b < LOWEST || b > HIGHEST) {
            throw ProtocolException.badVersionLine(String.format(
                    "byte 0x%02x at offset %d; only 0x20-0x7f may come before the newline", b, index));
        }
        if (index + 1 >= MAX_LENGTH) {
            throw ProtocolException.badVersionLine("no newline within " + MAX_LENGTH + " bytes");
        }
    }

    private static void checkComplete(CharSequence line) {
        if (line.length() < PREFIX.length()) {
            throw notVenti(line, line.length());
        }
    }

    private static ProtocolException notVenti(CharSequence line, int seen) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < seen; i++) {
            char c = line.charAt(i);
            shown.append(c >= LOWEST && c < HIGHEST ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return ProtocolException.badVersionLine("'" + shown + "' does not start with '" + PREFIX + "'");
    }
}
