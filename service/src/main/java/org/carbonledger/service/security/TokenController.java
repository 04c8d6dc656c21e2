package org.carbonledger.service.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.Problems;

/**
 * OAuth 2.0 token endpoint, client-credentials grant only (RFC 6749 §4.4). Credentials come as HTTP Basic
 * ({@code client_id:client_secret}, each form-URL-encoded) or as form fields, never both. Errors are problem JSON
 * that also carry RFC 6749's {@code error} member, so generic OAuth clients understand them.
 *
 * <p>Served at {@code /oauth/token} and at {@code /auth/token}, the path PACT v3 prescribes.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC and BCrypt: never on the event loop
@Tag(name = "Authentication")
final class TokenController {
    static final String REALM = "carbonledger";
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientCredentialsService service;

    TokenController(ClientCredentialsService service) {
        this.service = service;
    }

    /**
     * The token response (RFC 6749 §5.1).
     *
     * @param accessToken the bearer token
     * @param tokenType always {@code Bearer}
     * @param expiresIn lifetime in seconds
     */
    @Serdeable
    @Schema(name = "TokenResponse")
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }

    /**
     * The token request as the OpenAPI document describes it (the form is read field by field in {@link #token}).
     *
     * @param grantType only client_credentials
     * @param clientId the client id, unless sent as HTTP Basic
     * @param clientSecret its secret, unless sent as HTTP Basic
     */
    @Schema(name = "TokenRequest")
    record TokenRequest(
            @Schema(name = "grant_type", type = "string", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = "client_credentials")
            String grantType,
            @Nullable @Schema(name = "client_id") String clientId,
            @Nullable @Schema(name = "client_secret", format = "password") String clientSecret) {
    }

    @Post(uris = {"/oauth/token", "/auth/token"}, consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenRequest.class)))
    @Operation(summary = "Obtain an access token (OAuth 2.0 client credentials)",
            description = "Form fields grant_type=client_credentials, and client_id + client_secret unless they are "
                    + "sent as HTTP Basic. The token goes in \"Authorization: Bearer <token>\".")
    @ApiResponse(responseCode = "200", description = "token issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid_request or unsupported_grant_type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> token(HttpRequest<?> request, @Body Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return oauthError(request, HttpStatus.BAD_REQUEST, "invalid_request", "grant_type",
                    "grant_type is required and must be client_credentials");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return oauthError(request, HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant_type",
                    "grant_type \"" + grantType.replaceAll("[^A-Za-z0-9_:.-]", "?")
                            + "\" is not supported; only client_credentials is");
        }
        Optional<String[]> basic = basicCredentials(request);
        boolean formCredentials = form.containsKey("client_id") || form.containsKey("client_secret");
        if (basic.isPresent() && formCredentials) {
            return oauthError(request, HttpStatus.BAD_REQUEST, "invalid_request", "client_id",
                    "send the client credentials either as HTTP Basic or as form fields, not both");
        }
        String[] credentials = basic.orElseGet(() -> new String[] {form.get("client_id"), form.get("client_secret")});
        if (credentials[0] == null || credentials[0].isEmpty() || credentials[1] == null || credentials[1].isEmpty()) {
            return oauthError(request, HttpStatus.UNAUTHORIZED, "invalid_client", credentials[0] == null
                    || credentials[0].isEmpty() ? "client_id" : "client_secret",
                    "client_id and client_secret are required (HTTP Basic or form fields)");
        }
        return service.issue(credentials[0], credentials[1])
                .<HttpResponse<?>>map(token -> HttpResponse.ok(new TokenResponse(token.accessToken(), "Bearer",
                                token.expiresInSeconds()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header(HttpHeaders.PRAGMA, "no-cache"))
                .orElseGet(() -> oauthError(request, HttpStatus.UNAUTHORIZED, "invalid_client", null,
                        "client authentication failed: unknown client, wrong secret, or client disabled"));
    }

    /** Basic credentials, if the request has an {@code Authorization: Basic} header; malformed ones count as empty. */
    static Optional<String[]> basicCredentials(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> {
                    try {
                        String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()),
                                StandardCharsets.UTF_8);
                        int colon = decoded.indexOf(':');
                        if (colon < 0) {
                            return new String[] {"", ""};
                        }
                        // RFC 6749 §2.3.1: both parts are form-URL-encoded before Base64.
                        return new String[] {
                            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
                    } catch (IllegalArgumentException malformed) {
                        return new String[] {"", ""};
                    }
                });
    }

    private static MutableHttpResponse<Problem> oauthError(HttpRequest<?> request, HttpStatus status, String error,
                                                           String field, String detail) {
        Problem base = Problems.of(status, null, detail,
                field == null ? List.of() : List.of(new Problem.FieldError(field, detail)));
        Problem problem = new Problem(base.type(), base.title(), base.status(), base.detail(), null, null,
                base.errors(), error, null);
        MutableHttpResponse<Problem> response = Problems.response(request, problem)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        return response;
    }
}
