package org.carbonledger.service.pact;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.service.http.AuthProblems;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.security.Roles;

/**
 * PACT per-partner access: an admin grants a partner's client (role {@code pact}) the footprints of named products
 * of this organization. That client's {@code /3/footprints}, {@code /3/footprints/{id}} and events answer for those
 * products only. The credentials this service answers a partner's requests with are set here too.
 */
@Controller("/api/v1/pact/grants")
@Secured(Roles.ADMIN)
@Tag(name = "PACT access")
public class PactGrantController {
    private final PactGrants grants;
    private final PactCallbacks callbacks;

    public PactGrantController(PactGrants grants, PactCallbacks callbacks) {
        this.grants = grants;
        this.callbacks = callbacks;
    }

    @Put(uri = "/{clientId}/callback", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the credentials this service answers a partner's requests with",
            description = "A partner's RequestCreatedEvent is answered at /3/events under the event's source, with a "
                    + "token obtained there (its OpenID configuration's token_endpoint, else /auth/token) with these "
                    + "client credentials. Replaces earlier ones, also for answers already queued. The secret is "
                    + "never answered.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PactGrantSchemas.CallbackInput.class)))
    @ApiResponse(responseCode = "201", description = "Set", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactGrantSchemas.Callback.class)))
    @ApiResponse(responseCode = "200", description = "Replaced", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PactGrantSchemas.Callback.class)))
    @AuthProblems
    @ApiResponse(responseCode = "400", description = "A malformed body (INVALID_ARGUMENT naming the field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such client (NOT_FOUND, field clientId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> setCallback(@PathVariable String clientId, @Body byte[] body,
                                            Authentication authentication) {
        JsonObjectReader input = JsonObjectReader.of(Bodies.object(body), "");
        input.rejectUnknownMembers(List.of("clientId", "clientSecret"));
        PactCallbacks.Saved saved = callbacks.set(clientId, input.requireString("clientId"),
                input.requireString("clientSecret"), authentication.getName());
        return HttpResponse.<String>status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Json.write(saved.setting().json())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/{clientId}/callback", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Show the callback credentials of a partner's client (without the secret)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactGrantSchemas.Callback.class)))
    @AuthProblems
    @ApiResponse(responseCode = "404", description = "None set (NOT_FOUND, field clientId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> callback(@PathVariable String clientId) {
        PactCallbacks.Setting setting = callbacks.setting(clientId).orElseThrow(() -> LedgerRuleException.of(
                ErrorCode.NOT_FOUND, "clientId", clientId, "has no callback credentials set"));
        return HttpResponse.ok(Json.write(setting.json())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Delete(uri = "/{clientId}/callback")
    @Operation(summary = "Remove the callback credentials of a partner's client",
            description = "Its requests are then answered with the configured default credentials, if any, else "
                    + "refused with 400; answers already queued are abandoned at their next attempt.")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @AuthProblems
    @ApiResponse(responseCode = "404", description = "None set (NOT_FOUND, field clientId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Void> removeCallback(@PathVariable String clientId, Authentication authentication) {
        callbacks.remove(clientId, authentication.getName());
        return HttpResponse.noContent();
    }

    @Put(uri = "/{clientId}/{gtin}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a PACT partner's client the footprints of a product",
            description = "The client must be an OAuth client of this service with the role pact; the product one of "
                    + "this organization's. Idempotent: granting again answers 200 with the grant as it was.")
    @ApiResponse(responseCode = "201", description = "Granted", headers = @Header(name = "Location",
            description = "The grant", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactGrantSchemas.Grant.class)))
    @ApiResponse(responseCode = "200", description = "Already granted: the grant as it was",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactGrantSchemas.Grant.class)))
    @ApiResponse(responseCode = "401", description = "No token, or an invalid one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "400", description = "A malformed GTIN (INVALID_GTIN), or a client that is not a "
            + "PACT partner's (INVALID_ARGUMENT, field clientId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the admin role, or the product is another "
            + "organization's (FORBIDDEN, field gtin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such client or product (NOT_FOUND, field clientId or gtin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> grant(@PathVariable String clientId, @PathVariable String gtin,
                                      Authentication authentication) {
        PactGrants.Granted granted = grants.grant(clientId, gtin, authentication.getName());
        String body = Json.write(granted.grant().json());
        if (!granted.created()) {
            return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        URI location = URI.create("/api/v1/pact/grants/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "/"
                + granted.grant().gtin().value());
        return HttpResponse.<String>status(HttpStatus.CREATED).body(body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .headers(h -> h.location(location));
    }

    @Delete(uri = "/{clientId}/{gtin}")
    @Operation(summary = "Revoke a PACT grant",
            description = "From the next request on, the client no longer sees the product's footprints.")
    @ApiResponse(responseCode = "204", description = "Revoked", content = @Content)
    @AuthProblems
    @ApiResponse(responseCode = "400", description = "A malformed GTIN (INVALID_GTIN)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such grant (NOT_FOUND, field gtin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Void> revoke(@PathVariable String clientId, @PathVariable String gtin,
                                     Authentication authentication) {
        grants.revoke(clientId, gtin, authentication.getName());
        return HttpResponse.noContent();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List PACT grants", description = "Every grant, by client and GTIN, or one client's.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactGrantSchemas.GrantList.class)))
    @AuthProblems
    public HttpResponse<String> list(@Parameter(description = "only this client's grants")
                                     @Nullable @QueryValue String clientId) {
        List<JsonValue> items = new ArrayList<>();
        grants.list(Optional.ofNullable(clientId)).forEach(g -> items.add(g.json()));
        return HttpResponse.ok(Json.write(JsonObject.builder().put("items", JsonArray.of(items)).build()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
