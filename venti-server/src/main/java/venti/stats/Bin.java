package venti.stats;

/**
 * What a graph shows for one slice of time (the C {@code Statbin}): how many samples fell in
 * it and their least, greatest and mean values.
 */
public record Bin(int samples, double min, double max, double avg) {

    static final Bin EMPTY = new Bin(0, 0, 0, 0);
}
