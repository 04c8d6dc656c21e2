package org.carbonledger.service.passport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredProduct;
import org.carbonledger.service.footprint.FootprintStates;
import org.carbonledger.service.footprint.Footprints;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.Problems;

/**
 * The GS1 Digital Link resolver of the consumer passport: {@code /01/{gtin}} (product) and
 * {@code /01/{gtin}/10/{lot}} (batch). docs/passport.md describes the behaviour:
 * <ul>
 *   <li>content negotiation: HTML for browsers, JSON for {@code Accept: application/json}, an RFC 9264 linkset for
 *       {@code Accept: application/linkset+json} or {@code ?linkType=all};</li>
 *   <li>{@code ?linkType=gs1:sustainabilityInfo} or {@code gs1:defaultLink} (or any link type this resolver does not
 *       hold, as GS1 resolvers fall back to the default link) serves the passport; {@code gs1:pip} on a batch
 *       redirects to the product page;</li>
 *   <li>{@code ?format=qr-png} ({@code &size=} pixels per module, 1–40, default 8) or {@code ?format=qr-svg}: the QR
 *       code of exactly the canonical Digital Link;</li>
 *   <li>400 for a malformed identifier (check digit, lot characters, path shape), 404 for an unknown product or lot
 *       or a lot not sealed yet; errors are HTML for browsers and problem JSON otherwise, never 200.</li>
 * </ul>
 * Everything is read from the read model; nothing here calls the ledger.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Consumer passport (GS1 Digital Link)")
final class ResolverController {
    static final String LINKSET = "application/linkset+json";
    static final String GS1_VOC = "https://gs1.org/voc/";
    private static final Pattern LINK_TYPE = Pattern.compile("all|linkset|gs1:[A-Za-z][A-Za-z0-9]{0,63}");
    private static final int LOTS_ON_PRODUCT_PAGE = 50;

    private final Footprints footprints;
    private final FootprintStates states;
    private final PassportProperties properties;
    private final PassportPages pages;

    ResolverController(Footprints footprints, FootprintStates states, PassportProperties properties,
                       PassportPages pages) {
        this.footprints = footprints;
        this.states = states;
        this.properties = properties;
        this.pages = pages;
    }

    @Get(uris = {"/01/{+rest}"}, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, LINKSET,
        Problem.MEDIA_TYPE, MediaType.IMAGE_PNG, "image/svg+xml"})
    @SecurityRequirements
    // One route for both Digital Link paths: the document lists them (/01/{gtin}, /01/{gtin}/10/{lot}) from
    // src/main/openapi, as annotations cannot describe a {+rest} path.
    @Hidden
    @Operation(summary = "Resolve a GS1 Digital Link (product or batch passport)",
            description = "/01/{gtin} or /01/{gtin}/10/{lot}. HTML, JSON (Accept: application/json), linkset "
                    + "(?linkType=all), QR code (?format=qr-png|qr-svg). See docs/passport.md.")
    HttpResponse<?> resolve(HttpRequest<?> request, String rest, @Nullable @QueryValue String linkType,
                            @Nullable @QueryValue String format, @Nullable @QueryValue Integer size) {
        Representation want = Representation.of(request);
        DigitalLink path;
        String base;
        try {
            path = DigitalLink.parsePath(request.getUri().getRawPath());
            base = base(request);
        } catch (LedgerRuleException e) {
            return error(request, want, HttpStatus.BAD_REQUEST, e.code(), "Not a valid product code", e.getMessage(),
                    e.field());
        }
        DigitalLink link = new DigitalLink(base, path.gtin(), path.lot());
        if (format != null) {
            return qr(request, want, link, format, size);
        }
        if (linkType != null && !LINK_TYPE.matcher(linkType).matches()) {
            return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "Not a valid link type",
                    "linkType " + LedgerRuleException.quote(linkType) + ": expected all, linkset or gs1:{name}",
                    "linkType");
        }
        // A consumer's scan: served from memory, without a database read, when the page is held.
        Optional<MutableHttpResponse<?>> held = linkType == null && want != Representation.LINKSET
                ? pages.cached(request, link, want == Representation.JSON, Instant.now()) : Optional.empty();
        if (held.isPresent()) {
            return withLinkHeader(held.get(), link);
        }
        Optional<JsonObject> product = footprints.product(link.gtin());
        if (product.isEmpty()) {
            return error(request, want, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "Unknown product",
                    "No product with GTIN " + link.gtin().value() + " is registered on the Carbon Ledger.", "gtin");
        }
        if (link.batch().isEmpty()) {
            return productPage(request, want, link, product.get(), linkType);
        }
        BatchId id = link.batch().get();
        Optional<StoredBatch> batch = footprints.batch(id);
        if (batch.isEmpty() || !batch.get().isSealed()) {
            return error(request, want, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "Unknown lot",
                    batch.isEmpty() ? "Lot " + id.lot().value() + " of GTIN " + id.gtin().value() + " is not on the "
                            + "Carbon Ledger." : "The footprint of lot " + id.lot().value() + " of GTIN "
                            + id.gtin().value() + " is not sealed yet.", "lot");
        }
        if ("gs1:pip".equals(linkType)) {
            return HttpResponse.temporaryRedirect(java.net.URI.create(DigitalLink.of(base, link.gtin()).uri()));
        }
        if ("all".equals(linkType) || "linkset".equals(linkType) || want == Representation.LINKSET) {
            return withLinkHeader(HttpResponse.ok(Json.write(linkset(link))).contentType(LINKSET), link);
        }
        return withLinkHeader(pages.serve(request, link, batch.get(), want == Representation.JSON, Instant.now()), link);
    }

    @Get(uri = "/.well-known/gs1resolver", produces = MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "GS1 resolver description file")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResolverSchemas.Description.class)))
    HttpResponse<String> resolverDescription(HttpRequest<?> request) {
        String base;
        try {
            base = base(request);
        } catch (LedgerRuleException e) {
            base = "";
        }
        JsonObject description = JsonObject.builder()
                .put("name", "Carbon Ledger consumer passport")
                .put("resolverRoot", base)
                .put("supportedPrimaryKeys", strings(List.of("gtin")))
                .put("supportedQualifiers", strings(List.of("10")))
                .put("linkTypeDefaultCanBeLinkset", false)
                .put("supportedLinkTypes", JsonArray.of(
                        linkTypeEntry("gs1:sustainabilityInfo", "Carbon footprint passport of a batch (default)"),
                        linkTypeEntry("gs1:defaultLink", "The batch passport, or the product page for a GTIN"),
                        linkTypeEntry("gs1:pip", "Product information page (the GTIN's page)")))
                .put("supportedContextValuesEnumerated", JsonArray.of())
                .put("contentNegotiation", strings(List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, LINKSET)))
                .build();
        return HttpResponse.ok(Json.write(description)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    private HttpResponse<?> productPage(HttpRequest<?> request, Representation want, DigitalLink link,
                                        JsonObject product, @Nullable String linkType) {
        if ("all".equals(linkType) || "linkset".equals(linkType) || want == Representation.LINKSET) {
            return withLinkHeader(HttpResponse.ok(Json.write(linkset(link))).contentType(LINKSET), link);
        }
        StoredProduct p = StoredProduct.fromJson(product, "product");
        String owner = p.ownerMspId();
        Optional<String> producer = Optional.ofNullable(footprints.organizations().get(owner))
                .map(o -> StoredOrganization.fromJson(o, "org"))
                .filter(StoredOrganization::isPublic)
                .map(StoredOrganization::displayName);
        List<String> lots = states.sealedLots(link.gtin().value(), LOTS_ON_PRODUCT_PAGE);
        long lotCount = states.countSealedLots(link.gtin().value());
        List<JsonValue> lotLinks = new ArrayList<>();
        for (String lot : lots) {
            lotLinks.add(JsonObject.builder().put("lot", lot)
                    .put("digitalLink", DigitalLink.of(link.base(), new BatchId(link.gtin(),
                            org.carbonledger.core.identifier.Lot.parse(lot))).uri()).build());
        }
        JsonObject.Builder doc = JsonObject.builder()
                .put("digitalLink", link.uri())
                .put("product", JsonObject.builder().put("gtin", link.gtin().value())
                        .put("name", p.name())
                        .put("description", p.description())
                        .put("declaredUnit", p.declaredUnit().symbol()).build());
        producer.ifPresent(name -> doc.put("producer", name));
        JsonObject json = doc.put("producerPublic", producer.isPresent())
                .put("sealedLotCount", lotCount)
                .put("sealedLots", JsonArray.of(lotLinks))
                .build();
        return render(want, link, () -> Json.write(json), () -> {
            StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
                    .append(PassportPage.esc(p.name())).append("</title><style>")
                    .append(PassportPage.STYLE).append("</style></head><body><main><header><div class=\"muted\">"
                            + "Product</div><h1>").append(PassportPage.esc(p.name()))
                    .append("</h1><div class=\"muted\">GTIN ").append(link.gtin().value());
            producer.ifPresent(name -> html.append(" · made by ").append(PassportPage.esc(name)));
            html.append("</div></header><section><h2>Footprints by lot</h2>");
            if (lots.isEmpty()) {
                html.append("<p>No lot of this product has a sealed footprint yet.</p>");
            } else {
                html.append("<p class=\"muted\">").append(lotCount).append(" sealed lots; the newest:</p><ul>");
                for (String lot : lots) {
                    String href = DigitalLink.of("", new BatchId(link.gtin(),
                            org.carbonledger.core.identifier.Lot.parse(lot))).path();
                    html.append("<li><a href=\"").append(PassportPage.esc(href)).append("\">Lot ")
                            .append(PassportPage.esc(lot)).append("</a></li>");
                }
                html.append("</ul>");
            }
            return html.append("</section></main></body></html>").toString();
        });
    }

    /** Renders only the representation asked for. */
    private HttpResponse<?> render(Representation want, DigitalLink link, java.util.function.Supplier<String> json,
                                   java.util.function.Supplier<String> html) {
        MutableHttpResponse<String> response = want == Representation.JSON
                ? HttpResponse.ok(json.get()).contentType(MediaType.APPLICATION_JSON_TYPE)
                : HttpResponse.ok(html.get()).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
        // Attestations can arrive at any time: a minute of caching keeps scans fast without hiding them for long.
        return withLinkHeader(response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT), link);
    }

    private static MutableHttpResponse<?> withLinkHeader(MutableHttpResponse<?> response, DigitalLink link) {
        return response.header(HttpHeaders.LINK, "<" + link.uri() + "?linkType=all>; rel=\"linkset\"; type=\""
                + LINKSET + "\"");
    }

    private HttpResponse<?> qr(HttpRequest<?> request, Representation want, DigitalLink link, String format,
                               @Nullable Integer size) {
        int modulePixels = size == null ? 8 : size;
        if (modulePixels < 1 || modulePixels > QrCode.MAX_MODULE_PIXELS) {
            return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "Bad QR code size",
                    "size " + modulePixels + ": pixels per module must be 1 to " + QrCode.MAX_MODULE_PIXELS, "size");
        }
        QrCode qr = QrCode.of(link.uri());
        MutableHttpResponse<?> response = switch (format) {
            case "qr-png" -> HttpResponse.ok(qr.png(modulePixels)).contentType(MediaType.IMAGE_PNG_TYPE);
            case "qr-svg" -> HttpResponse.ok(qr.svg().getBytes(StandardCharsets.UTF_8))
                    .contentType("image/svg+xml");
            default -> null;
        };
        if (response == null) {
            return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "Unknown format",
                    "format " + LedgerRuleException.quote(format) + ": expected qr-png or qr-svg", "format");
        }
        // The code depends only on the identifier and the configured base, not on ledger data. The Link header names
        // the canonical link the code encodes, as on every other answer of the resolver (carbonctl qr prints it).
        return withLinkHeader(response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400"), link);
    }

    static JsonObject linkset(DigitalLink link) {
        JsonObject.Builder anchor = JsonObject.builder().put("anchor", link.uri());
        if (link.batch().isPresent()) {
            JsonArray passport = JsonArray.of(
                    target(link.uri(), MediaType.TEXT_HTML, "Carbon footprint passport"),
                    target(link.uri(), MediaType.APPLICATION_JSON, "Carbon footprint passport (JSON)"));
            anchor.put(GS1_VOC + "sustainabilityInfo", passport)
                    .put(GS1_VOC + "defaultLink", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML,
                            "Carbon footprint passport")))
                    .put(GS1_VOC + "pip", JsonArray.of(target(DigitalLink.of(link.base(), link.gtin()).uri(),
                            MediaType.TEXT_HTML, "Product page")));
        } else {
            anchor.put(GS1_VOC + "defaultLink", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML, "Product page")))
                    .put(GS1_VOC + "pip", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML, "Product page"),
                            target(link.uri(), MediaType.APPLICATION_JSON, "Product page (JSON)")));
        }
        return JsonObject.builder().put("linkset", JsonArray.of(anchor.build())).build();
    }

    private static JsonObject target(String href, String type, String title) {
        return JsonObject.builder().put("href", href).put("type", type).put("title", title)
                .put("hreflang", strings(List.of("en"))).build();
    }

    private static JsonObject linkTypeEntry(String type, String title) {
        return JsonObject.builder().put("linkType", type).put("title", title).build();
    }

    private static JsonArray strings(List<String> values) {
        return JsonArray.of(values.stream().map(org.carbonledger.core.json.JsonString::of).toList());
    }

    /** The configured base, else https and the request's Host (validated like any base). */
    private String base(HttpRequest<?> request) {
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            return properties.baseUrl();
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "Host", "the request has no Host header "
                    + "and carbonledger.passport.base-url is not set");
        }
        String base = "https://" + host.toLowerCase(Locale.ROOT);
        DigitalLink.of(base, Gtin.parse("09506000134352")); // validates the host
        return base;
    }

    private static HttpResponse<?> error(HttpRequest<?> request, Representation want, HttpStatus status,
                                         ErrorCode code, String title, String detail, String field) {
        if (want == Representation.HTML) {
            return HttpResponse.status(status).body(PassportPage.error(status.getCode(), title, detail))
                    .contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
        }
        return Problems.response(request, Problems.of(status, code, detail,
                List.of(new Problem.FieldError(field, detail))));
    }

    /** What the client asked for, by its Accept header (q-values honoured; browsers get HTML). */
    enum Representation {
        HTML, JSON, LINKSET;

        static Representation of(HttpRequest<?> request) {
            List<String> accept = request.getHeaders().getAll(HttpHeaders.ACCEPT);
            double html = -1;
            double json = -1;
            double linkset = -1;
            double any = -1;
            for (String header : accept) {
                for (String range : header.split(",")) {
                    String[] parts = range.trim().split(";");
                    String type = parts[0].trim().toLowerCase(Locale.ROOT);
                    double q = 1;
                    for (int i = 1; i < parts.length; i++) {
                        String param = parts[i].trim();
                        if (param.startsWith("q=")) {
                            try {
                                q = Double.parseDouble(param.substring(2));
                            } catch (NumberFormatException malformed) {
                                q = 0;
                            }
                        }
                    }
                    switch (type) {
                        case "text/html", "application/xhtml+xml", "text/*" -> html = Math.max(html, q);
                        case "application/json", "application/problem+json" -> json = Math.max(json, q);
                        case ResolverController.LINKSET -> linkset = Math.max(linkset, q);
                        case "*/*" -> any = Math.max(any, q);
                        default -> {
                            // other types are not offered
                        }
                    }
                }
            }
            if (linkset > 0 && linkset >= html && linkset >= json) {
                return LINKSET;
            }
            if (json > 0 && json > html) {
                return JSON;
            }
            return html > 0 || any > 0 || accept.isEmpty() ? HTML : json > 0 ? JSON : HTML;
        }
    }
}
