package org.carbonledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EcdsaP256Test {

    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
    static final DevicePublicKey PUB = KEY.publicKey();
    static final DevicePublicKey OTHER = DevicePublicKey.parse(Fixtures.text("keys/steelco-meter-12.pub.pem"));
    static final byte[] MESSAGE = "{\"recordId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Nested
    class SignAndVerify {

        @Test
        void verifies_its_own_signature() {
            assertThat(EcdsaP256.verify(PUB, MESSAGE, EcdsaP256.sign(KEY, MESSAGE))).isTrue();
        }

        @Test
        void signs_deterministically_with_low_s() {
            byte[] a = EcdsaP256.sign(KEY, MESSAGE);
            assertThat(EcdsaP256.sign(KEY, MESSAGE)).isEqualTo(a);
            assertThat(EcdsaSignature.fromDer(a, "s").isLowS()).isTrue();
            for (int i = 0; i < 50; i++) {
                byte[] sig = EcdsaP256.sign(KEY, ("m" + i).getBytes(StandardCharsets.UTF_8));
                assertThat(EcdsaSignature.fromDer(sig, "s").isLowS()).isTrue();
            }
        }

        @Test
        void matches_the_rfc6979_p256_sha256_sample_vector_up_to_s_normalization() {
            // RFC 6979 A.2.5, curve P-256, SHA-256, message "sample".
            BigInteger x = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
            BigInteger r = new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16);
            BigInteger s = new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
            DevicePrivateKey key = new DevicePrivateKey(x, "x");
            EcdsaSignature sig = EcdsaSignature.fromDer(
                    EcdsaP256.sign(key, "sample".getBytes(StandardCharsets.US_ASCII)), "s");
            assertThat(sig.r()).isEqualTo(r);
            assertThat(sig.s()).isEqualTo(P256.N.subtract(s)); // the vector's s is high; we emit n - s
            assertThat(EcdsaP256.verify(key.publicKey(), "sample".getBytes(StandardCharsets.US_ASCII),
                    new EcdsaSignature(r, s))).isTrue();
        }

        @Test
        void accepts_the_high_s_twin_of_a_valid_signature() {
            EcdsaSignature low = EcdsaSignature.fromDer(EcdsaP256.sign(KEY, MESSAGE), "s");
            EcdsaSignature high = new EcdsaSignature(low.r(), P256.N.subtract(low.s()));
            assertThat(high.isLowS()).isFalse();
            assertThat(EcdsaP256.verify(PUB, MESSAGE, high.toDer())).isTrue();
        }
    }

    @Nested
    class Refuses {

        @Test
        void rejects_a_signature_under_a_different_key() {
            assertThat(EcdsaP256.verify(OTHER, MESSAGE, EcdsaP256.sign(KEY, MESSAGE))).isFalse();
            assertThatThrownBy(() -> EcdsaP256.requireValid(OTHER, MESSAGE, EcdsaP256.sign(KEY, MESSAGE), "signature"))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
                        assertThat(e.getMessage()).isEqualTo("signature: signature does not verify against device key"
                                + " sha256:" + OTHER.fingerprint().toHex());
                    });
        }

        @Test
        void rejects_any_flipped_bit_in_the_message() {
            byte[] sig = EcdsaP256.sign(KEY, MESSAGE);
            for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
                byte[] m = MESSAGE.clone();
                m[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(EcdsaP256.verify(PUB, m, sig)).as("bit %d", bit).isFalse();
            }
        }

        @Test
        void rejects_any_flipped_bit_in_the_signature() {
            byte[] sig = EcdsaP256.sign(KEY, MESSAGE);
            for (int bit = 0; bit < sig.length * 8; bit++) {
                byte[] s = sig.clone();
                s[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(EcdsaP256.verify(PUB, MESSAGE, s)).as("bit %d", bit).isFalse();
            }
        }

        @Test
        void rejects_truncated_and_extended_der() {
            byte[] sig = EcdsaP256.sign(KEY, MESSAGE);
            for (int len = 0; len < sig.length; len++) {
                assertThat(EcdsaP256.verify(PUB, MESSAGE, Arrays.copyOf(sig, len))).isFalse();
            }
            assertThat(EcdsaP256.verify(PUB, MESSAGE, Arrays.copyOf(sig, sig.length + 1))).isFalse();
            assertThatThrownBy(() -> EcdsaSignature.fromDer(Arrays.copyOf(sig, sig.length - 1), "signature"))
                    .hasMessageContaining("signature: DER");
        }

        @Test
        void rejects_non_canonical_der_even_when_the_numbers_are_right() {
            EcdsaSignature sig = EcdsaSignature.fromDer(EcdsaP256.sign(KEY, MESSAGE), "s");
            byte[] r = sig.r().toByteArray();
            byte[] s = sig.s().toByteArray();
            // r with one superfluous leading zero byte
            byte[] padded = new byte[6 + r.length + 1 + s.length];
            padded[0] = 0x30;
            padded[1] = (byte) (padded.length - 2);
            padded[2] = 0x02;
            padded[3] = (byte) (r.length + 1);
            System.arraycopy(r, 0, padded, 5, r.length);
            padded[5 + r.length] = 0x02;
            padded[6 + r.length] = (byte) s.length;
            System.arraycopy(s, 0, padded, 7 + r.length, s.length);
            assertThat(EcdsaP256.verify(PUB, MESSAGE, padded)).isFalse();
            assertThatThrownBy(() -> EcdsaP256.requireValid(PUB, MESSAGE, padded, "signature"))
                    .hasMessage("signature: DER signature r has a superfluous leading zero byte");
        }

        @Test
        void rejects_r_or_s_out_of_range() {
            EcdsaSignature sig = EcdsaSignature.fromDer(EcdsaP256.sign(KEY, MESSAGE), "s");
            assertThatThrownBy(() -> new EcdsaSignature(BigInteger.ZERO, sig.s()))
                    .hasMessageContaining("r is outside [1, n-1]");
            assertThatThrownBy(() -> new EcdsaSignature(sig.r(), P256.N)).hasMessageContaining("s is outside");
            byte[] withNAsS = derOf(sig.r(), P256.N);
            assertThat(EcdsaP256.verify(PUB, MESSAGE, withNAsS)).isFalse();
            byte[] withRPlusN = derOf(sig.r().add(P256.N), sig.s());
            assertThat(EcdsaP256.verify(PUB, MESSAGE, withRPlusN)).isFalse();
            assertThatThrownBy(() -> EcdsaSignature.fromDer(withNAsS, "signature"))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
                        assertThat(e.field()).isEqualTo("signature");
                    });
        }

        @Test
        void rejects_a_negative_integer() {
            byte[] der = HexFormat.of().parseHex("3006020180020101");
            assertThatThrownBy(() -> EcdsaSignature.fromDer(der, "signature")).hasMessageContaining("negative");
        }

        private byte[] derOf(BigInteger r, BigInteger s) {
            byte[] rb = r.toByteArray();
            byte[] sb = s.toByteArray();
            byte[] out = new byte[6 + rb.length + sb.length];
            out[0] = 0x30;
            out[1] = (byte) (out.length - 2);
            out[2] = 0x02;
            out[3] = (byte) rb.length;
            System.arraycopy(rb, 0, out, 4, rb.length);
            out[4 + rb.length] = 0x02;
            out[5 + rb.length] = (byte) sb.length;
            System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
            return out;
        }
    }

    @Nested
    class InteroperatesWithTheJdk {

        @Test
        void verifies_signatures_made_by_the_jdk_provider() throws Exception {
            PrivateKey jdkKey = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Pem.decode(KEY.toPem(), "PRIVATE KEY", "k")));
            int highS = 0;
            for (int i = 0; i < 40; i++) {
                byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(jdkKey);
                signer.update(m);
                byte[] sig = signer.sign();
                if (!EcdsaSignature.fromDer(sig, "s").isLowS()) {
                    highS++;
                }
                assertThat(EcdsaP256.verify(PUB, m, sig)).as("message %d", i).isTrue();
            }
            assertThat(highS).as("some JDK signatures are high-S").isPositive();
        }

        @Test
        void produces_signatures_the_jdk_provider_verifies() throws Exception {
            PublicKey jdkKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(PUB.der()));
            for (int i = 0; i < 20; i++) {
                byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(jdkKey);
                verifier.update(m);
                assertThat(verifier.verify(EcdsaP256.sign(KEY, m))).isTrue();
            }
        }
    }
}
