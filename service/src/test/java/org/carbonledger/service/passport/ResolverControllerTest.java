package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_OPEN;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.WASHERS;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resolver on the real embedded MariaDB, its read model holding the worked example. This service's public URL
 * ({@code base-url}) differs from the canonical resolver base, as on a network of several organizations' services.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://steelco.example")
@Property(name = "carbonledger.passport.resolver-base-url", value = "https://passport.example.com")
@Property(name = "micronaut.http.client.follow-redirects", value = "false")
class ResolverControllerTest {
    static final String WASHERS_PATH = "/01/09506000134390/10/WM-2611-001";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
    }

    HttpResponse<String> get(String uri, String accept) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    HttpResponse<String> getIn(String uri, String acceptLanguage) {
        return client.toBlocking().exchange(HttpRequest.GET(uri).header(HttpHeaders.ACCEPT, "text/html")
                .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage), Argument.of(String.class),
                Argument.of(String.class));
    }

    static void assertChinese(HttpResponse<String> response) {
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html");
        assertThat(body(response)).startsWith("<!doctype html><html lang=\"zh-Hans\">");
        assertThat(response.header(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("zh-Hans");
        assertThat(response.header(HttpHeaders.VARY)).contains("Accept", "Accept-Language");
    }

    /** The washers' Digital Link on the canonical resolver base, whichever service renders it. */
    static final String CANONICAL_WASHERS = "https://passport.example.com" + WASHERS_PATH;

    static JsonObjectReader anchor(HttpResponse<String> response) {
        return JsonObjectReader.of((JsonObject) json(response).requireArray("linkset").get(0), "linkset[0]");
    }

    static String body(HttpResponse<String> response) {
        return response.getBody(String.class).orElse("");
    }

    static JsonObjectReader json(HttpResponse<String> response) {
        return JsonObjectReader.of(Json.parseObject(body(response), "response"), "");
    }

    @Test
    void json_passport_of_the_washers_matches_the_worked_example() {
        HttpResponse<String> response = get(WASHERS_PATH, "application/json");
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
        JsonObjectReader doc = json(response);
        assertThat(doc.requireString("digitalLink")).isEqualTo("https://passport.example.com" + WASHERS_PATH);
        assertThat(doc.requireString("lot")).isEqualTo("WM-2611-001");
        assertThat(doc.requireObject("product").requireString("name")).isEqualTo("Washing machine");
        JsonObjectReader fp = doc.requireObject("footprint");
        assertThat(fp.requireString("kgCo2ePerDeclaredUnit")).isEqualTo("85.54403490520833333333333333333334");
        assertThat(fp.requireString("display")).isEqualTo("85.54 kg CO2e per piece");
        assertThat(fp.requireString("biogenicCo2OutsideTotal")).isEqualTo("0.107625");
        JsonArray breakdown = fp.requireArray("breakdown");
        assertThat(breakdown.size()).isEqualTo(4);
        assertThat(doc.requireObject("supplyChain").requireInteger("tiers", 0, 100)).isEqualTo(4);
        assertThat(doc.requireString("producer")).isEqualTo("ApplianceCo");
        assertThat(doc.requireObject("verification").requireString("status")).isEqualTo("VERIFIED");
        assertThat(doc.requireObject("verification").requireString("certifier")).isEqualTo("CertCo Assurance");
        assertThat(doc.requireObject("verification").requireString("standard")).isEqualTo("ISO 14067");
        assertThat(doc.requireObject("dataQuality").requireString("primaryDataSharePercent")).isEqualTo("22.5697");
        assertThat(response.header(HttpHeaders.LINK)).isEqualTo("<https://passport.example.com" + WASHERS_PATH
                + "?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"");
    }

    @Test
    void suppliers_that_did_not_make_their_profile_public_stay_unnamed() {
        String text = body(get(WASHERS_PATH, "application/json"));
        JsonObjectReader chain = json(get(WASHERS_PATH, "application/json")).requireObject("supplyChain");
        // SteelCo (tiers 2 and 3) keeps its profile private; ApplianceCo is the producer, not a supplier.
        assertThat(chain.requireArray("suppliers").size()).isZero();
        assertThat(chain.requireInteger("hiddenSuppliers", 0, 100)).isEqualTo(1);
        assertThat(text).doesNotContain("SteelCo");
        assertThat(body(get(WASHERS_PATH, "text/html"))).doesNotContain("SteelCo")
                .contains("1 supplier not named at their request");
    }

    @Test
    void browsers_get_the_html_page_with_the_chart() {
        HttpResponse<String> response = get(WASHERS_PATH,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html");
        assertThat(body(response)).contains("<svg id=\"breakdown-chart\"", "85.54", "kg CO2e per piece",
                "Independently verified", "CertCo Assurance", "4 (3 upstream)")
                .doesNotContain("<script", "http://", "cdn");
        assertThat(body(get(WASHERS_PATH, null))).contains("breakdown-chart");
    }

    @Test
    void link_type_all_answers_the_rfc9264_linkset_with_sustainability_info() {
        for (HttpResponse<String> response : java.util.List.of(
                get(WASHERS_PATH + "?linkType=all", null), get(WASHERS_PATH, "application/linkset+json"))) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/linkset+json");
            JsonObject anchor = (JsonObject) json(response).requireArray("linkset").get(0);
            JsonObjectReader a = JsonObjectReader.of(anchor, "linkset[0]");
            assertThat(a.requireString("anchor")).isEqualTo("https://passport.example.com" + WASHERS_PATH);
            JsonArray sustainability = a.requireArray("https://gs1.org/voc/sustainabilityInfo");
            assertThat(JsonObjectReader.of((JsonObject) sustainability.get(0), "").requireString("href"))
                    .isEqualTo("https://passport.example.com" + WASHERS_PATH);
            // The page is in both languages; the JSON has none to offer but English.
            assertThat(Json.write(sustainability.get(0))).contains("\"hreflang\":[\"en\",\"zh-Hans\"]");
            assertThat(Json.write(sustainability.get(1))).contains("\"hreflang\":[\"en\"]");
        }
    }

    @Test
    void pip_link_type_redirects_to_the_product_page_which_lists_the_sealed_lots() {
        HttpResponse<String> redirect = get(WASHERS_PATH + "?linkType=gs1:pip", null);
        assertThat(redirect.code()).isEqualTo(307);
        assertThat(redirect.header(HttpHeaders.LOCATION)).isEqualTo("https://passport.example.com/01/09506000134390");
        HttpResponse<String> product = get("/01/09506000134390", "application/json");
        assertThat(product.code()).isEqualTo(200);
        assertThat(json(product).requireObject("product").requireString("name")).isEqualTo("Washing machine");
        assertThat(body(product)).contains("WM-2611-001");
        assertThat(get("/01/9506000134390", "text/html").code()).as("GTIN-13 form").isEqualTo(200);
    }

    @Test
    void the_product_page_follows_accept_language_and_has_no_english_text_left_in_chinese() {
        HttpResponse<String> zh = getIn("/01/09506000134390", "zh-CN,zh;q=0.9,en;q=0.8");
        assertThat(zh.code()).isEqualTo(200);
        assertChinese(zh);
        assertThat(body(zh)).contains("<h1 id=\"product\">Washing machine</h1>", "生产商：ApplianceCo",
                "各批次的碳足迹", "<a href=\"/01/09506000134390/10/WM-2611-001\">批次 WM-2611-001</a>",
                "<a id=\"lang-en\" href=\"?lang=en\"");
        PassportPageTest.assertNoEnglishLeft(body(zh));
        HttpResponse<String> en = getIn("/01/09506000134390", "en-GB");
        assertThat(body(en)).startsWith("<!doctype html><html lang=\"en\">").contains("Footprints by lot",
                "made by ApplianceCo", "<a id=\"lang-zh\" href=\"?lang=zh\"");
        assertThat(en.header(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");
        // JSON has no text to translate, but the same link answers HTML in a language: caches must keep them apart.
        assertThat(get("/01/09506000134390", "application/json").header(HttpHeaders.VARY))
                .contains("Accept", "Accept-Language");
    }

    @Test
    void the_switch_wins_over_accept_language_on_the_product_page_and_is_kept_on_the_lot_links() {
        HttpResponse<String> en = getIn("/01/09506000134390?lang=en", "zh-CN");
        assertThat(body(en)).startsWith("<!doctype html><html lang=\"en\">").contains("Footprints by lot")
                .doesNotContain("各批次的碳足迹");
        assertThat(en.header(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");
        HttpResponse<String> zh = getIn("/01/09506000134390?lang=zh", "en-US");
        assertChinese(zh);
        assertThat(body(zh)).contains("<a href=\"/01/09506000134390/10/WM-2611-001?lang=zh\">");
    }

    @Test
    void an_unknown_or_unsealed_lot_walks_up_to_the_product_page_in_chinese() {
        HttpResponse<String> unknown = getIn("/01/09506000134390/10/NO-SUCH-LOT", "zh-CN");
        assertThat(unknown.code()).isEqualTo(200);
        assertChinese(unknown);
        assertThat(body(unknown)).contains("批次 NO-SUCH-LOT 不在碳账本上。这是其所属商品的页面。")
                .contains("<a href=\"/01/09506000134390?format=qr-svg\">二维码</a>");
        PassportPageTest.assertNoEnglishLeft(body(unknown));
        HttpResponse<String> open = getIn("/01/" + COIL_OPEN.gtin() + "/10/" + COIL_OPEN.lot(), "zh");
        assertChinese(open);
        assertThat(body(open)).contains("批次 " + COIL_OPEN.lot().value() + " 尚无封存的碳足迹。");
    }

    @Test
    void error_pages_follow_the_language_rule_and_problem_json_stays_english() {
        HttpResponse<String> badGtin = getIn("/01/09506000134391/10/WM-2611-001", "zh-CN");
        assertThat(badGtin.code()).isEqualTo(400);
        assertChinese(badGtin);
        assertThat(body(badGtin)).contains("<h1>不是有效的商品编码</h1>",
                "<p lang=\"en\">gtin &quot;09506000134391&quot;: check digit is 1, expected 0</p>");
        HttpResponse<String> unknown = getIn("/01/09506000134307", "zh-TW, en;q=0.5");
        assertThat(unknown.code()).isEqualTo(404);
        assertChinese(unknown);
        assertThat(body(unknown)).contains("碳账本上没有登记 GTIN 为 09506000134307 的商品。");
        assertChinese(getIn("/01/09506000134390?linkType=gs1:certificationInfo", "zh"));
        assertChinese(getIn("/01/09506000134390?format=gif", "zh"));
        HttpResponse<String> english = getIn("/01/09506000134307?lang=en", "zh-CN");
        assertThat(body(english)).startsWith("<!doctype html><html lang=\"en\">").contains("<h1>Unknown product</h1>");
        assertThat(english.header(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");
        HttpResponse<String> problem = client.toBlocking().exchange(HttpRequest.GET("/01/09506000134391")
                .header(HttpHeaders.ACCEPT, "application/json").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(problem.code()).isEqualTo(400);
        assertThat(json(problem).requireString("detail"))
                .isEqualTo("gtin \"09506000134391\": check digit is 1, expected 0");
        assertThat(problem.header(HttpHeaders.VARY)).contains("Accept-Language");
    }

    @Test
    void malformed_identifiers_get_400_in_the_representation_asked_for() {
        HttpResponse<String> badCheck = get("/01/09506000134391/10/WM-2611-001", "application/json");
        assertThat(badCheck.code()).isEqualTo(400);
        assertThat(badCheck.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(json(badCheck).requireString("detail")).isEqualTo("gtin \"09506000134391\": check digit is 1, expected 0");
        HttpResponse<String> badLot = get("/01/09506000134390/10/WM%20001", "text/html");
        assertThat(badLot.code()).isEqualTo(400);
        assertThat(badLot.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html");
        assertThat(body(badLot)).contains("GS1 character set 82");
        assertThat(get("/01/09506000134390/99/S1", "application/json").code()).isEqualTo(400);
        assertThat(get("/01/abc", "application/json").code()).isEqualTo(400);
        assertThat(get(WASHERS_PATH + "?linkType=no%20such", "application/json").code()).isEqualTo(400);
        assertThat(get(WASHERS_PATH + "?format=gif", "application/json").code()).isEqualTo(400);
    }

    @Test
    void unknown_product_gets_404() {
        assertThat(get("/01/09506000134307/10/X", "application/json").code()).as("unknown GTIN").isEqualTo(404);
        assertThat(get("/01/09506000134307", "text/html").code()).as("unknown product").isEqualTo(404);
        assertThat(get("/01/09506000134307/10/X/21/S1", "application/json").code()).isEqualTo(404);
    }

    @Test
    void unknown_or_unsealed_lot_walks_up_to_the_product() {
        HttpResponse<String> unknownLot = get("/01/09506000134390/10/NO-SUCH-LOT", "application/json");
        assertThat(unknownLot.code()).isEqualTo(200);
        JsonObjectReader page = json(unknownLot);
        assertThat(page.requireString("digitalLink")).isEqualTo("https://passport.example.com/01/09506000134390");
        assertThat(page.requireObject("requestedLot").requireString("lot")).isEqualTo("NO-SUCH-LOT");
        assertThat(page.requireObject("requestedLot").requireString("status")).isEqualTo("UNKNOWN");
        assertThat(body(get("/01/09506000134390/10/NO-SUCH-LOT", "text/html")))
                .contains("Lot NO-SUCH-LOT is not on the Carbon Ledger", "WM-2611-001");
        HttpResponse<String> open = get("/01/" + COIL_OPEN.gtin() + "/10/" + COIL_OPEN.lot(), "application/json");
        assertThat(open.code()).as("an open batch has no passport yet: its product answers").isEqualTo(200);
        assertThat(json(open).requireObject("requestedLot").requireString("status")).isEqualTo("NOT_SEALED");
        // The linkset of an unknown lot is anchored at the lot's link and holds the product's links.
        JsonObjectReader anchor = anchor(get("/01/09506000134390/10/NO-SUCH-LOT?linkType=linkset", null));
        assertThat(anchor.requireString("anchor"))
                .isEqualTo("https://passport.example.com/01/09506000134390/10/NO-SUCH-LOT");
        assertThat(body(get("/01/09506000134390/10/NO-SUCH-LOT?linkType=linkset", null)))
                .doesNotContain("sustainabilityInfo").contains("https://gs1.org/voc/pip");
    }

    @Test
    void serial_and_consumer_product_variant_resolve_to_the_lot_passport() {
        for (String path : java.util.List.of(WASHERS_PATH + "/21/S-0001", "/01/09506000134390/22/V2"
                + "/10/WM-2611-001/21/S-0001", "/01/09506000134390/22/V2/10/WM-2611-001")) {
            HttpResponse<String> response = get(path, "application/json");
            assertThat(response.code()).as(path).isEqualTo(200);
            assertThat(json(response).requireString("lot")).isEqualTo("WM-2611-001");
            assertThat(json(response).requireString("digitalLink")).isEqualTo("https://passport.example.com"
                    + WASHERS_PATH);
            assertThat(anchor(get(path + "?linkType=linkset", null)).requireString("anchor"))
                    .isEqualTo("https://passport.example.com" + path);
        }
        // A serial of an unknown lot walks up two levels, to the product.
        HttpResponse<String> unknown = get("/01/09506000134390/10/NO-SUCH-LOT/21/S1", "application/json");
        assertThat(unknown.code()).isEqualTo(200);
        assertThat(json(unknown).requireObject("product").requireString("name")).isEqualTo("Washing machine");
        // The QR code of a serialised item encodes its whole link, serial included, canonically encoded.
        assertThat(body(get(WASHERS_PATH + "/21/S%2F1?format=qr-svg", null)))
                .contains("<title>https://passport.example.com" + WASHERS_PATH + "/21/S%2F1</title>");
    }

    @Test
    void qualifiers_out_of_gs1_order_or_malformed_get_400() {
        assertThat(get("/01/09506000134390/21/S1/10/WM-2611-001", "application/json").code()).isEqualTo(400);
        assertThat(get("/01/09506000134390/10/WM-2611-001/22/V2", "application/json").code()).isEqualTo(400);
        assertThat(get("/01/09506000134390/10/A/10/B", "application/json").code()).as("twice").isEqualTo(400);
        assertThat(get("/01/09506000134390/17/261231", "application/json").code()).as("not a qualifier")
                .isEqualTo(400);
        HttpResponse<String> badSerial = get(WASHERS_PATH + "/21/S%201", "application/json");
        assertThat(badSerial.code()).isEqualTo(400);
        assertThat(json(badSerial).requireString("detail")).startsWith("serial ").contains("GS1 character set 82");
        assertThat(get(WASHERS_PATH + "/21/" + "S".repeat(21), "application/json").code()).as("over 20")
                .isEqualTo(400);
    }

    @Test
    void raw_reserved_characters_in_a_lot_get_400() {
        // A raw '/' splits the lot into two segments; an escape must encode a set-82 character (docs/passport.md).
        assertThat(get("/01/09506000134390/10/WM/2611", "application/json").code()).isEqualTo(400);
        HttpResponse<String> control = get("/01/09506000134390/10/WM%7F", "application/json");
        assertThat(control.code()).isEqualTo(400);
        assertThat(json(control).requireString("detail")).contains("not in GS1 character set 82");
    }

    @Test
    void a_trailing_slash_is_tolerated() {
        assertThat(json(get(WASHERS_PATH + "/", "application/json")).requireString("lot")).isEqualTo("WM-2611-001");
        assertThat(json(get("/01/09506000134390/", "application/json")).requireObject("product")
                .requireString("name")).isEqualTo("Washing machine");
    }

    @Test
    void a_link_type_not_held_gets_404() {
        HttpResponse<String> batch = get(WASHERS_PATH + "?linkType=gs1:certificationInfo", "application/json");
        assertThat(batch.code()).isEqualTo(404);
        assertThat(json(batch).requireString("detail")).contains("gs1:certificationInfo");
        assertThat(get("/01/09506000134390?linkType=gs1:sustainabilityInfo", "text/html").code())
                .as("a product holds no sustainability information of its own").isEqualTo(404);
        assertThat(get(WASHERS_PATH + "?linkType=https://example.com/voc/x", "application/json").code())
                .isEqualTo(404);
        assertThat(get(WASHERS_PATH + "?linkType=gs1:sustainabilityInfo", "application/json").code()).isEqualTo(200);
        assertThat(get(WASHERS_PATH + "?linkType=gs1:defaultLink", "application/json").code()).isEqualTo(200);
    }

    @Test
    void full_uri_link_type_works_as_its_compact_form_and_redirects_pass_the_query_on() {
        for (String type : java.util.List.of("gs1:pip", "https://gs1.org/voc/pip", "https%3A%2F%2Fgs1.org%2Fvoc%2Fpip",
                "https://ref.gs1.org/voc/pip")) {
            HttpResponse<String> redirect = get(WASHERS_PATH + "?linkType=" + type, null);
            assertThat(redirect.code()).as(type).isEqualTo(307);
            assertThat(redirect.header(HttpHeaders.LOCATION)).isEqualTo("https://passport.example.com/01/09506000134390");
        }
        HttpResponse<String> redirect = get(WASHERS_PATH + "/21/S1?lang=zh&linkType=gs1:pip&utm_source=label%201",
                null);
        assertThat(redirect.code()).isEqualTo(307);
        assertThat(redirect.header(HttpHeaders.LOCATION))
                .isEqualTo("https://passport.example.com/01/09506000134390?lang=zh&utm_source=label%201");
        // The redirect names the linkset of what was asked for, as every answer does.
        assertThat(redirect.header(HttpHeaders.LINK)).isEqualTo("<https://passport.example.com" + WASHERS_PATH
                + "/21/S1?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"");
    }

    @Test
    void qr_codes_encode_exactly_the_digital_link() throws Exception {
        HttpResponse<byte[]> png = client.toBlocking().exchange(HttpRequest.GET(WASHERS_PATH + "?format=qr-png&size=4"),
                byte[].class);
        assertThat(png.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
        assertThat(decoded).isEqualTo("https://passport.example.com" + WASHERS_PATH);
        // The Link header names the link the code encodes (carbonctl qr reports it).
        assertThat(png.header(HttpHeaders.LINK)).isEqualTo("<https://passport.example.com" + WASHERS_PATH
                + "?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"");
        HttpResponse<String> svg = get(WASHERS_PATH + "?format=qr-svg", null);
        assertThat(svg.header(HttpHeaders.CONTENT_TYPE)).startsWith("image/svg+xml");
        assertThat(body(svg)).contains("<title>https://passport.example.com" + WASHERS_PATH + "</title>");
    }

    @Test
    void linkset_answers_carry_caching_vary_and_the_json_ld_context() {
        for (String path : java.util.List.of(WASHERS_PATH + "?linkType=linkset", "/01/09506000134390?linkType=all")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=60");
            assertThat(response.header(HttpHeaders.VARY)).isEqualTo("Accept");
            assertThat(response.getHeaders().getAll(HttpHeaders.LINK)).contains(
                    "<https://ref.gs1.org/standards/resolver/linkset-context>; "
                            + "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        }
    }

    /**
     * The constraints of GS1's resolver description file schema (GS1-Conformant Resolver standard), written out: the
     * required properties, no property the schema does not define, and the format of each.
     */
    @Test
    void well_known_resolver_description_is_valid_against_gs1s_schema() {
        HttpResponse<String> response = get("/.well-known/gs1resolver", null);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
        JsonObject doc = Json.parseObject(body(response), "description");
        assertThat(doc.names()).contains("resolverRoot", "supportedPrimaryKeys")
                .isSubsetOf("name", "resolverRoot", "supportedPrimaryKeys", "supportedLinkType",
                        "linkTypeDefaultCanBeLinkset", "supportedContextValuesEnumerated",
                        "supportedContextValuesExternal", "contact", "extensionProfile", "jsonLdContextLocation");
        JsonObjectReader d = JsonObjectReader.of(doc, "");
        // This service's own root (its public URL), no path and no trailing slash.
        assertThat(d.requireString("resolverRoot")).isEqualTo("https://steelco.example").matches("https?://[^/]+");
        assertThat(d.requireString("name")).isNotBlank();
        JsonArray keys = d.requireArray("supportedPrimaryKeys");
        assertThat(keys.size()).isPositive();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(((org.carbonledger.core.json.JsonString) keys.get(i)).value()).matches("all|[0-9]{2,4}");
        }
        assertThat(body(response)).contains("\"supportedPrimaryKeys\":[\"01\"]");
        JsonArray linkTypes = d.requireArray("supportedLinkType");
        assertThat(linkTypes.size()).isPositive();
        for (int i = 0; i < linkTypes.size(); i++) {
            JsonObject entry = (JsonObject) linkTypes.get(i);
            assertThat(entry.names()).contains("namespace", "prefix").isSubsetOf("namespace", "prefix", "profile");
            JsonObjectReader e = JsonObjectReader.of(entry, "supportedLinkType");
            assertThat(e.requireString("namespace")).matches("https?://.+[/#]");
            assertThat(e.requireString("prefix")).matches("[a-z][a-z0-9]*:");
        }
        assertThat(JsonObjectReader.of((JsonObject) linkTypes.get(0), "").requireString("namespace"))
                .isEqualTo("https://gs1.org/voc/");
        assertThat(body(response)).contains("\"linkTypeDefaultCanBeLinkset\":false");
        assertThat(d.requireString("jsonLdContextLocation")).matches("https://.+");
    }

    @Test
    void public_routes_answer_any_origin() {
        for (String path : java.util.List.of(WASHERS_PATH, WASHERS_PATH + "?linkType=linkset",
                WASHERS_PATH + "?format=qr-svg", "/01/09506000134390", "/.well-known/gs1resolver",
                "/01/09506000134307", WASHERS_PATH + "?linkType=gs1:pip")) {
            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path)
                    .header(HttpHeaders.ORIGIN, "https://shop.example"), Argument.of(String.class),
                    Argument.of(String.class));
            assertThat(response.code()).as(path).isIn(200, 307, 404);
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).as(path).isEqualTo("*");
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)).as(path)
                    .contains("Link", "Location", "ETag");
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).as(path).isNull();
        }
    }

    @Test
    void options_and_preflight_on_public_routes_get_204() {
        for (String path : java.util.List.of(WASHERS_PATH, "/01/09506000134390/10/NO-SUCH-LOT/21/S1",
                "/.well-known/gs1resolver")) {
            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.OPTIONS(path)
                    .header(HttpHeaders.ORIGIN, "https://shop.example")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "accept-language"),
                    Argument.of(String.class), Argument.of(String.class));
            assertThat(response.code()).as(path).isEqualTo(204);
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("GET", "HEAD", "OPTIONS");
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).contains("Accept-Language");
            assertThat(response.header(HttpHeaders.ACCESS_CONTROL_MAX_AGE)).isEqualTo("86400");
            assertThat(response.header(HttpHeaders.ALLOW)).contains("GET", "HEAD", "OPTIONS");
        }
        HttpResponse<String> plain = client.toBlocking().exchange(HttpRequest.OPTIONS(WASHERS_PATH),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(plain.code()).as("OPTIONS without a preflight").isEqualTo(204);
    }

    @Test
    void head_is_answered_on_the_passport() {
        HttpResponse<String> head = client.toBlocking().exchange(HttpRequest.HEAD(WASHERS_PATH)
                .header(HttpHeaders.ACCEPT, "application/json"), Argument.of(String.class), Argument.of(String.class));
        assertThat(head.code()).isEqualTo(200);
        assertThat(head.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
    }

    /** The authenticated routes are not opened by the resolver's CORS: a browser on another origin is refused. */
    @Test
    void authenticated_routes_stay_closed_to_cross_origin_browsers() {
        for (String path : java.util.List.of("/api/v1/organizations", "/3/footprints")) {
            HttpResponse<String> preflight = client.toBlocking().exchange(HttpRequest.OPTIONS(path)
                    .header(HttpHeaders.ORIGIN, "https://shop.example")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization"),
                    Argument.of(String.class), Argument.of(String.class));
            assertThat(preflight.code()).as(path).isGreaterThanOrEqualTo(400);
            assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).as(path).isNull();
            assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).as(path).isNull();
            HttpResponse<String> get = client.toBlocking().exchange(HttpRequest.GET(path)
                    .header(HttpHeaders.ORIGIN, "https://shop.example"), Argument.of(String.class),
                    Argument.of(String.class));
            assertThat(get.code()).as(path).isGreaterThanOrEqualTo(400);
            assertThat(get.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).as(path).isNull();
        }
    }

    @Test
    void qr_codes_use_the_resolver_base_not_this_services_public_url() {
        assertThat(body(get(WASHERS_PATH + "?format=qr-svg", null))).contains("<title>" + CANONICAL_WASHERS
                + "</title>").doesNotContain("steelco.example");
    }

    @Test
    void anonymous_and_no_token_needed() {
        assertThat(get(WASHERS_PATH, "application/json").code()).isEqualTo(200);
        assertThat(WASHERS.lot().value()).isEqualTo("WM-2611-001");
    }
}
