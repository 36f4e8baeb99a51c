package venti.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic English-like text for benchmarks: words drawn with a Zipf-like skew from a
 * few hundred common ones, in sentences of varying length with capitals, commas, full stops
 * and paragraph breaks. It compresses about as well as real prose, which random bytes and
 * repeated patterns do not.
 */
public final class TextCorpus {

    private static final String[] WORDS = ("""
            the of and to a in is it you that he was for on are with as his they be at one have
            this from or had by not word but what some we can out other were all there when up use
            your how said an each she which do their time if will way about many then them write
            would like so these her long make thing see him two has look more day could go come did
            number sound no most people my over know water than call first who may down side been
            now find any new work part take get place made live where after back little only round
            man year came show every good me give our under name very through just form sentence
            great think say help low line differ turn cause much mean before move right boy old too
            same tell does set three want air well also play small end put home read hand port large
            spell add even land here must big high such follow act why ask men change went light kind
            off need house picture try us again animal point mother world near build self earth father
            head stand own page should country found answer school grow study still learn plant cover
            food sun four between state keep eye never last let thought city tree cross farm hard start
            might story saw far sea draw left late run while press close night real life few north
            archive block score server arena index clump venti storage disk write read store backup
            """).trim().split("\\s+");

    private TextCorpus() {
    }

    /** {@code len} bytes of text; the same {@code seed} always gives the same bytes. */
    public static byte[] english(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(len + 64);
        while (sb.length() < len) {
            int words = 4 + r.nextInt(18);
            for (int i = 0; i < words; i++) {
                String w = WORDS[zipf(r)];
                if (i == 0) {
                    sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
                } else {
                    sb.append(r.nextInt(9) == 0 ? ", " : " ").append(w);
                }
            }
            sb.append(r.nextInt(7) == 0 ? ".\n\n" : ". ");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), len);
    }

    /** An index skewed towards the front of the word list, roughly as word frequencies are. */
    private static int zipf(SplittableRandom r) {
        double u = r.nextDouble();
        return (int) (Math.pow(WORDS.length + 1.0, u * u)) - 1;
    }
}
