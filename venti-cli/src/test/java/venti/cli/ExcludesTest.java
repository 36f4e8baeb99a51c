package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vac's pattern rules: *, ?, classes, ... across slashes, no leading dots, first match decides. */
class ExcludesTest {

    @TempDir
    Path dir;

    @Test
    void starStaysWithinANameAndSkipsLeadingDots() {
        Excludes e = new Excludes().exclude("a/*");
        assertThat(e.includes("a/abc")).isFalse();
        assertThat(e.includes("a/.hidden")).isTrue();
        assertThat(e.includes("a/b/c")).isTrue();
        assertThat(e.includes("b/abc")).isTrue();
    }

    @Test
    void threeDotsCrossSlashes() {
        Excludes e = new Excludes().exclude("b/...").exclude("h/.../b");
        assertThat(e.includes("b/foo")).isFalse();
        assertThat(e.includes("b/.foo")).isFalse();
        assertThat(e.includes("h/a/c/d/b")).isFalse();
        assertThat(e.includes("h/a/c/d/x")).isTrue();
    }

    @Test
    void classesAndTheirComplements() {
        Excludes e = new Excludes().exclude("c/[~a]*").exclude("d/[a]*").exclude("f/?a*");
        assertThat(e.includes("c/abc")).isTrue();
        assertThat(e.includes("c/def")).isFalse();
        assertThat(e.includes("d/abc")).isFalse();
        assertThat(e.includes("d/zab")).isTrue();
        assertThat(e.includes("f/za")).isFalse();
        assertThat(e.includes("f/.abc")).isTrue();
        assertThat(e.includes("f/a")).isTrue();
    }

    @Test
    void theFirstMatchingLineOfAnExcludeFileDecides() throws IOException {
        Path f = dir.resolve("exclude");
        Files.writeString(f, "# comment\n\ninclude src/keep.o\nexclude .../*.o\n");
        Excludes e = new Excludes().load(f);
        assertThat(e.includes("src/keep.o")).isTrue();
        assertThat(e.includes("src/drop.o")).isFalse();
        assertThat(e.includes("src/main.c")).isTrue();
    }

    @Test
    void badLinesNameTheFileAndLine() throws IOException {
        Path f = dir.resolve("bad");
        Files.writeString(f, "exclude a\nskip b\n");
        assertThatThrownBy(() -> new Excludes().load(f)).isInstanceOf(IOException.class)
                .hasMessage(f + ":2: line does not begin with include or exclude");
        assertThatThrownBy(() -> new Excludes().exclude("a/[bc")).hasMessageContaining("bad glob pattern a/[bc");
    }
}
