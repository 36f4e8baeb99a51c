package venti.store.disk;

/**
 * One field of an on-disk structure, as its byte table gives it: what fixarenas names when it
 * shows how a structure on disk differs from the one it should be.
 *
 * @param length bytes: 1, 4 or 8 for numbers, {@link Layout#NAME_SIZE} for a name
 * @param kind   how the C tool prints the value
 */
public record Field(String name, int offset, int length, Kind kind) {

    /** How a value is printed: hexadecimal, decimal, a size (8K, 1M), a name, a time. */
    public enum Kind { HEX, DEC, SIZE, NAME, TIME }
}
