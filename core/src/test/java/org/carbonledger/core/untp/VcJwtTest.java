package org.carbonledger.core.untp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.junit.jupiter.api.Test;

/** Securing credentials as VC-JOSE-COSE JWTs and the did:web document that names the key. */
class VcJwtTest {

    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
    static final DidWeb WEB = DidWeb.of("ApplianceCo.example");
    static final JsonObject CREDENTIAL = UntpCredentials.productPassport(UntpCredentialsTest.washers(),
            UntpCredentialsTest.APPLIANCECO);

    static String sign() {
        return VcJwt.sign(CREDENTIAL, KEY, WEB.keyId(KEY.publicKey()));
    }

    /** Changes one byte of a base64url part's decoded content and re-encodes it, as a tamperer would. */
    static String changeOneByte(String jwt, int part, int index) {
        String[] parts = jwt.split("\\.");
        byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
        bytes[index] ^= 0x01;
        parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return String.join(".", parts);
    }

    @Test
    void a_signed_credential_verifies_with_the_key_of_the_did_document_and_carries_the_credential() {
        String jwt = sign();
        JsonObject document = WEB.document(KEY.publicKey());
        JsonObjectReader method = JsonObjectReader.of(JsonObjectReader.asObject(
                JsonObjectReader.of(document, "").requireArray("verificationMethod").get(0), "vm"), "vm");
        assertThat(method.requireString("id")).isEqualTo(VcJwt.header(jwt).get("kid").map(Json::write)
                .map(s -> s.substring(1, s.length() - 1)).orElseThrow());
        JsonObject payload = VcJwt.verify(jwt, DidWeb.keyOf(method.requireObject("publicKeyJwk").object()));
        assertThat(payload).isEqualTo(CREDENTIAL);
        JsonObjectReader header = JsonObjectReader.of(VcJwt.header(jwt), "");
        assertThat(header.requireString("alg")).isEqualTo("ES256");
        assertThat(header.requireString("typ")).isEqualTo("vc+jwt");
        assertThat(header.requireString("cty")).isEqualTo("vc");
    }

    @Test
    void a_one_byte_change_of_the_payload_fails_verification() {
        String jwt = sign();
        int length = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]).length;
        for (int index : new int[] {0, length / 2, length - 1}) {
            String tampered = changeOneByte(jwt, 1, index);
            assertThatThrownBy(() -> VcJwt.verify(tampered, KEY.publicKey()))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
        // A changed footprint, re-encoded as valid JSON, fails the same way.
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("85.54403490520833333333333333333334", "75.54403490520833333333333333333334");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> VcJwt.verify(forged, KEY.publicKey())).isInstanceOf(LedgerRuleException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void a_changed_header_signature_or_another_key_fails_verification() {
        String jwt = sign();
        assertThatThrownBy(() -> VcJwt.verify(changeOneByte(jwt, 2, 10), KEY.publicKey()))
                .isInstanceOf(LedgerRuleException.class);
        String otherKid = VcJwt.sign(CREDENTIAL, KEY, WEB.did() + "#other");
        String mixed = otherKid.split("\\.")[0] + "." + jwt.split("\\.")[1] + "." + jwt.split("\\.")[2];
        assertThatThrownBy(() -> VcJwt.verify(mixed, KEY.publicKey())).isInstanceOf(LedgerRuleException.class);
        DeviceKeyPair other = DeviceKeyPair.generate(new SecureRandom());
        assertThatThrownBy(() -> VcJwt.verify(jwt, other.publicKey())).isInstanceOf(LedgerRuleException.class);
        assertThatThrownBy(() -> VcJwt.verify("a.b", KEY.publicKey())).isInstanceOf(LedgerRuleException.class);
    }

    @Test
    void signing_is_deterministic() {
        assertThat(sign()).isEqualTo(sign());
    }

    @Test
    void did_web_encodes_the_port_and_names_the_key_by_its_thumbprint() {
        assertThat(DidWeb.of("localhost:8443").did()).isEqualTo("did:web:localhost%3A8443");
        assertThat(WEB.did()).isEqualTo("did:web:applianceco.example");
        assertThat(WEB.baseUrl()).isEqualTo("https://applianceco.example");
        assertThat(WEB.keyId(KEY.publicKey())).startsWith("did:web:applianceco.example#").hasSize(28 + 43);
        assertThat(DidWeb.keyOf(DidWeb.publicJwk(KEY.publicKey()))).isEqualTo(KEY.publicKey());
        assertThatThrownBy(() -> DidWeb.of("steelco.example/path")).isInstanceOf(LedgerRuleException.class);
        assertThatThrownBy(() -> DidWeb.of("https://steelco.example")).isInstanceOf(LedgerRuleException.class);
    }
}
