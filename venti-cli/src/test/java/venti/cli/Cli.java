package venti.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs a venti command in this JVM and keeps what it printed. */
record Cli(int status, byte[] stdout, String err) {

    static Cli run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** Runs with {@code stdin} as standard input. */
    static Cli runWithInput(byte[] stdin, String... args) {
        return runIn(Environment.system(), stdin, args);
    }

    /** Runs with the environment variables and working directory of {@code env}. */
    static Cli runIn(Environment env, String... args) {
        return runIn(env, new byte[0], args);
    }

    private static Cli runIn(Environment env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, env, new ByteArrayInputStream(stdin), out, err);
        return new Cli(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output as text. */
    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
