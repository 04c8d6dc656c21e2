package org.carbonledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.ADMIN;
import static org.carbonledger.service.testing.TestClients.ADMIN_SECRET;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class RoleAccessTest {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JwtSigningKey signingKey;

    private HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request, String bearer) {
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return client.toBlocking().exchange(request, MAP, MAP);
    }

    @Test
    void read_only_client_cannot_call_an_operator_route() {
        HttpResponse<Map<String, Object>> response = call(HttpRequest.POST("/test/operate", Map.of()),
                token(client, READER, READER_SECRET));

        assertThat(response.code()).isEqualTo(403);
        assertThat(response.getContentType()).contains(MediaType.of("application/problem+json"));
        Map<String, Object> problem = response.getBody(MAP).orElseThrow();
        assertThat(problem).containsEntry("type", "about:blank").containsEntry("title", "Forbidden")
                .containsEntry("status", 403).containsEntry("instance", "/test/operate");
        assertThat((String) problem.get("detail")).contains("POST /test/operate");
    }

    @Test
    void operator_can_operate_and_read_but_not_govern() {
        String operator = token(client, OPERATOR, OPERATOR_SECRET);

        assertThat(call(HttpRequest.POST("/test/operate", Map.of()), operator).code()).isEqualTo(200);
        assertThat(call(HttpRequest.GET("/test/read"), operator).code()).isEqualTo(200);
        assertThat(call(HttpRequest.POST("/test/govern", Map.of()), operator).code()).isEqualTo(403);
    }

    @Test
    void admin_includes_operator_and_read_only() {
        String admin = token(client, ADMIN, ADMIN_SECRET);

        assertThat(call(HttpRequest.POST("/test/govern", Map.of()), admin).code()).isEqualTo(200);
        assertThat(call(HttpRequest.POST("/test/operate", Map.of()), admin).code()).isEqualTo(200);
        assertThat(call(HttpRequest.GET("/test/read"), admin).code()).isEqualTo(200);
    }

    @Test
    void route_without_secured_annotation_is_refused_even_to_admin() {
        assertThat(call(HttpRequest.GET("/test/unannotated"), token(client, ADMIN, ADMIN_SECRET)).code())
                .isEqualTo(403);
    }

    @Test
    void missing_token_is_401_problem_with_bearer_challenge() {
        HttpResponse<Map<String, Object>> response = call(HttpRequest.GET("/api/v1/me"), null);

        assertThat(response.code()).isEqualTo(401);
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"carbonledger\"");
        Map<String, Object> problem = response.getBody(MAP).orElseThrow();
        assertThat(problem).containsEntry("status", 401).containsEntry("title", "Unauthorized");
        assertThat((String) problem.get("detail")).contains("POST /oauth/token");
    }

    @Test
    void garbage_token_is_401_invalid_token() {
        HttpResponse<Map<String, Object>> response = call(HttpRequest.GET("/api/v1/me"), "not.a.jwt");

        assertThat(response.code()).isEqualTo(401);
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
        assertThat((String) response.getBody(MAP).orElseThrow().get("detail")).contains("invalid or has expired");
    }

    @Test
    void token_signed_by_another_key_is_401() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var foreign = generator.generateKeyPair();
        String forged = sign(claims("SteelCoMSP", Instant.now().plusSeconds(600)),
                (java.security.interfaces.ECPrivateKey) foreign.getPrivate());

        assertThat(call(HttpRequest.GET("/api/v1/me"), forged).code()).isEqualTo(401);
    }

    @Test
    void token_for_another_organization_is_401_even_with_our_key() throws Exception {
        String otherOrg = sign(claims("ApplianceCoMSP", Instant.now().plusSeconds(600)), signingKey.getPrivateKey());
        String ours = sign(claims("SteelCoMSP", Instant.now().plusSeconds(600)), signingKey.getPrivateKey());

        assertThat(call(HttpRequest.GET("/api/v1/me"), otherOrg).code()).isEqualTo(401);
        assertThat(call(HttpRequest.GET("/api/v1/me"), ours).code()).isEqualTo(200);
    }

    @Test
    void expired_token_is_401() throws Exception {
        String expired = sign(claims("SteelCoMSP", Instant.now().minusSeconds(60)), signingKey.getPrivateKey());

        assertThat(call(HttpRequest.GET("/api/v1/me"), expired).code()).isEqualTo(401);
    }

    @Test
    void me_returns_client_org_and_effective_roles() {
        HttpResponse<Map<String, Object>> response = call(HttpRequest.GET("/api/v1/me"),
                token(client, OPERATOR, OPERATOR_SECRET));

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Map.of("clientId", OPERATOR, "org", "SteelCoMSP",
                "roles", List.of("operator", "read-only")));
    }

    private static JWTClaimsSet claims(String org, Instant expiry) {
        return new JWTClaimsSet.Builder().subject("intruder").issuer("carbonledger-service")
                .claim("org", org).claim("roles", List.of("admin", "operator", "read-only"))
                .issueTime(Date.from(expiry.minusSeconds(3600))).notBeforeTime(Date.from(expiry.minusSeconds(3600)))
                .expirationTime(Date.from(expiry)).build();
    }

    private static String sign(JWTClaimsSet claims, java.security.interfaces.ECPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
