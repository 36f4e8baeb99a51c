package venti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import venti.core.Score;
import venti.core.Sha1;

class NativeSha1Test {

    @Test
    void libcryptoHashesAsTheJdkDoesAtEveryBlockSize() {
        Sha1.Engine engine = NativeSha1.load().orElseThrow(() -> new AssertionError(
                "libcrypto's SHA1() could not be loaded: the archive commands would hash five times slower"));
        SplittableRandom random = new SplittableRandom(7);
        byte[] data = new byte[57 * 1024];
        random.nextBytes(data);
        for (int len = 0; len <= data.length; len += 1 + random.nextInt(701)) {
            byte[] md = new byte[Score.SIZE];
            engine.hash(data, len, md);
            assertThat(md).as("%d bytes", len).isEqualTo(Sha1.newDigest().digest(Arrays.copyOf(data, len)));
        }
    }

    @Test
    void installedItScoresBlocksAndUnInstalledTheJdkDoes() {
        byte[] block = "the engine is used for whole arrays and at offset 0".getBytes();
        Score jdk = Sha1.hash(block);
        Sha1.Engine engine = NativeSha1.load().orElseThrow();
        int[] calls = new int[1];
        Sha1.use((data, len, md) -> {
            calls[0]++;
            engine.hash(data, len, md);
        });
        try {
            assertThat(Sha1.hash(block)).isEqualTo(jdk);
            assertThat(Sha1.hash(block, 0, 10)).isEqualTo(jdkScore(Arrays.copyOf(block, 10)));
            assertThat(calls[0]).isEqualTo(2);
            assertThat(Sha1.hash(block, 4, 10)).isEqualTo(jdkScore(Arrays.copyOfRange(block, 4, 14)));
            assertThat(calls[0]).as("a block at an offset goes to the JDK's digest").isEqualTo(2);
        } finally {
            Sha1.use(null);
        }
        assertThat(Sha1.hash(block)).isEqualTo(jdk);
        assertThat(calls[0]).isEqualTo(2);
    }

    private static Score jdkScore(byte[] data) {
        return Score.fromBytes(Sha1.newDigest().digest(data));
    }
}
