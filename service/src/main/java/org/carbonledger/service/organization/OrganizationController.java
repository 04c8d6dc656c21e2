package org.carbonledger.service.organization;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredRole;
import org.carbonledger.core.ledger.request.OrganizationAnswer;
import org.carbonledger.service.openapi.ApiExamples;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.ListProblems;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.query.Page;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;

/**
 * The consortium's member organizations and their roles. An organization's profile (display name, whether its
 * identity is public) is written with its admin identity, so only this service's admin users may change it.
 */
@Controller("/api/v1/organizations")
@Secured(Roles.READ_ONLY)
@Tag(name = "Organizations and roles")
public class OrganizationController {
    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;
    private final ServiceProperties service;

    public OrganizationController(LedgerAccess ledger, ReadModel readModel, ApiProperties api, ServiceProperties service) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
        this.service = service;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List member organizations", description = "Their profiles as the ledger holds them, each "
            + "with the roles it holds now (as the chaincode's ListOrganizations answers), a page at a time.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.OrganizationPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.ORGANIZATION)
                .map(org -> withRoles(JsonObjectReader.asObject(org, "items"))).response(request);
    }

    @Get(uri = "/{mspId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One member organization's profile", description = "With the roles it holds now.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.Organization.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String mspId) {
        Token.require(mspId, "mspId", 64);
        return ReadModel.json(withRoles(readModel.require(StateKeys.key(StateKeys.ORGANIZATION, mspId), "mspId",
                "organization " + mspId)));
    }

    /**
     * The profile with {@code "roles"}, in the shape the chaincode answers ({@link OrganizationAnswer}), from the
     * organization's ROLE states in the read model (a revocation deletes the state, so these are the roles held now).
     */
    private JsonObject withRoles(JsonObject profile) {
        StoredOrganization org = StoredOrganization.fromJson(profile, "organization");
        Set<String> held = new HashSet<>();
        for (JsonValue role : readModel.list(null, StoredRole.ROLES.size(), StateKeys.ROLE, org.mspId()).items()) {
            held.add(StoredRole.fromJson(JsonObjectReader.asObject(role, "role"), "role").role());
        }
        return new OrganizationAnswer(org, StoredRole.ROLES.stream().filter(held::contains).toList()).toJson();
    }

    @Get(uri = "/{mspId}/roles", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The roles (PRODUCER, CERTIFIER) an organization holds", description = "Each with the proposal that granted it.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.RoleGrantPage.class)))
    @ListProblems
    public HttpResponse<String> roles(HttpRequest<?> request, @PathVariable String mspId,
                                      @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String cursor) {
        Token.require(mspId, "mspId", 64);
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.ROLE, mspId).response(request);
    }

    @Put(uri = "/self", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Register or update this organization's profile",
            description = "Body: {\"displayName\":\"SteelCo\",\"public\":true,\"website\":\"https://…\"}. "
                    + "\"public\": false hides the organization's name from consumers.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "profile", value = ApiExamples.PROFILE),
            schema = @Schema(implementation = OrganizationSchemas.Profile.class)))
    @ApiResponse(responseCode = "200", description = "Registered or updated (or a replay)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string")),
            @Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.OrganizationReceipt.class)))
    @WriteProblems
    public HttpResponse<String> register(@Body byte[] body) {
        JsonObject profile = Bodies.object(body);
        Receipt receipt = Receipt.of(ledger.submit(LedgerAccess.Identity.ADMIN, LedgerOperation.REGISTER_ORGANIZATION,
                Bodies.argument(profile)));
        return receipt.ok().header("Location", URI.create("/api/v1/organizations/" + service.organization()).toString());
    }
}
