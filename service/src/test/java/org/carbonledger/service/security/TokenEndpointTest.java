package org.carbonledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.ADMIN;
import static org.carbonledger.service.testing.TestClients.ADMIN_SECRET;
import static org.carbonledger.service.testing.TestClients.DISABLED;
import static org.carbonledger.service.testing.TestClients.DISABLED_SECRET;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.tokenResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest
class TokenEndpointTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JwtSigningKey signingKey;

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Nested
    class Issuance {
        @Test
        void issues_es256_token_with_client_org_and_expanded_roles_for_form_credentials() throws Exception {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("grant_type", "client_credentials", "client_id", OPERATOR, "client_secret", OPERATOR_SECRET));

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
            Map<String, Object> body = response.body();
            assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
            SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(signingKey.getKid().orElseThrow());
            assertThat(jwt.verify(new ECDSAVerifier(signingKey.getPublicKey()))).isTrue();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(OPERATOR);
            assertThat(claims.getStringClaim("org")).isEqualTo("SteelCoMSP");
            assertThat(claims.getStringListClaim("roles")).containsExactly("operator", "read-only");
            assertThat(claims.getIssuer()).isEqualTo("carbonledger-service");
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
        }

        @Test
        void issues_token_for_http_basic_credentials() throws Exception {
            String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8));
            HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                    HttpRequest.POST("/oauth/token", Map.of("grant_type", "client_credentials"))
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                            .header(HttpHeaders.AUTHORIZATION, "Basic " + basic), MAP, MAP);

            assertThat(response.code()).isEqualTo(200);
            JWTClaimsSet claims = SignedJWT.parse((String) response.body().get("access_token")).getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(ADMIN);
            assertThat(claims.getStringListClaim("roles")).containsExactly("admin", "operator", "read-only");
        }

        @Test
        void pact_token_path_issues_the_same_tokens() {
            HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                    HttpRequest.POST("/auth/token", Map.of("grant_type", "client_credentials", "client_id", READER,
                            "client_secret", READER_SECRET)).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                    MAP, MAP);

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body()).containsKey("access_token");
        }
    }

    @Nested
    class Refusal {
        @Test
        void wrong_secret_is_401_invalid_client_problem_with_basic_challenge() {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("grant_type", "client_credentials", "client_id", OPERATOR, "client_secret", "wrong-secret-000000"));

            assertThat(response.code()).isEqualTo(401);
            assertThat(response.getContentType()).contains(MediaType.of("application/problem+json"));
            assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=\"carbonledger\"");
            Map<String, Object> problem = response.getBody(MAP).orElseThrow();
            assertThat(problem).containsEntry("status", 401).containsEntry("error", "invalid_client")
                    .containsEntry("title", "Unauthorized").containsEntry("instance", "/oauth/token");
            assertThat((String) problem.get("detail")).contains("client authentication failed");
            assertThat(problem.toString()).doesNotContain("wrong-secret");
        }

        @Test
        void unknown_client_gets_the_same_answer_as_a_wrong_secret() {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("grant_type", "client_credentials", "client_id", "nobody", "client_secret", OPERATOR_SECRET));

            assertThat(response.code()).isEqualTo(401);
            assertThat(response.getBody(MAP).orElseThrow()).containsEntry("error", "invalid_client");
        }

        @Test
        void disabled_client_gets_no_token() {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("grant_type", "client_credentials", "client_id", DISABLED, "client_secret", DISABLED_SECRET));

            assertThat(response.code()).isEqualTo(401);
        }

        @Test
        void other_grant_type_is_400_unsupported_grant_type() {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("grant_type", "password", "client_id", OPERATOR, "client_secret", OPERATOR_SECRET));

            assertThat(response.code()).isEqualTo(400);
            Map<String, Object> problem = response.getBody(MAP).orElseThrow();
            assertThat(problem).containsEntry("error", "unsupported_grant_type");
            assertThat(problem.get("errors")).isEqualTo(List.of(Map.of("field", "grant_type",
                    "reason", "grant_type \"password\" is not supported; only client_credentials is")));
        }

        @Test
        void missing_grant_type_is_400_invalid_request() {
            HttpResponse<Map<String, Object>> response = tokenResponse(client,
                    Map.of("client_id", OPERATOR, "client_secret", OPERATOR_SECRET));

            assertThat(response.code()).isEqualTo(400);
            assertThat(response.getBody(MAP).orElseThrow()).containsEntry("error", "invalid_request");
        }

        @Test
        void credentials_in_both_header_and_form_are_refused() {
            String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8));
            HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                    HttpRequest.POST("/oauth/token", Map.of("grant_type", "client_credentials", "client_id", ADMIN,
                                    "client_secret", ADMIN_SECRET))
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                            .header(HttpHeaders.AUTHORIZATION, "Basic " + basic), MAP, MAP);

            assertThat(response.code()).isEqualTo(400);
            assertThat(response.getBody(MAP).orElseThrow()).containsEntry("error", "invalid_request");
        }
    }
}
