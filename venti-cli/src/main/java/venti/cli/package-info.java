/**
 * The {@code venti} command: {@link venti.cli.Main} and one thin {@code XxxCommand} class per
 * sub-command, parsing arguments and calling the library.
 */
package venti.cli;
