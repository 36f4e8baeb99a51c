package venti.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VentiConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheGoldenConfiguration() throws IOException {
        VentiConfig c = VentiConfig.read(GoldenStore.unpack(dir));
        assertThat(c).isEqualTo(new VentiConfig("main", List.of("arenas.part"), List.of("isect0.part"), "bloom.part",
                4 << 20, 4 << 20, 4 << 20, false, null, null, null));
    }

    @Test
    void parsesEveryKeywordCommentsAndBlankLines() {
        VentiConfig c = VentiConfig.parse("""
                # a comment
                index main
                  arenas /dev/sda1:1m-2g   # trailing comment
                arenas /dev/sdb1
                isect /dev/sdc1
                isect /dev/sdc2

                bloom /dev/sdd
                mem 0x10000
                bcmem 2g
                icmem 64k
                queuewrites
                addr tcp!*!17034
                httpaddr tcp!*!8000
                webroot /usr/local/venti/www
                mgr whatever it is
                """, "venti.conf");
        assertThat(c.index()).isEqualTo("main");
        assertThat(c.arenas()).containsExactly("/dev/sda1:1m-2g", "/dev/sdb1");
        assertThat(c.isects()).containsExactly("/dev/sdc1", "/dev/sdc2");
        assertThat(c.bloom()).isEqualTo("/dev/sdd");
        assertThat(c.mem()).isEqualTo(0x10000);
        assertThat(c.bcmem()).isEqualTo(2L << 30);
        assertThat(c.icmem()).isEqualTo(64 << 10);
        assertThat(c.queueWrites()).isTrue();
        assertThat(c.addr()).isEqualTo("tcp!*!17034");
        assertThat(c.httpAddr()).isEqualTo("tcp!*!8000");
        assertThat(c.webroot()).isEqualTo("/usr/local/venti/www");
    }

    @Test
    void parsesTheReplicationLines() {
        VentiConfig c = VentiConfig.parse("""
                index main
                mirror tcp!backup!venti
                mirror 10.0.0.2:17034 sync
                heal tcp!old!venti
                repair
                """, "venti.conf");
        assertThat(c.mirrors()).containsExactly(new VentiConfig.MirrorLine("tcp!backup!venti", false),
                new VentiConfig.MirrorLine("10.0.0.2:17034", true));
        assertThat(c.heal()).containsExactly("tcp!old!venti");
        assertThat(c.repair()).isTrue();
        assertThat(VentiConfig.parse("index main\n", "c").mirrors()).isEmpty();
        assertThat(VentiConfig.parse("index main\n", "c").repair()).isFalse();
        assertThatThrownBy(() -> VentiConfig.parse("mirror a async\n", "v.conf"))
                .hasMessage("illegal line 'mirror a async' in configuration file v.conf (line 1)");
        assertThatThrownBy(() -> VentiConfig.parse("mirror\n", "v.conf"))
                .hasMessage("illegal line 'mirror' in configuration file v.conf (line 1)");
    }

    @Test
    void acceptsALastLineWithoutNewline() {
        assertThat(VentiConfig.parse("arenas a\nindex main", "c").index()).isEqualTo("main");
    }

    @Test
    void rejectsWhatTheOriginalRejects() {
        assertThatThrownBy(() -> VentiConfig.parse("index a\nindex b\n", "v.conf"))
                .hasMessage("duplicate index lines in configuration file v.conf (line 2)");
        assertThatThrownBy(() -> VentiConfig.parse("bloom a\n\nbloom b\n", "v.conf"))
                .hasMessage("duplicate bloom lines in configuration file v.conf (line 3)");
        assertThatThrownBy(() -> VentiConfig.parse("mem 4q\n", "v.conf"))
                .hasMessage("illegal size 4q in configuration file v.conf (line 1)");
        assertThatThrownBy(() -> VentiConfig.parse("arenas a b\n", "v.conf"))
                .hasMessage("illegal line 'arenas a b' in configuration file v.conf (line 1)");
        assertThatThrownBy(() -> VentiConfig.parse("frobnicate x\n", "v.conf"))
                .hasMessage("illegal line 'frobnicate x' in configuration file v.conf (line 1)");
        assertThatThrownBy(() -> VentiConfig.parse("index " + "x".repeat(64) + "\n", "v.conf"))
                .hasMessageStartingWith("illegal index name xxxx");
        assertThatThrownBy(() -> VentiConfig.parse("\u0001\u001b[2J\u007f x\n", "v.conf")).as("control bytes escaped")
                .hasMessage("illegal line '\\x01\\x1b[2J\\x7f x' in configuration file v.conf (line 1)");
    }

    @Test
    void storesAConfigurationInAPartitionAndReadsItBack() throws IOException {
        Path part = dir.resolve("disk");
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        String text = "index main\narenas " + part + "\n";
        try (Part p = FilePart.open(part.toString(), false)) {
            VentiConfig.writeStored(p, text);
            assertThat(VentiConfig.readStored(p)).isEqualTo(text);
            assertThat(p.read(VentiConfig.STORED_OFFSET, 13).array()).asString().isEqualTo("venti config\n");
        }
        assertThat(VentiConfig.read(part).arenas()).containsExactly(part.toString());
    }

    @Test
    void storedConfigurationErrors() throws IOException {
        Path part = dir.resolve("disk");
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        try (Part p = FilePart.open(part.toString(), false)) {
            assertThatThrownBy(() -> VentiConfig.readStored(p)).hasMessageContaining("bad venti config magic");
            assertThatThrownBy(() -> VentiConfig.writeStored(p, "")).hasMessage("config is empty; will not install");
            assertThatThrownBy(() -> VentiConfig.writeStored(p, "x".repeat(8192)))
                    .hasMessageContaining("config is too long");
        }
        Path big = dir.resolve("big.conf");
        Files.writeString(big, "#".repeat(9000));
        assertThatThrownBy(() -> VentiConfig.read(big)).hasMessageContaining("too large");
        assertThatThrownBy(() -> VentiConfig.read(dir.resolve("none.conf"))).hasMessageContaining("no such file");
    }
}
