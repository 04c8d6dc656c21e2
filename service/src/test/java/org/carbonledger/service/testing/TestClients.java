package org.carbonledger.service.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;

/** The clients seeded by application-test.yml and a way to get their tokens. */
public final class TestClients {
    public static final String ADMIN = "test-admin";
    public static final String ADMIN_SECRET = "admin-secret-0123456789";
    public static final String OPERATOR = "test-operator";
    public static final String OPERATOR_SECRET = "operator-secret-0123456789";
    public static final String READER = "test-reader";
    public static final String READER_SECRET = "reader-secret-0123456789";
    /** A PACT partner's system (role {@code pact}). */
    public static final String PARTNER = "test-partner";
    public static final String PARTNER_SECRET = "partner-secret-0123456789";
    /** Another PACT partner, to show that one partner's grants are not another's. */
    public static final String PARTNER_2 = "test-partner-2";
    public static final String PARTNER_2_SECRET = "partner2-secret-0123456789";
    public static final String DISABLED = "test-disabled";
    public static final String DISABLED_SECRET = "disabled-secret-0123456789";

    private TestClients() {
    }

    /** POSTs a form to /oauth/token and returns the raw response with a JSON map body. */
    public static HttpResponse<Map<String, Object>> tokenResponse(HttpClient client, Map<String, String> form) {
        return client.toBlocking().exchange(
                HttpRequest.POST("/oauth/token", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                Argument.mapOf(String.class, Object.class), Argument.mapOf(String.class, Object.class));
    }

    /** A valid access token for a seeded client. */
    public static String token(HttpClient client, String id, String secret) {
        HttpResponse<Map<String, Object>> response = tokenResponse(client,
                Map.of("grant_type", "client_credentials", "client_id", id, "client_secret", secret));
        if (response.code() != 200) {
            throw new AssertionError("token for " + id + ": " + response.code() + " " + response.getBody(
                    Argument.mapOf(String.class, Object.class)));
        }
        return (String) response.body().get("access_token");
    }

    /** The decoded JSON payload of a JWT, as text. */
    public static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** The decoded JSON header of a JWT, as text. */
    public static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
