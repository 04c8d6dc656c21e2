package org.carbonledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Test;

class HashTest {

    @Test
    void hashes_known_vectors() {
        assertThat(Sha256.of("abc").toHex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of(new byte[0]).toHex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.ofConcatenation("a".getBytes(StandardCharsets.UTF_8), "bc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Sha256.of("abc"));
    }

    @Test
    void round_trips_lowercase_hex() {
        String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Hash.ofHex(hex).toHex()).isEqualTo(hex);
        assertThat(Hash.ofHex(hex)).isEqualTo(Sha256.of("abc")).hasSameHashCodeAs(Sha256.of("abc"));
    }

    @Test
    void rejects_uppercase_hex_naming_the_position() {
        assertThatThrownBy(() -> Hash.ofHex("BA7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "evidenceSha256"))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.field()).isEqualTo("evidenceSha256");
                    assertThat(e.getMessage()).contains("character \"B\" at position 1 is not a lowercase hex digit");
                });
    }

    @Test
    void rejects_wrong_length() {
        assertThatThrownBy(() -> Hash.ofHex("abcd", "h")).hasMessage(
                "h \"abcd\": a SHA-256 hash is 64 lowercase hex digits, found 4 characters");
        assertThatThrownBy(() -> new Hash(new byte[31])).isInstanceOf(LedgerRuleException.class);
    }

    @Test
    void is_immutable() {
        byte[] raw = Sha256.of("abc").bytes();
        Hash h = new Hash(raw);
        raw[0] = 0;
        h.bytes()[1] = 0;
        assertThat(h).isEqualTo(Sha256.of("abc"));
    }
}
