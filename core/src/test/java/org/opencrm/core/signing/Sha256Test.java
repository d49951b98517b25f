package org.opencrm.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hashes_matchThePublishedTestVectors_inLowerCaseHex() {
        // FIPS 180-2 examples: the empty message and "abc"
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(""));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc"));
    }

    @Test
    void aText_hashesAsItsUtf8Bytes() {
        // expected from coreutils: printf '张三' | sha256sum (a UTF-8 terminal)
        String utf8Digest = "1d841bc0ee98309cb7916670b7f0fdef5f4c35150711a41405ef3633b56322cf";
        assertEquals(utf8Digest, Sha256.hex("张三"));
        assertEquals(utf8Digest, Sha256.hex("张三".getBytes(StandardCharsets.UTF_8)));
    }
}
