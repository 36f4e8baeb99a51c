package venti.cli;

import picocli.CommandLine.Option;

/** {@code --help} for sub-commands, whose {@code -h} names a host as in the original. */
final class HelpOption {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
