package venti.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import venti.core.Units;
import venti.store.disk.Layout;
import venti.store.disk.Location;
import venti.store.disk.TextLines;

/**
 * A venti.conf: which partitions make up the store and how the server runs.
 *
 * <pre>
 * index name          the index's name (required to open a store)
 * arenas file         an arena partition; repeat for more, filled in order
 * isect file          an index section; repeat for more, in bucket order
 * bloom file          the bloom filter, optional
 * mem size            lump cache
 * bcmem size          disk block cache
 * icmem size          index cache
 * queuewrites         queue block writes in memory
 * addr address        venti protocol address
 * httpaddr address    HTTP address
 * webroot dir         files the HTTP server serves
 * mirror address [sync]  a replica every clump is copied to; repeat for more
 * heal address        a Venti server to read damaged blocks from; repeat for more
 * repair              store a block read from a mirror or heal source again locally
 * mgr ...             ignored
 * </pre>
 *
 * The C server knows neither {@code mirror}, {@code heal} nor {@code repair}: a configuration
 * using them is for this server only.
 *
 * Fields are separated by blanks; {@code #} starts a comment. Sizes take k, m, g suffixes.
 * File names may be {@code file:lo-hi} ranges (see {@link FilePart}). Each keyword but
 * {@code arenas}, {@code isect}, {@code mirror}, {@code heal} and {@code mgr} may appear once.
 *
 * <p>A configuration can also live inside a partition, in the 8 KiB before
 * {@link Layout#PART_BLANK}, behind the line {@code venti config}: {@link #read} looks there
 * when the file it is given is larger than {@link Layout#PART_BLANK}.
 *
 * @param mem   lump cache bytes, 0 when not given (as are bcmem and icmem)
 * @param bloom the bloom filter partition, or null (as are the addresses and webroot)
 */
public record VentiConfig(String index, List<String> arenas, List<String> isects, String bloom,
                          long mem, long bcmem, long icmem, boolean queueWrites,
                          String addr, String httpAddr, String webroot,
                          List<MirrorLine> mirrors, List<String> heal, boolean repair) {

    /**
     * A {@code mirror} line.
     *
     * @param address the replica's dial string
     * @param sync    whether a sync waits for the replica ({@code mirror address sync})
     */
    public record MirrorLine(String address, boolean sync) {
    }

    /** The line in front of a configuration stored in a partition. */
    public static final String STORED_MAGIC = "venti config\n";
    /** Bytes reserved for a stored configuration, magic included. */
    public static final int STORED_SIZE = 8 * 1024;
    /** Where a stored configuration starts. */
    public static final long STORED_OFFSET = Layout.PART_BLANK - STORED_SIZE;

    private static final Set<String> ONCE = Set.of("index", "bloom", "mem", "bcmem", "icmem", "addr", "httpaddr", "webroot");

    public VentiConfig {
        arenas = List.copyOf(arenas);
        isects = List.copyOf(isects);
        mirrors = List.copyOf(mirrors);
        heal = List.copyOf(heal);
    }

    /** A configuration without replication lines. */
    public VentiConfig(String index, List<String> arenas, List<String> isects, String bloom, long mem, long bcmem,
                       long icmem, boolean queueWrites, String addr, String httpAddr, String webroot) {
        this(index, arenas, isects, bloom, mem, bcmem, icmem, queueWrites, addr, httpAddr, webroot, List.of(),
                List.of(), false);
    }

    /**
     * Reads the configuration named {@code file}: the file itself, or the configuration
     * stored in it when it is larger than {@link Layout#PART_BLANK} (a partition).
     */
    public static VentiConfig read(Path file) throws IOException {
        return parse(readText(file), file.toString());
    }

    /** The text of the configuration named {@code file}, as {@link #read} finds it. */
    public static String readText(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("can't open configuration file " + file + ": no such file");
        }
        long size = Files.size(file);
        if (size > Layout.PART_BLANK) {
            try (Part p = FilePart.open(file.toString(), true)) {
                return readStored(p);
            }
        }
        if (size > STORED_SIZE) {
            throw new IOException("config file " + file + " is too large: " + size + " bytes, at most " + STORED_SIZE);
        }
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** The configuration stored in partition {@code part}, without its magic line. */
    public static String readStored(Part part) throws IOException {
        if (part.size() < Layout.PART_BLANK) {
            throw new IOException(part.name() + " is too small to hold a stored configuration: "
                    + part.size() + " bytes");
        }
        ByteBuffer b = part.read(STORED_OFFSET, STORED_SIZE);
        String text = TextLines.of(b, new Location(part.name(), STORED_OFFSET)).toString();
        if (!text.startsWith(STORED_MAGIC)) {
            throw new IOException("bad venti config magic in " + part.name()
                    + ": no configuration stored there (store one with venti conf -w)");
        }
        return text.substring(STORED_MAGIC.length());
    }

    /**
     * Stores {@code text} as the configuration of partition {@code part}, zero-filling the
     * rest of the reserved 8 KiB.
     */
    public static void writeStored(Part part, String text) throws IOException {
        byte[] body = (STORED_MAGIC + text).getBytes(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            throw new IOException("config is empty; will not install");
        }
        if (body.length > STORED_SIZE) {
            throw new IOException("config is too long: " + body.length + " bytes with its header; max is " + STORED_SIZE);
        }
        if (part.size() < Layout.PART_BLANK) {
            throw new IOException(part.name() + " is too small to hold a stored configuration: " + part.size() + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(STORED_SIZE);
        b.put(body).clear();
        part.write(STORED_OFFSET, b);
        part.force();
    }

    /**
     * Parses configuration text; {@code file} names it in errors.
     *
     * @throws IllegalArgumentException with the C server's message and the line number
     */
    public static VentiConfig parse(String text, String file) {
        TextLines lines = new TextLines(text, new Location(file, 0));
        String index = null;
        String bloom = null;
        String addr = null;
        String httpAddr = null;
        String webroot = null;
        long mem = 0;
        long bcmem = 0;
        long icmem = 0;
        boolean queueWrites = false;
        List<String> arenas = new ArrayList<>();
        List<String> isects = new ArrayList<>();
        List<MirrorLine> mirrors = new ArrayList<>();
        List<String> heal = new ArrayList<>();
        boolean repair = false;
        Set<String> seen = new HashSet<>();
        for (String line; (line = lines.next()) != null; ) {
            String[] f = line.strip().split("[ \t\r]+");
            String where = " in configuration file " + file + " (line " + lines.lineNumber() + ")";
            String key = f[0];
            if (key.equals("mgr")) {
                continue;
            }
            if (f.length == 2 && ONCE.contains(key) && !seen.add(key)) {
                throw new IllegalArgumentException("duplicate " + key + " lines" + where);
            }
            if (key.equals("mirror") && f.length == 3 && f[2].equals("sync")) {
                mirrors.add(new MirrorLine(f[1], true));
                continue;
            }
            boolean bare = f.length == 1 && (key.equals("queuewrites") || key.equals("repair"));
            switch (f.length == 2 || bare ? key : "") {
                case "isect" -> isects.add(f[1]);
                case "arenas" -> arenas.add(f[1]);
                case "bloom" -> bloom = f[1];
                case "index" -> index = indexName(f[1], where);
                case "mem" -> mem = size(f[1], where);
                case "bcmem" -> bcmem = size(f[1], where);
                case "icmem" -> icmem = size(f[1], where);
                case "queuewrites" -> queueWrites = true;
                case "addr" -> addr = f[1];
                case "httpaddr" -> httpAddr = f[1];
                case "webroot" -> webroot = f[1];
                case "mirror" -> mirrors.add(new MirrorLine(f[1], false));
                case "heal" -> heal.add(f[1]);
                case "repair" -> repair = true;
                default -> throw new IllegalArgumentException("illegal line '" + shown(line) + "'" + where);
            }
        }
        return new VentiConfig(index, arenas, isects, bloom, mem, bcmem, icmem, queueWrites, addr, httpAddr, webroot,
                mirrors, heal, repair);
    }

    private static String indexName(String name, String where) {
        try {
            return Layout.checkName(name, "index name");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal index name " + shown(name) + where, e);
        }
    }

    private static long size(String s, String where) {
        try {
            return Units.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal size " + shown(s) + where, e);
        }
    }

    /** Text from the file as it can be shown on a terminal: control bytes (a binary file read as text) as \\xNN. */
    static String shown(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
