package venti.cli;

/** The venti command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("venti");
    }
}
