package org.carbonledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceKeysTest {

    static final String PUB = Fixtures.text("keys/meter-12.pub.pem");
    static final String KEY = Fixtures.text("keys/meter-12.key.pem");

    static void assertInvalidKey(Runnable parse, String messagePart) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(LedgerRuleException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_KEY);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    static String rewrap(String pem, String label, byte[] der) {
        return Pem.encode(label, der);
    }

    @Nested
    class PublicKeys {

        @Test
        void writes_the_canonical_pem_openssl_writes() {
            DevicePublicKey key = DevicePublicKey.parse(PUB);
            assertThat(key.toPem()).isEqualTo(PUB);
        }

        @Test
        void fingerprints_the_der_subject_public_key_info() {
            DevicePublicKey key = DevicePublicKey.parse(PUB);
            assertThat(key.fingerprint()).isEqualTo(Sha256.of(Pem.decode(PUB, "PUBLIC KEY", "k")));
        }

        @Test
        void canonicalizes_a_compressed_point_to_the_same_key_and_fingerprint() {
            DevicePublicKey compressed = DevicePublicKey.parse(Fixtures.text("keys/meter-12.pub-compressed.pem"));
            DevicePublicKey plain = DevicePublicKey.parse(PUB);
            assertThat(compressed).isEqualTo(plain);
            assertThat(compressed.fingerprint()).isEqualTo(plain.fingerprint());
            assertThat(compressed.toPem()).isEqualTo(PUB);
        }

        @Test
        void accepts_crlf_line_endings_and_surrounding_whitespace() {
            assertThat(DevicePublicKey.parse("\n  " + PUB.replace("\n", "\r\n") + "\n\n"))
                    .isEqualTo(DevicePublicKey.parse(PUB));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "keys/secp384r1.pub.pem           | EC key on curve secp384r1 (1.3.132.0.34), expected P-256",
            "keys/secp256k1.pub.pem           | EC key on curve secp256k1 (1.3.132.0.10), expected P-256",
            "keys/rsa.pub.pem                 | key algorithm is RSA (1.2.840.113549.1.1.1)",
            "keys/ed25519.pub.pem             | key algorithm is Ed25519 (1.3.101.112)",
            "keys/meter-12.pub-explicit.pem   | EC key on explicit curve parameters, expected P-256",
            "keys/meter-12.key.pem            | expected a PEM block \"-----BEGIN PUBLIC KEY-----\"",
        })
        void rejects_keys_that_are_not_p256_public_keys(String fixture, String reason) {
            assertInvalidKey(() -> DevicePublicKey.parse(Fixtures.text(fixture), "publicKeyPem"), reason);
        }

        @Test
        void rejects_a_point_that_is_not_on_the_curve() {
            byte[] der = Pem.decode(PUB, "PUBLIC KEY", "k");
            der[der.length - 1] ^= 1; // last byte of y
            assertInvalidKey(() -> DevicePublicKey.parse(Pem.encode("PUBLIC KEY", der)), "not a point on P-256");
        }

        @Test
        void rejects_trailing_bytes_after_the_der_structure() {
            byte[] der = Pem.decode(PUB, "PUBLIC KEY", "k");
            byte[] longer = Arrays.copyOf(der, der.length + 2);
            assertInvalidKey(() -> DevicePublicKey.parse(Pem.encode("PUBLIC KEY", longer)), "not valid DER");
        }

        @Test
        void rejects_non_canonical_der_lengths() {
            byte[] der = Pem.decode(PUB, "PUBLIC KEY", "k");
            // Re-encode the outer SEQUENCE length (0x59) in long form 0x81 0x59: valid BER, not DER.
            byte[] ber = new byte[der.length + 1];
            ber[0] = der[0];
            ber[1] = (byte) 0x81;
            System.arraycopy(der, 1, ber, 2, der.length - 1);
            assertInvalidKey(() -> DevicePublicKey.parse(Pem.encode("PUBLIC KEY", ber)), "DER");
        }

        @Test
        void rejects_garbage() {
            assertInvalidKey(() -> DevicePublicKey.parse("hello"), "found \"no PEM header\"");
            assertInvalidKey(() -> DevicePublicKey.parse("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----"),
                    "not valid base64");
            assertInvalidKey(() -> DevicePublicKey.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                    "not valid DER");
            assertInvalidKey(() -> DevicePublicKey.parse(PUB + PUB), "second block");
            assertInvalidKey(() -> DevicePublicKey.parse(PUB.replace("-----END PUBLIC KEY-----\n", "")),
                    "does not end with");
        }
    }

    @Nested
    class PrivateKeys {

        @Test
        void derives_the_public_key_from_pkcs8_and_sec1() {
            DevicePublicKey expected = DevicePublicKey.parse(PUB);
            assertThat(DevicePrivateKey.parse(KEY).publicKey()).isEqualTo(expected);
            assertThat(DevicePrivateKey.parse(Fixtures.text("keys/meter-12.sec1.pem")).publicKey()).isEqualTo(expected);
        }

        @Test
        void writes_pkcs8_that_the_jdk_and_this_parser_read_back() throws Exception {
            DevicePrivateKey key = DevicePrivateKey.parse(KEY);
            String pem = key.toPem();
            assertThat(pem).isEqualTo(KEY); // OpenSSL 3 writes the same structure
            assertThat(DevicePrivateKey.parse(pem).publicKey()).isEqualTo(key.publicKey());
            PrivateKey jdk = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem, "PRIVATE KEY", "k")));
            assertThat(jdk.getAlgorithm()).isEqualTo("EC");
        }

        @Test
        void never_prints_the_secret() {
            assertThat(DevicePrivateKey.parse(KEY).toString()).doesNotContain("PRIVATE").startsWith("DevicePrivateKey[");
        }

        @Test
        void generates_fresh_key_pairs_that_round_trip_through_pem() {
            DeviceKeyPair pair = DeviceKeyPair.generate(new SecureRandom());
            assertThat(DevicePrivateKey.parse(pair.privateKey().toPem()).publicKey()).isEqualTo(pair.publicKey());
            assertThat(DevicePublicKey.parse(pair.publicKey().toPem())).isEqualTo(pair.publicKey());
        }

        @Test
        void rejects_other_curves_and_algorithms() {
            assertInvalidKey(() -> DevicePrivateKey.parse(Fixtures.text("keys/secp384r1.key.pem")),
                    "EC key on curve secp384r1");
            assertInvalidKey(() -> DevicePrivateKey.parse(Fixtures.text("keys/ed25519.key.pem")),
                    "key algorithm is Ed25519");
            assertInvalidKey(() -> DevicePrivateKey.parse(PUB), "expected a PEM block \"-----BEGIN PRIVATE KEY-----\"");
            assertInvalidKey(() -> DevicePrivateKey.parse(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"), "encrypted");
        }

        @Test
        void rejects_a_key_whose_embedded_public_key_does_not_match() {
            byte[] der = Pem.decode(KEY, "PRIVATE KEY", "k");
            // The PKCS#8 file ends with the embedded uncompressed public point; swap in another device's point.
            byte[] other = Pem.decode(Fixtures.text("keys/steelco-meter-12.pub.pem"), "PUBLIC KEY", "k");
            System.arraycopy(other, other.length - 64, der, der.length - 64, 64);
            assertInvalidKey(() -> DevicePrivateKey.parse(Pem.encode("PRIVATE KEY", der)),
                    "embedded public key");
        }
    }

    @Test
    void public_keys_are_interchangeable_with_the_jdk() throws Exception {
        PublicKey jdk = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                DevicePublicKey.parse(PUB).der()));
        assertThat(DevicePublicKey.fromDer(jdk.getEncoded(), "k")).isEqualTo(DevicePublicKey.parse(PUB));
    }
}
