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

/** The resolver on the real embedded MariaDB, its read model holding the worked example. */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://passport.example.com")
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
    void malformed_identifiers_get_400_in_the_representation_asked_for() {
        HttpResponse<String> badCheck = get("/01/09506000134391/10/WM-2611-001", "application/json");
        assertThat(badCheck.code()).isEqualTo(400);
        assertThat(badCheck.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(json(badCheck).requireString("detail")).isEqualTo("gtin \"09506000134391\": check digit is 1, expected 0");
        HttpResponse<String> badLot = get("/01/09506000134390/10/WM%20001", "text/html");
        assertThat(badLot.code()).isEqualTo(400);
        assertThat(badLot.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html");
        assertThat(body(badLot)).contains("GS1 character set 82");
        assertThat(get("/01/09506000134390/21/S1", "application/json").code()).isEqualTo(400);
        assertThat(get("/01/abc", "application/json").code()).isEqualTo(400);
        assertThat(get(WASHERS_PATH + "?linkType=no%20such", "application/json").code()).isEqualTo(400);
        assertThat(get(WASHERS_PATH + "?format=gif", "application/json").code()).isEqualTo(400);
    }

    @Test
    void unknown_or_unsealed_identifiers_get_404() {
        assertThat(get("/01/09506000134307/10/X", "application/json").code()).as("unknown GTIN").isEqualTo(404);
        assertThat(get("/01/09506000134307", "text/html").code()).as("unknown product").isEqualTo(404);
        HttpResponse<String> unknownLot = get("/01/09506000134390/10/NO-SUCH-LOT", "application/json");
        assertThat(unknownLot.code()).isEqualTo(404);
        assertThat(json(unknownLot).requireString("detail")).contains("is not on the Carbon Ledger");
        HttpResponse<String> open = get("/01/" + COIL_OPEN.gtin() + "/10/" + COIL_OPEN.lot(), "application/json");
        assertThat(open.code()).as("an open batch has no passport yet").isEqualTo(404);
        assertThat(json(open).requireString("detail")).contains("not sealed yet");
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
    void well_known_resolver_description() {
        HttpResponse<String> response = get("/.well-known/gs1resolver", null);
        assertThat(response.code()).isEqualTo(200);
        assertThat(json(response).requireString("resolverRoot")).isEqualTo("https://passport.example.com");
        assertThat(body(response)).contains("gs1:sustainabilityInfo");
    }

    @Test
    void anonymous_and_no_token_needed() {
        assertThat(get(WASHERS_PATH, "application/json").code()).isEqualTo(200);
        assertThat(WASHERS.lot().value()).isEqualTo("WM-2611-001");
    }
}
