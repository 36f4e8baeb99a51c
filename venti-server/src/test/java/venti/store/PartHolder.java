package venti.store;

import java.nio.file.Path;

/**
 * A child process for lock tests: opens the partition {@code args[0]}, read-only when
 * {@code args[1]} is {@code SHARED}, locked as it says, prints {@code open}, and holds it
 * until its standard input closes or it is killed.
 */
public final class PartHolder {

    private PartHolder() {
    }

    public static void main(String[] args) throws Exception {
        LockMode mode = LockMode.valueOf(args[1]);
        try (Part p = Part.open(args[0], Path.of(""), mode != LockMode.EXCLUSIVE, mode)) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the partition until the parent closes the pipe
            }
        }
    }
}
