package org.carbonledger.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;

import java.util.Base64;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.untp.VcJwt;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CertCo's service, with its own did:web host, issuing the conformity credential of its attestation of SteelCo's coil.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.organization", value = "CertCoMSP")
@Property(name = "carbonledger.credentials.did-web-host", value = "certco.example")
class CertifierCredentialTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @BeforeEach
    void setUp() {
        WorkedExampleReadModel.apply(applier);
    }

    HttpResponse<String> get(String uri, String accept) {
        return client.toBlocking().exchange(HttpRequest.GET(uri).header(HttpHeaders.ACCEPT, accept),
                Argument.of(String.class), Argument.of(String.class));
    }

    @Test
    void the_attestation_of_the_coil_is_a_conformity_credential_signed_by_the_certifier() throws Exception {
        String attestation = WorkedExampleReadModel.bundle().batch(COIL_7).orElseThrow().attestations().get(0)
                .attestationId().value();
        String uri = CredentialControllerTest.dcc(COIL_7, attestation);
        HttpResponse<String> response = get(uri, VcJwt.MEDIA_TYPE);
        assertThat(response.code()).isEqualTo(200);
        String jwt = response.body();
        JsonObjectReader document = JsonObjectReader.of(Json.parseObject(
                get("/.well-known/did.json", "application/json").body(), "did"), "");
        assertThat(document.requireString("id")).isEqualTo("did:web:certco.example");
        JsonObjectReader method = JsonObjectReader.of(JsonObjectReader.asObject(
                document.requireArray("verificationMethod").get(0), "vm"), "vm");
        JWSObject jws = JWSObject.parse(jwt);
        assertThat(jws.getHeader().getKeyID()).isEqualTo(method.requireString("id"));
        ECKey key = ECKey.parse(Json.write(method.requireObject("publicKeyJwk").object()));
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();

        JsonObjectReader credential = JsonObjectReader.of(Json.parseObject(jws.getPayload().toString(), "vc"), "");
        assertThat(credential.requireString("id")).isEqualTo("https://certco.example" + uri);
        assertThat(credential.requireObject("issuer").requireString("id")).isEqualTo("did:web:certco.example");
        JsonObjectReader subject = credential.requireObject("credentialSubject");
        assertThat(subject.requireString("id")).isEqualTo("urn:uuid:" + attestation);
        JsonObjectReader assessment = JsonObjectReader.of(JsonObjectReader.asObject(
                subject.requireArray("assessment").get(0), "a"), "a");
        assertThat(assessment.object().get("conformance")).contains(JsonBoolean.of(true));
        // SteelCo did not make its identity public: the credential does not name it.
        assertThat(jws.getPayload().toString()).doesNotContain("SteelCo");

        String[] parts = jwt.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 0x01;
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "."
                + parts[2];
        assertThat(JWSObject.parse(tampered).verify(new ECDSAVerifier(key))).isFalse();
    }

    @Test
    void a_certifier_issues_no_product_passport_for_batches_it_does_not_own() {
        assertThat(get(CredentialControllerTest.COIL_DPP, VcJwt.MEDIA_TYPE).code()).isEqualTo(404);
    }
}
