package venti.cli;

import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The build's man page generator, not a test: writes the AsciiDoc source of a man page for
 * {@code venti} and for every command into the directory given, from the same command tree
 * as the help ({@link Main#tree()}), with picocli-codegen's ManPageGenerator. The build runs
 * it at prepare-package (exec-maven-plugin) and asciidoctor turns the pages into troff in
 * {@code venti-cli/target/man}. It lives with the tests because only the build needs
 * picocli-codegen; the jar does not carry it.
 */
final class ManPages {

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages outdir");
        }
        int status = write(new File(args[0]));
        if (status != 0) {
            throw new IOException("man pages: picocli-codegen exited " + status);
        }
    }

    /** Writes {@code venti.adoc}, {@code venti-server.adoc}, ... into {@code dir}; the generator's exit status. */
    static int write(File dir) throws IOException {
        return ManPageGenerator.generateManPage(dir, null, new boolean[0], true, Main.tree().getCommandSpec());
    }
}
