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
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.service.http.AuthProblems;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.security.Roles;

/**
 * PACT per-partner access: an admin grants a partner's client (role {@code pact}) the footprints of named products
 * of this organization. That client's {@code /3/footprints}, {@code /3/footprints/{id}} and events answer for those
 * products only.
 */
@Controller("/api/v1/pact/grants")
@Secured(Roles.ADMIN)
@Tag(name = "PACT access")
public class PactGrantController {
    private final PactGrants grants;

    public PactGrantController(PactGrants grants) {
        this.grants = grants;
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
