package venti.store.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The arena ranges fixarenas and mirrorarenas take: arena numbers and ranges separated by
 * commas, a range open at either end ({@code -4,8-9,10-}), or {@code none}.
 */
final class ArenaRanges {

    private ArenaRanges() {
    }

    /**
     * The arena numbers {@code ranges} names among {@code n} arenas, in the order given;
     * null {@code ranges} means all. A piece that does not parse, or names arenas past the
     * last, is passed to {@code bad} and left out.
     */
    static List<Integer> parse(String ranges, int n, Consumer<String> bad) {
        List<Integer> out = new ArrayList<>();
        if (ranges == null) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        if (ranges.equals("none")) {
            return out;
        }
        for (String piece : ranges.split(",")) {
            if (piece.isEmpty()) {
                continue;
            }
            int dash = piece.indexOf('-');
            String lo = dash < 0 ? piece : piece.substring(0, dash);
            String hi = dash < 0 ? piece : piece.substring(dash + 1);
            try {
                int a = lo.isEmpty() ? 0 : Integer.decode(lo);
                int b = hi.isEmpty() ? n - 1 : Integer.decode(hi);
                if (a < 0 || b >= n) {
                    bad.accept(piece);
                    continue;
                }
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                bad.accept(piece);
            }
        }
        return out;
    }
}
