package org.carbonledger.service.pact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.security.Roles;

/**
 * PACT v3 (WBCSD Technical Specifications for PCF Data Exchange 3.0) actions ListFootprints, GetFootprint and
 * Events, for trading partners' systems. Authentication is PACT's: OAuth 2.0 client credentials at
 * {@code POST /auth/token}, then a bearer token. A partner's client (role {@code pact}) sees the footprints of the
 * products granted to it ({@link PactGrants}); the organization's own clients ({@code read-only} and up) see all.
 * Errors have PACT's body ({@link PactError}). docs/pact.md describes the mapping and what is supported.
 */
@Controller("/3")
@Secured({Roles.READ_ONLY, Roles.PACT})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PACT v3")
final class PactController {
    static final String CLOUDEVENTS = "application/cloudevents+json";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("limit", "offset", "productId", "companyId", "geography",
            "classification", "validOn", "validAfter", "validBefore", "status");

    private final PactFootprints footprints;
    private final PactEvents events;
    private final PactGrants grants;

    private final PactProperties properties;

    PactController(PactFootprints footprints, PactEvents events, PactGrants grants, PactProperties properties) {
        this.footprints = footprints;
        this.events = events;
        this.grants = grants;
        this.properties = properties;
    }

    @Get(uri = "/footprints", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "PACT ListFootprints",
            description = "Filters productId, companyId, geography, classification (repeatable), validOn, validAfter, "
                    + "validBefore, status; limit (default 100, at most 1000); pagination by the Link header. An empty "
                    + "value is ignored; a status other than Active or Deprecated matches nothing.")
    @ApiResponse(responseCode = "200", description = "A page of footprints; the next page is named by a Link header",
            headers = {@Header(name = "Link", description = "<...>; rel=\"next\"", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.ListFootprints.class)))
    @ApiResponse(responseCode = "400", description = "A bad filter or paging parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.Error.class)))
    @PactAuthProblems
    HttpResponse<String> list(HttpRequest<?> request, Authentication authentication) {
        PactFootprints.Filter filter;
        int limit;
        int offset;
        try {
            for (String name : request.getParameters().names()) {
                if (!PARAMETERS.contains(name) && !name.startsWith("x-")) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, name, name,
                            "is not a ListFootprints parameter (supported: " + String.join(", ",
                                    new java.util.TreeSet<>(PARAMETERS)) + ")");
                }
            }
            limit = integer(request, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
            offset = integer(request, "offset", 0, 0, Integer.MAX_VALUE);
            filter = new PactFootprints.Filter(all(request, "productId"), all(request, "companyId"),
                    all(request, "geography"), all(request, "classification"),
                    one(request, "validOn").map(t -> PactEvents.instant(t, "validOn")),
                    one(request, "validAfter").map(t -> PactEvents.instant(t, "validAfter")),
                    one(request, "validBefore").map(t -> PactEvents.instant(t, "validBefore")),
                    all(request, "status"));
        } catch (LedgerRuleException e) {
            return PactError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<JsonObject> matching = footprints.list(filter, grants.visibilityOf(authentication.getName()));
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        String body = Json.write(JsonObject.builder()
                .put("data", PactFootprints.array(matching.subList(from, to))).build());
        MutableHttpResponse<String> response = HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (to < matching.size()) {
            response.header(HttpHeaders.LINK, "<" + nextLink(request, to) + ">; rel=\"next\"");
        }
        return response;
    }

    @Get(uri = "/footprints/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "PACT GetFootprint")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.GetFootprint.class)))
    @ApiResponse(responseCode = "400", description = "Not a UUID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.Error.class)))
    @PactAuthProblems
    @ApiResponse(responseCode = "404", description = "No footprint with this id is offered by this host",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.Error.class)))
    HttpResponse<String> get(String id, Authentication authentication) {
        UUID uuid;
        try {
            uuid = PactEvents.uuid(id, "id");
        } catch (LedgerRuleException e) {
            return PactError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return footprints.get(uuid, grants.visibilityOf(authentication.getName()))
                .<HttpResponse<String>>map(pf -> HttpResponse.ok(Json.write(JsonObject.builder().put("data", pf).build()))
                        .contentType(MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(() -> PactError.response(HttpStatus.NOT_FOUND, "No footprint with id " + uuid
                        + " is offered by this host."));
    }

    @Post(uri = "/events", consumes = {CLOUDEVENTS, MediaType.APPLICATION_JSON}, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "PACT Events (RequestCreated, RequestFulfilled, RequestRejected, Published)",
            description = "A RequestCreatedEvent is answered later, at /3/events under its source (an absolute http(s) "
                    + "URL) unless the client's partner has a configured events endpoint; 400 when it cannot be "
                    + "answered (no such URL, no callback credentials for the client).")
    @RequestBody(required = true, content = {@Content(mediaType = CLOUDEVENTS,
            schema = @Schema(implementation = PactSchemas.Event.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.Event.class))})
    @ApiResponse(responseCode = "200", description = "The event was accepted (no body)", content = @Content)
    @ApiResponse(responseCode = "400", description = "Not an event this host understands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PactSchemas.Error.class)))
    @PactAuthProblems
    HttpResponse<String> events(@Body byte[] body, Authentication authentication) {
        try {
            events.receive(Bodies.text(body, "event"), authentication.getName());
        } catch (LedgerRuleException e) {
            return PactError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return HttpResponse.ok();
    }

    /** An empty value ({@code ?geography=}) is no value: PACT's conformance tool sends one for absent data. */
    private static List<String> all(HttpRequest<?> request, String name) {
        return request.getParameters().getAll(name).stream().filter(v -> !v.isEmpty()).toList();
    }

    private static Optional<String> one(HttpRequest<?> request, String name) {
        List<String> values = all(request, name);
        if (values.size() > 1) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, name, "may be given once only");
        }
        return values.stream().findFirst();
    }

    private static int integer(HttpRequest<?> request, String name, int fallback, int min, int max) {
        Optional<String> text = one(request, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, name, text.get(),
                "must be an integer from " + min + " to " + max);
    }

    /**
     * Absolute, under the configured base URL, else on the host the client called (PACT requires the Host of the
     * original request): a client strips its base URL from the link, so the link must start with it.
     */
    private String nextLink(HttpRequest<?> request, int offset) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, List<String>> p : request.getParameters().asMap().entrySet()) {
            if (p.getKey().equals("offset")) {
                continue;
            }
            for (String v : p.getValue()) {
                if (v.isEmpty()) {
                    continue; // ignored when filtering, so left out of the link
                }
                query.append(query.length() == 0 ? "" : "&").append(enc(p.getKey())).append('=').append(enc(v));
            }
        }
        query.append(query.length() == 0 ? "" : "&").append("offset=").append(offset);
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            return properties.baseUrl() + "/3/footprints?" + query;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?")) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        return "https://" + host.toLowerCase(Locale.ROOT) + "/3/footprints?" + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
