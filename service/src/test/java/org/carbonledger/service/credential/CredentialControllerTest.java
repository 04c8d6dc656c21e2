package org.carbonledger.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_OPEN;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.WASHERS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.untp.DidWeb;
import org.carbonledger.core.untp.VcJwt;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SteelCo's service issuing the product passport credential of its sealed coil (the worked example in the read
 * model, no Fabric network): anonymous, signed as application/vc+jwt, verifiable with the key of the DID document the
 * service serves, checked here with Nimbus JOSE+JWT, a maintained JOSE library independent of core's code.
 */
@MicronautTest(transactional = false)
class CredentialControllerTest {
    static final String COIL_DPP = "/api/v1/batches/09506000134352/COIL-7/credentials/untp-dpp";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    ServiceProperties service;

    @BeforeEach
    void setUp() {
        WorkedExampleReadModel.apply(applier);
    }

    HttpResponse<String> get(String uri, String accept) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    static String body(HttpResponse<String> response) {
        return response.getBody(String.class).orElse("");
    }

    /** The verification method of the served DID document that the token's kid names, as Nimbus reads it. */
    ECKey keyOf(String jwt) throws Exception {
        JsonObjectReader document = JsonObjectReader.of(Json.parseObject(body(get("/.well-known/did.json", null)),
                "did"), "");
        String kid = JWSObject.parse(jwt).getHeader().getKeyID();
        for (JsonValue v : document.requireArray("verificationMethod").elements()) {
            JsonObjectReader method = JsonObjectReader.of(JsonObjectReader.asObject(v, "vm"), "vm");
            if (method.requireString("id").equals(kid)) {
                assertThat(method.requireString("controller")).isEqualTo(document.requireString("id"));
                return ECKey.parse(Json.write(method.requireObject("publicKeyJwk").object()));
            }
        }
        throw new AssertionError("the DID document lists no verification method " + kid);
    }

    static String changeOnePayloadByte(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[index] ^= 0x01;
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];
    }

    @Test
    void the_coil_passport_is_a_vc_jwt_that_verifies_with_the_served_did_document() throws Exception {
        HttpResponse<String> response = get(COIL_DPP, null);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith(VcJwt.MEDIA_TYPE);
        String jwt = body(response);
        JWSObject jws = JWSObject.parse(jwt);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jws.getHeader().getType().toString()).isEqualTo("vc+jwt");
        ECKey key = keyOf(jwt);
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        // The kid's fragment is the key's RFC 7638 thumbprint, as Nimbus computes it.
        assertThat(jws.getHeader().getKeyID()).isEqualTo("did:web:localhost%3A8443#" + key.computeThumbprint());

        JsonObjectReader credential = JsonObjectReader.of(Json.parseObject(jws.getPayload().toString(), "vc"), "");
        assertThat(credential.requireObject("issuer").requireString("id")).isEqualTo("did:web:localhost%3A8443");
        assertThat(credential.requireObject("credentialSubject").requireString("id"))
                .isEqualTo("https://id.gs1.org/01/09506000134352/10/COIL-7");
        // The unsecured credential is the same document.
        HttpResponse<String> unsecured = get(COIL_DPP, VcJwt.CREDENTIAL_MEDIA_TYPE);
        assertThat(unsecured.header(HttpHeaders.CONTENT_TYPE)).startsWith(VcJwt.CREDENTIAL_MEDIA_TYPE);
        assertThat(Json.parseObject(body(unsecured), "vc")).isEqualTo(credential.object());
        assertThat(credential.requireArray("type").elements().toString()).contains("DigitalProductPassport");
    }

    @Test
    void a_one_byte_change_of_the_payload_fails_verification() throws Exception {
        String jwt = body(get(COIL_DPP, VcJwt.MEDIA_TYPE));
        ECKey key = keyOf(jwt);
        int length = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]).length;
        for (int index : new int[] {0, length / 3, length - 1}) {
            String tampered = changeOnePayloadByte(jwt, index);
            assertThat(JWSObject.parse(tampered).verify(new ECDSAVerifier(key))).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> VcJwt.verify(tampered, DidWeb.keyOf(Json.parseObject(key.toJSONString(), "jwk"))))
                    .isInstanceOf(LedgerRuleException.class);
        }
        assertThat(JWSObject.parse(jwt).verify(new ECDSAVerifier(key))).isTrue();
    }

    @Test
    void the_passport_credential_holds_the_consumer_tier_only() {
        String text = body(get(COIL_DPP, VcJwt.CREDENTIAL_MEDIA_TYPE));
        // The coil's upstream (pellets) is SteelCo's own; no quantity, transfer or record of the read model appears.
        assertThat(text).doesNotContain("\"quantity\"").doesNotContain("allocated").doesNotContain("recordId")
                .doesNotContain("deviceId");
        for (var b : WorkedExampleReadModel.bundle().batches().values()) {
            b.records().forEach(r -> assertThat(text).doesNotContain(r.recordId().value()));
        }
    }

    @Test
    void other_organizations_batches_unsealed_batches_and_bad_identifiers_have_no_passport() {
        // The washers are ApplianceCo's: SteelCo's service does not sign for them.
        HttpResponse<String> other = get("/api/v1/batches/" + WASHERS.gtin().value() + "/" + WASHERS.lot().value()
                + "/credentials/untp-dpp", null);
        assertThat(other.code()).isEqualTo(404);
        assertThat(body(other)).contains("owner");
        HttpResponse<String> open = get("/api/v1/batches/" + COIL_OPEN.gtin().value() + "/"
                + COIL_OPEN.lot().value() + "/credentials/untp-dpp", null);
        assertThat(open.code()).isEqualTo(409);
        assertThat(body(open)).contains("BATCH_NOT_SEALED");
        assertThat(get("/api/v1/batches/09506000134353/COIL-7/credentials/untp-dpp", null).code()).isEqualTo(400);
    }

    @Test
    void a_conformity_credential_comes_only_from_the_certifier_service() {
        String attestation = WorkedExampleReadModel.bundle().batch(COIL_7).orElseThrow().attestations().get(0)
                .attestationId().value();
        HttpResponse<String> response = get(dcc(COIL_7, attestation), null);
        assertThat(response.code()).isEqualTo(404);
        assertThat(body(response)).contains("certifier");
        assertThat(get(dcc(COIL_7, "not-a-uuid"), null).code()).isEqualTo(400);
    }

    static String dcc(BatchId batch, String attestation) {
        return "/api/v1/batches/" + batch.gtin().value() + "/" + batch.lot().value() + "/attestations/" + attestation
                + "/credentials/untp-dcc";
    }

    @Test
    void the_did_document_names_the_organization_and_its_credential_key_which_is_not_the_token_key()
            throws Exception {
        // The key is generated at first start into the data directory, readable by the service's user only.
        JsonObject document = Json.parseObject(body(get("/.well-known/did.json", null)), "did");
        JsonObjectReader d = JsonObjectReader.of(document, "");
        assertThat(d.requireString("id")).isEqualTo("did:web:localhost%3A8443");
        JsonArray methods = d.requireArray("verificationMethod");
        assertThat(methods.size()).isEqualTo(1);
        String kid = JsonObjectReader.of(JsonObjectReader.asObject(methods.get(0), "vm"), "vm").requireString("id");
        assertThat(d.requireArray("assertionMethod").elements().toString()).contains(kid);

        Path dataDir = Path.of(service.dataDir());
        Path keyFile = dataDir.resolve("credentials").resolve(CredentialKey.GENERATED_FILE);
        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String credentialKey = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Path tokenKey = dataDir.resolve("jwt").resolve("signing-key.pem");
        if (Files.exists(tokenKey)) {
            assertThat(Files.readString(tokenKey, StandardCharsets.US_ASCII)).isNotEqualTo(credentialKey);
        }
    }
}
