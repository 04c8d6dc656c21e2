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
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredProduct;
import org.carbonledger.service.footprint.FootprintStates;
import org.carbonledger.service.footprint.Footprints;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.Problems;

/**
 * The GS1 Digital Link resolver of the consumer passport: {@code /01/{gtin}} (product),
 * {@code /01/{gtin}/10/{lot}} (batch), with the serial ({@code /21/}) and the consumer product variant ({@code /22/})
 * accepted in GS1's qualifier order. docs/passport.md describes the behaviour:
 * <ul>
 *   <li>content negotiation: HTML for browsers, JSON for {@code Accept: application/json}, an RFC 9264 linkset for
 *       {@code Accept: application/linkset+json} or {@code ?linkType=linkset} ({@code all});</li>
 *   <li>walking up the qualifier path: a serial or variant is answered by its lot, a lot without a sealed footprint
 *       by its product; a link type the answering level does not hold is 404; {@code gs1:pip} on a batch redirects
 *       (307, query passed on) to the product page;</li>
 *   <li>{@code ?format=qr-png} ({@code &size=} pixels per module, 1–40, default 8) or {@code ?format=qr-svg}: the QR
 *       code of exactly the canonical Digital Link, built on the configured resolver base URL;</li>
 *   <li>400 for a malformed identifier (check digit, qualifier characters, path shape), 404 for an unknown product;
 *       errors are HTML for browsers and problem JSON otherwise, never 200;</li>
 *   <li>HTML (the product page, {@link ProductPage}, and error pages) in the language {@link PassportLanguage} chooses,
 *       as the batch passport.</li>
 * </ul>
 * Everything is read from the read model; nothing here calls the ledger. CORS: {@link PublicCors}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Consumer passport (GS1 Digital Link)")
final class ResolverController {
    static final String LINKSET = "application/linkset+json";
    static final String GS1_VOC = "https://gs1.org/voc/";
    /** GS1's context for reading a linkset as JSON-LD (GS1-Conformant Resolver standard). */
    static final String JSON_LD_CONTEXT = "https://ref.gs1.org/standards/resolver/linkset-context";
    static final String LINKSET_TYPE = "linkset";
    private static final Pattern LINK_TYPE = Pattern.compile("gs1:[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern LINK_TYPE_URI = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[!-~]{0,200}");
    /** Spellings of the GS1 vocabulary's namespace that clients send for the {@code gs1:} prefix. */
    private static final List<String> GS1_NAMESPACES = List.of(GS1_VOC, "http://gs1.org/voc/",
            "https://ref.gs1.org/voc/", "http://ref.gs1.org/voc/", "https://www.gs1.org/voc/");
    /** Link types a sealed lot holds; the default link is the sustainability information. */
    private static final List<String> BATCH_LINK_TYPES = List.of("gs1:sustainabilityInfo", "gs1:defaultLink",
            "gs1:pip");
    /** Link types a product holds: its page. */
    private static final List<String> PRODUCT_LINK_TYPES = List.of("gs1:defaultLink", "gs1:pip");
    private static final int LOTS_ON_PRODUCT_PAGE = 50;
    /** Pages and errors: JSON or HTML by Accept, the HTML's language by Accept-Language (or the switch). */
    private static final String VARY = HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_LANGUAGE;

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
    // One route for every Digital Link path: the document lists them (/01/{gtin}, /01/{gtin}/10/{lot}) from
    // src/main/openapi, as annotations cannot describe a {+rest} path.
    @Hidden
    @Operation(summary = "Resolve a GS1 Digital Link (product or batch passport)",
            description = "/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]. HTML, JSON (Accept: application/json), "
                    + "linkset (?linkType=linkset), QR code (?format=qr-png|qr-svg). See docs/passport.md.")
    HttpResponse<?> resolve(HttpRequest<?> request, String rest, @Nullable @QueryValue String linkType,
                            @Nullable @QueryValue String format, @Nullable @QueryValue Integer size) {
        Representation want = Representation.of(request);
        ResolverPath path;
        String base;
        try {
            path = ResolverPath.parse(request.getUri().getRawPath());
            base = linkBase(request);
        } catch (LedgerRuleException e) {
            return error(request, want, HttpStatus.BAD_REQUEST, e.code(), "identifier", e.getMessage(), e.field());
        }
        // The canonical link of everything the label names, serial and variant included: what its QR code encodes
        // and what a linkset is anchored at.
        String requested = path.uri(base);
        if (format != null) {
            return qr(request, want, requested, format, size);
        }
        String type = null;
        if (linkType != null) {
            type = linkType(linkType);
            if (type == null) {
                return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
                        "linkType", "linkType " + LedgerRuleException.quote(linkType)
                                + ": expected linkset, all, gs1:{name} or a link type URI", "linkType");
            }
        }
        // A consumer's scan: served from memory, without a database read, when the lot's page is held.
        if (type == null && want != Representation.LINKSET && path.batch().isPresent()) {
            Optional<MutableHttpResponse<?>> held = pages.cached(request, DigitalLink.of(base, path.batch().get()),
                    want == Representation.JSON, Instant.now());
            if (held.isPresent()) {
                return withLinkHeader(held.get(), requested);
            }
        }
        Optional<JsonObject> product = footprints.product(path.gtin());
        if (product.isEmpty()) {
            return error(request, want, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "unknownProduct",
                    "No product with GTIN " + path.gtin().value() + " is registered on the Carbon Ledger.", "gtin",
                    path.gtin().value());
        }
        // Walk up the qualifier path (GS1-Conformant Resolver): the ledger holds no serials or variants, so a lot's
        // passport answers for them; a lot without a sealed footprint has none, so the product's links answer.
        Optional<StoredBatch> batch = path.batch().flatMap(footprints::batch);
        if (batch.isEmpty() || !batch.get().isSealed()) {
            Optional<String> lotStatus = path.lot().map(l -> batch.isEmpty() ? "UNKNOWN" : "NOT_SEALED");
            return productPage(request, want, path, requested, DigitalLink.of(base, path.gtin()), product.get(),
                    type, lotStatus);
        }
        DigitalLink link = DigitalLink.of(base, batch.get().id());
        if (LINKSET_TYPE.equals(type) || want == Representation.LINKSET) {
            return linksetResponse(requested, link);
        }
        if (type != null && !BATCH_LINK_TYPES.contains(type)) {
            return noSuchLinkType(request, want, type, requested);
        }
        if ("gs1:pip".equals(type)) {
            return redirect(request, DigitalLink.of(base, link.gtin()).uri(), requested);
        }
        return withLinkHeader(pages.serve(request, link, batch.get(), want == Representation.JSON, Instant.now()), requested);
    }

    @Get(uri = "/.well-known/gs1resolver", produces = MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "GS1 resolver description file")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResolverSchemas.Description.class)))
    HttpResponse<String> resolverDescription(HttpRequest<?> request) {
        String root;
        try {
            root = publicBase(request);
        } catch (LedgerRuleException e) {
            // A request without a usable Host still learns what this resolver supports; only its root is unknown.
            root = linkBaseOrEmpty();
        }
        // Only the properties of GS1's resolver description schema: primary keys as AI codes, the link type
        // namespaces, whether the default link type can be the linkset, where the linkset's JSON-LD context is.
        JsonObject.Builder description = JsonObject.builder()
                .put("name", "Carbon Ledger consumer passport");
        if (!root.isEmpty()) {
            description.put("resolverRoot", root);
        }
        description.put("supportedPrimaryKeys", strings(List.of(DigitalLink.AI_GTIN)))
                .put("supportedLinkType", JsonArray.of(JsonObject.builder().put("namespace", GS1_VOC)
                        .put("prefix", "gs1:").build()))
                .put("linkTypeDefaultCanBeLinkset", false)
                .put("jsonLdContextLocation", JSON_LD_CONTEXT);
        return HttpResponse.ok(Json.write(description.build())).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    private HttpResponse<?> productPage(HttpRequest<?> request, Representation want, ResolverPath path,
                                        String requested, DigitalLink link, JsonObject product,
                                        @Nullable String type, Optional<String> lotStatus) {
        if (LINKSET_TYPE.equals(type) || want == Representation.LINKSET) {
            return linksetResponse(requested, link);
        }
        if (type != null && !PRODUCT_LINK_TYPES.contains(type)) {
            return noSuchLinkType(request, want, type, requested);
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
        // A scanned lot without a passport is answered by its product; say so rather than leave the reader guessing.
        path.lot().ifPresent(lot -> doc.put("requestedLot", JsonObject.builder().put("lot", lot.value())
                .put("status", lotStatus.orElseThrow()).build()));
        producer.ifPresent(name -> doc.put("producer", name));
        JsonObject json = doc.put("producerPublic", producer.isPresent())
                .put("sealedLotCount", lotCount)
                .put("sealedLots", JsonArray.of(lotLinks))
                .build();
        if (want == Representation.JSON) {
            return withLinkHeader(cacheable(HttpResponse.ok(Json.write(json))
                    .contentType(MediaType.APPLICATION_JSON_TYPE), VARY), requested);
        }
        List<ProductPage.Lot> lotPaths = lots.stream().map(lot -> new ProductPage.Lot(lot, DigitalLink.of("",
                new BatchId(link.gtin(), org.carbonledger.core.identifier.Lot.parse(lot))).path())).toList();
        ProductPage.View view = new ProductPage.View(p.name(), link.gtin().value(),
                DigitalLink.of("", link.gtin()).path(), producer,
                path.lot().map(org.carbonledger.core.identifier.Lot::value),
                lotStatus.map(ProductPage.LotStatus::valueOf), lotCount, lotPaths);
        PassportLanguage l = PassportLanguage.of(request);
        MutableHttpResponse<String> html = HttpResponse.ok(ProductPage.render(view, l,
                PassportLanguage.switched(request))).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
        return withLinkHeader(cacheable(html, VARY).header(HttpHeaders.CONTENT_LANGUAGE, l.tag()), requested);
    }

    private static MutableHttpResponse<?> linksetResponse(String requested, DigitalLink level) {
        MutableHttpResponse<String> response = HttpResponse.ok(Json.write(linkset(requested, level)))
                .contentType(LINKSET);
        // The linkset's keys are link type URIs; GS1's context maps them for a JSON-LD reader. It has no text to
        // translate: it varies by Accept only.
        return withLinkHeader(cacheable(response, HttpHeaders.ACCEPT), requested).header(HttpHeaders.LINK, "<"
                + JSON_LD_CONTEXT + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
    }

    private static MutableHttpResponse<?> cacheable(MutableHttpResponse<?> response, String vary) {
        // Attestations can arrive at any time: a minute of caching keeps scans fast without hiding them for long.
        return response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=60").header(HttpHeaders.VARY, vary);
    }

    private static MutableHttpResponse<?> withLinkHeader(MutableHttpResponse<?> response, String requested) {
        return response.header(HttpHeaders.LINK, "<" + requested + "?linkType=all>; rel=\"linkset\"; type=\""
                + LINKSET + "\"");
    }

    /** A 307 to the target with the request's query passed on (GS1 resolvers must), minus the link type. */
    private static HttpResponse<?> redirect(HttpRequest<?> request, String target, String requested) {
        String query = passedOnQuery(request.getUri().getRawQuery());
        return withLinkHeader(HttpResponse.temporaryRedirect(java.net.URI.create(
                query.isEmpty() ? target : target + "?" + query)), requested);
    }

    static String passedOnQuery(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            String name = parameter.split("=", 2)[0];
            if (!parameter.isEmpty() && !"linkType".equals(name)) {
                kept.add(parameter);
            }
        }
        return String.join("&", kept);
    }

    private static HttpResponse<?> noSuchLinkType(HttpRequest<?> request, Representation want, String type,
                                                  String requested) {
        return error(request, want, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "noSuchLink",
                "No link of type " + type + " is held for " + requested + "; ?linkType=linkset lists those that are.",
                "linkType");
    }

    /**
     * @return the link type in its compact form ({@code gs1:pip} for {@code https://gs1.org/voc/pip} too),
     *     {@code linkset} for {@code all} (its deprecated name), another absolute URI as given (no link of that type
     *     is held), or null when the value is none of these
     */
    static @Nullable String linkType(String value) {
        if (value.equals("all") || value.equals(LINKSET_TYPE)) {
            return LINKSET_TYPE;
        }
        if (LINK_TYPE.matcher(value).matches()) {
            return value;
        }
        for (String namespace : GS1_NAMESPACES) {
            if (value.startsWith(namespace) && LINK_TYPE.matcher("gs1:" + value.substring(namespace.length()))
                    .matches()) {
                return "gs1:" + value.substring(namespace.length());
            }
        }
        return LINK_TYPE_URI.matcher(value).matches() ? value : null;
    }

    private HttpResponse<?> qr(HttpRequest<?> request, Representation want, String requested, String format,
                               @Nullable Integer size) {
        int modulePixels = size == null ? 8 : size;
        if (modulePixels < 1 || modulePixels > QrCode.MAX_MODULE_PIXELS) {
            return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "qr",
                    "size " + modulePixels + ": pixels per module must be 1 to " + QrCode.MAX_MODULE_PIXELS, "size");
        }
        QrCode qr = QrCode.of(requested);
        MutableHttpResponse<?> response = switch (format) {
            case "qr-png" -> HttpResponse.ok(qr.png(modulePixels)).contentType(MediaType.IMAGE_PNG_TYPE);
            case "qr-svg" -> HttpResponse.ok(qr.svg().getBytes(StandardCharsets.UTF_8))
                    .contentType("image/svg+xml");
            default -> null;
        };
        if (response == null) {
            return error(request, want, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "qr",
                    "format " + LedgerRuleException.quote(format) + ": expected qr-png or qr-svg", "format");
        }
        // The code depends only on the identifier and the configured base, not on ledger data. The Link header names
        // the canonical link the code encodes, as on every other answer of the resolver (carbonctl qr prints it).
        return withLinkHeader(response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400"), requested);
    }

    static JsonObject linkset(DigitalLink link) {
        return linkset(link.uri(), link);
    }

    /**
     * @param anchor the identifier asked about (a serial's link anchors its lot's links)
     * @param link the level that holds the links: the batch, or the product
     */
    static JsonObject linkset(String anchor, DigitalLink link) {
        JsonObject.Builder entry = JsonObject.builder().put("anchor", anchor);
        if (link.batch().isPresent()) {
            JsonArray passport = JsonArray.of(
                    target(link.uri(), MediaType.TEXT_HTML, "Carbon footprint passport"),
                    target(link.uri(), MediaType.APPLICATION_JSON, "Carbon footprint passport (JSON)"));
            entry.put(GS1_VOC + "sustainabilityInfo", passport)
                    .put(GS1_VOC + "defaultLink", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML,
                            "Carbon footprint passport")))
                    .put(GS1_VOC + "pip", JsonArray.of(target(DigitalLink.of(link.base(), link.gtin()).uri(),
                            MediaType.TEXT_HTML, "Product page")));
        } else {
            entry.put(GS1_VOC + "defaultLink", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML, "Product page")))
                    .put(GS1_VOC + "pip", JsonArray.of(target(link.uri(), MediaType.TEXT_HTML, "Product page"),
                            target(link.uri(), MediaType.APPLICATION_JSON, "Product page (JSON)")));
        }
        return JsonObject.builder().put("linkset", JsonArray.of(entry.build())).build();
    }

    private static JsonObject target(String href, String type, String title) {
        // The HTML pages are in every language of the passport (chosen by Accept-Language or ?lang=); JSON has
        // English keys and no text to translate.
        List<String> languages = MediaType.TEXT_HTML.equals(type)
                ? java.util.Arrays.stream(PassportLanguage.values()).map(PassportLanguage::tag).toList()
                : List.of(PassportLanguage.EN.tag());
        return JsonObject.builder().put("href", href).put("type", type).put("title", title)
                .put("hreflang", strings(languages)).build();
    }

    private static JsonArray strings(List<String> values) {
        return JsonArray.of(values.stream().map(org.carbonledger.core.json.JsonString::of).toList());
    }

    /** This service's public base: base-url, else https and the request's Host (validated like any base). */
    private String publicBase(HttpRequest<?> request) {
        if (properties.baseUrl() != null) {
            return properties.baseUrl();
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "Host", "the request has no Host header "
                    + "and neither carbonledger.passport.resolver-base-url nor base-url is set");
        }
        String base = "https://" + host.toLowerCase(Locale.ROOT);
        DigitalLink.of(base, Gtin.parse("09506000134352")); // validates the host
        return base;
    }

    /** The canonical base of Digital Links: resolver-base-url, the same on every organization's service. */
    private String linkBase(HttpRequest<?> request) {
        return properties.resolverBaseUrl() != null ? properties.resolverBaseUrl() : publicBase(request);
    }

    private String linkBaseOrEmpty() {
        return properties.resolverBaseUrl() != null ? properties.resolverBaseUrl() : "";
    }

    /**
     * An error in the representation asked for: an HTML page in the reader's language ({@link PassportLanguage}), or
     * problem JSON, whose detail stays English (machine-readable, as on every route).
     *
     * @param kind the HTML page's texts in the bundles ({@code error.<kind>.title}, {@code error.<kind>})
     * @param args values for the page's explanation (escaped here)
     */
    private static HttpResponse<?> error(HttpRequest<?> request, Representation want, HttpStatus status,
                                         ErrorCode code, String kind, String detail, String field, String... args) {
        if (want == Representation.HTML) {
            PassportLanguage l = PassportLanguage.of(request);
            Object[] escaped = java.util.Arrays.stream(args).map(PassportPage::esc).toArray();
            return HttpResponse.status(status).body(PassportPage.error(status.getCode(), l, kind, detail, escaped))
                    .contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8")
                    .header(HttpHeaders.CONTENT_LANGUAGE, l.tag())
                    .header(HttpHeaders.VARY, VARY);
        }
        return Problems.response(request, Problems.of(status, code, detail,
                List.of(new Problem.FieldError(field, detail)))).header(HttpHeaders.VARY, VARY);
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
