package venti.client.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.Score;

public class Hello {
    public static void main(String[] args) throws IOException {
        // the server ./venti server starts; VentiClient.connect(null) dials $venti instead
        String address = args.length > 0 ? args[0] : "tcp!127.0.0.1!17034";
        try (VentiClient venti = VentiClient.connect(address)) {
            byte[] block = "hello, venti".getBytes(StandardCharsets.UTF_8);
            Score score = venti.write(BlockType.DATA, block);             // the block's SHA-1
            byte[] back = venti.read(score, BlockType.DATA, block.length); // checked against the score
            venti.sync();                                                  // now on the server's disk
            System.out.println(score + " " + new String(back, StandardCharsets.UTF_8));
        }
    }
}
