package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.service.footprint.FootprintStates;
import org.carbonledger.service.pact.PactSchema;
import org.carbonledger.service.sync.ReadModelStore;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The outward faces on the real network and the real embedded MariaDB: a two-tier chain is built on the ledger
 * (fresh GTINs and lots, device-signed gas records, a transfer, a seal per tier, an attestation by CertCo), the
 * service's read model follows it through chaincode events, and then the resolver, the page in a real headless
 * Chromium and the PACT endpoints are checked against it.
 *
 * <p>Expected numbers: the pellets-like tier 1 batch, 100 t with 5000 kg CO2 measured, is 50 kg CO2e/t; 40 t of it
 * carries 2000 kg into the tier 2 batch of 1000 piece, which adds 1000 kg CO2 of its own: 3000 kg, 3 kg CO2e per
 * piece, all of it measured gases (primary data share 100 %).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutwardFacesIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STEELCO = "SteelCoMSP";
    private static final String APPLIANCECO = "ApplianceCoMSP";
    private static final String CERTCO = "CertCoMSP";
    private static final String BASE = "https://passport.example.test";

    private final Path networkDir = Path.of(System.getProperty("carbonledger.network.dir"), "connection");
    private final Map<String, LedgerConnection> connections = new HashMap<>();
    private ApplicationContext context;
    private HttpClient http;
    private String serverUrl;
    private String gtinA;
    private String gtinB;
    private String lotA;
    private String lotB;
    private String sealHashB;
    private DeviceKeyPair key;
    private String deviceId;

    @BeforeAll
    void buildChainAndStartService() throws Exception {
        ensureRole("SteelCoMSP", "PRODUCER", "ApplianceCoMSP", "CertCoMSP");
        ensureRole("CertCoMSP", "CERTIFIER", "SteelCoMSP", "ApplianceCoMSP");
        LedgerClient steel = client("steelco", "client");
        key = DeviceKeyPair.generate(RANDOM);
        deviceId = "faces-" + suffix();
        steel.submit("Devices", "RegisterDevice", Jcs.canonicalString(JsonObject.builder().put("deviceId", deviceId)
                .put("publicKeyPem", key.publicKey().toPem()).put("validFrom", "2026-01-01T00:00:00Z").build()));
        gtinA = newGtin();
        gtinB = newGtin();
        lotA = "ORE-" + suffix();
        lotB = "KIT/" + suffix(); // a '/' in the lot: the Digital Link must percent-encode it
        steel.submit("Products", "CreateProduct", "{\"gtin\":\"" + gtinA + "\",\"name\":\"Faces IT ore\",\"declaredUnit\":\"t\"}");
        steel.submit("Products", "CreateProduct", "{\"gtin\":\"" + gtinB + "\",\"name\":\"Faces IT kit\","
                + "\"declaredUnit\":\"piece\",\"description\":\"Test kit for the passport\"}");
        steel.submit("Batches", "CreateBatch", batch(gtinA, lotA, "100", "t"));
        steel.submit("Batches", "CreateBatch", batch(gtinB, lotB, "1000", "piece"));
        submitRecords(steel, records(key, deviceId, gtinA, lotA, "5000"));
        seal(steel, gtinA, lotA);
        String transferId = UUID.randomUUID().toString();
        steel.submit("Transfers", "ShipMaterial", "{\"transferId\":\"" + transferId + "\",\"from\":{\"gtin\":\"" + gtinA
                + "\",\"lot\":\"" + lotA + "\"},\"toMspId\":\"" + STEELCO + "\",\"quantity\":{\"amount\":\"40\",\"unit\":\"t\"}}");
        steel.submit("Transfers", "ReceiveMaterial", transferId, gtinB, lotB);
        submitRecords(steel, records(key, deviceId, gtinB, lotB, "1000"));
        JsonObject sealed = (JsonObject) seal(steel, gtinB, lotB).result();
        sealHashB = JsonObjectReader.of(sealed, "").requireString("sealHash");
        client("certco", "client").submit("Attestations", "Attest", "{\"attestationId\":\"" + UUID.randomUUID()
                + "\",\"gtin\":\"" + gtinB + "\",\"lot\":\"" + lotB + "\",\"verdict\":\"VERIFIED\",\"standard\":\"ISO 14067\","
                + "\"assuranceLevel\":\"LIMITED\",\"validFrom\":\"2020-01-01T00:00:00Z\",\"validUntil\":\"2100-01-01T00:00:00Z\","
                + "\"sealHash\":\"" + sealHashB + "\"}");

        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", Files.createTempDirectory("carbonledger-faces-it-").toString());
        properties.put("carbonledger.organization", STEELCO);
        properties.put("carbonledger.fabric.connection-file", networkDir.resolve("steelco.json").toString());
        properties.put("carbonledger.passport.base-url", BASE);
        properties.put("micronaut.http.client.follow-redirects", false);
        context = ApplicationContext.run(properties, "test");
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        serverUrl = server.getURL().toString();
        http = context.createBean(HttpClient.class, server.getURL());
        FootprintStates states = context.getBean(FootprintStates.class);
        await(context.getBean(ReadModelStore.class), () -> states.batchJson(gtinB, lotB).map(j -> j.contains(sealHashB))
                .orElse(false) && !states.attestationsJson(gtinB, lotB).isEmpty(), "the sealed, attested tier 2 batch");
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        connections.values().forEach(LedgerConnection::close);
    }

    String pathB() {
        return "/01/" + gtinB + "/10/" + lotB.replace("/", "%2F");
    }

    HttpResponse<String> get(String uri, String accept, String bearer) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    static JsonObjectReader json(HttpResponse<String> r) {
        return JsonObjectReader.of(Json.parseObject(r.getBody(String.class).orElse(""), "response"), "");
    }

    @Test
    void resolver_serves_the_passport_of_the_chain_from_the_read_model() {
        HttpResponse<String> r = get(pathB(), "application/json", null);
        assertThat(r.code()).isEqualTo(200);
        JsonObjectReader doc = json(r);
        assertThat(doc.requireString("digitalLink")).isEqualTo(BASE + pathB());
        assertThat(doc.requireObject("footprint").requireString("kgCo2ePerDeclaredUnit")).isEqualTo("3");
        assertThat(doc.requireObject("footprint").requireString("display")).isEqualTo("3.00 kg CO2e per piece");
        assertThat(doc.requireObject("supplyChain").requireInteger("tiers", 0, 99)).isEqualTo(2);
        assertThat(doc.requireObject("verification").requireString("status")).isEqualTo("VERIFIED");
        assertThat(doc.requireObject("dataQuality").requireString("primaryDataSharePercent")).isEqualTo("100");
        assertThat(doc.requireObject("seal").requireString("sealHash")).isEqualTo(sealHashB);
    }

    @Test
    void resolver_status_codes_on_the_real_read_model() {
        assertThat(get("/01/" + gtinB.substring(0, 13) + ((gtinB.charAt(13) - '0' + 1) % 10) + "/10/X", "application/json",
                null).code()).as("bad check digit").isEqualTo(400);
        assertThat(get("/01/" + gtinB + "/10/A%7EB", "text/html", null).code()).as("bad lot character").isEqualTo(400);
        // A lot the ledger does not know walks up to its product (GS1-Conformant Resolver), saying so.
        HttpResponse<String> unknownLot = get("/01/" + gtinB + "/10/NO-" + suffix(), "application/json", null);
        assertThat(unknownLot.code()).isEqualTo(200);
        assertThat(unknownLot.getBody(String.class).orElse("")).contains("\"requestedLot\"").contains("UNKNOWN");
        assertThat(get("/01/" + newGtin(), "text/html", null).code()).isEqualTo(404);
        assertThat(get("/01/" + gtinB, "application/json", null).code()).isEqualTo(200);
        HttpResponse<String> linkset = get(pathB() + "?linkType=all", null, null);
        assertThat(linkset.code()).isEqualTo(200);
        assertThat(linkset.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/linkset+json");
        assertThat(linkset.getBody(String.class).orElse("")).contains("https://gs1.org/voc/sustainabilityInfo");
        assertThat(get("/.well-known/gs1resolver", null, null).code()).isEqualTo(200);
    }

    @Test
    void qr_code_encodes_exactly_the_batch_digital_link() throws Exception {
        HttpResponse<byte[]> png = http.toBlocking().exchange(HttpRequest.GET(pathB() + "?format=qr-png"), byte[].class);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
        assertThat(text).isEqualTo(BASE + pathB());
    }

    @Test
    void the_page_renders_in_headless_chromium_with_a_visible_chart() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--ignore-certificate-errors", "--hide-scrollbars");
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(driverService, options);
        try {
            // A phone's viewport (412 × 915 CSS pixels, as a Pixel 7 reports).
            driver.manage().window().setSize(new Dimension(412, 915));
            driver.get(serverUrl.replaceAll("/$", "") + pathB());
            assertThat(driver.getTitle()).contains("Faces IT kit");
            WebElement chart = driver.findElement(By.id("breakdown-chart"));
            assertThat(chart.isDisplayed()).isTrue();
            assertThat(chart.getSize().getWidth()).isGreaterThan(300).isLessThanOrEqualTo(412);
            assertThat(chart.getSize().getHeight()).isGreaterThan(40);
            List<WebElement> segments = chart.findElements(By.cssSelector("rect.segment"));
            assertThat(segments).isNotEmpty();
            assertThat(segments).allSatisfy(s -> assertThat(s.getSize().getWidth()).isPositive());
            assertThat(driver.findElement(By.id("footprint")).getText()).isEqualTo("3.00");
            assertThat(driver.findElement(By.id("verification")).getText()).contains("verified");
            assertThat(driver.findElement(By.id("tiers")).getText()).startsWith("2");
            Long pageWidth = (Long) driver.executeScript("return document.documentElement.scrollWidth");
            assertThat(pageWidth).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(412L);
            byte[] screenshot = driver.getScreenshotAs(OutputType.BYTES);
            Path artifact = Path.of("target", "passport-chromium.png");
            Files.createDirectories(artifact.getParent());
            Files.write(artifact, screenshot);
            assertThat(ImageIO.read(artifact.toFile()).getWidth()).isGreaterThan(0);
        } finally {
            driver.quit();
        }
    }

    @Test
    void pact_serves_the_sealed_batch_as_a_schema_valid_footprint() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        HttpResponse<String> list = get("/3/footprints?productId=urn:gtin:" + gtinB, null, token);
        assertThat(list.code()).isEqualTo(200);
        assertThat(PactSchema.errors("ListFootprintsResponse", list.getBody(String.class).orElse(""))).isEmpty();
        JsonArray data = json(list).requireArray("data");
        assertThat(data.size()).isEqualTo(1);
        JsonObjectReader pf = JsonObjectReader.of((JsonObject) data.get(0), "");
        assertThat(pf.requireObject("pcf").requireString("pcfExcludingBiogenicUptake")).isEqualTo("3");
        assertThat(pf.requireObject("pcf").requireString("primaryDataShare")).isEqualTo("100");
        assertThat(pf.requireObject("pcf").requireObject("verification").requireString("standardName")).isEqualTo("ISO 14067");
        HttpResponse<String> one = get("/3/footprints/" + pf.requireString("id"), null, token);
        assertThat(one.code()).isEqualTo(200);
        assertThat(PactSchema.errors("GetFootprintResponse", one.getBody(String.class).orElse(""))).isEmpty();
        assertThat(get("/3/footprints", null, null).code()).isEqualTo(401);
    }

    @Test
    void the_untp_product_passport_of_the_sealed_batch_verifies_with_the_served_did_document() {
        HttpResponse<String> r = get("/api/v1/batches/" + gtinB + "/" + lotB.replace("/", "%2F")
                + "/credentials/untp-dpp", org.carbonledger.core.untp.VcJwt.MEDIA_TYPE, null);
        assertThat(r.code()).isEqualTo(200);
        String jwt = r.getBody(String.class).orElse("");
        JsonObjectReader did = json(get("/.well-known/did.json", "application/json", null));
        JsonObjectReader method = JsonObjectReader.of((JsonObject) did.requireArray("verificationMethod").get(0), "");
        assertThat(JsonObjectReader.of(org.carbonledger.core.untp.VcJwt.header(jwt), "").requireString("kid"))
                .isEqualTo(method.requireString("id"));
        JsonObjectReader vc = JsonObjectReader.of(org.carbonledger.core.untp.VcJwt.verify(jwt,
                org.carbonledger.core.untp.DidWeb.keyOf(method.requireObject("publicKeyJwk").object())), "");
        assertThat(vc.requireObject("issuer").requireString("id")).isEqualTo(did.requireString("id"));
        JsonObjectReader product = vc.requireObject("credentialSubject");
        assertThat(product.requireString("batchNumber")).isEqualTo(lotB);
        Map<String, String> measured = new HashMap<>();
        for (JsonValue claim : product.requireArray("performanceClaim").elements()) {
            for (JsonValue p : JsonObjectReader.of((JsonObject) claim, "").requireArray("claimedPerformance").elements()) {
                JsonObjectReader performance = JsonObjectReader.of((JsonObject) p, "");
                measured.put(performance.requireObject("metric").requireString("id"),
                        Json.write(performance.requireObject("measure").object().get("value").orElseThrow()));
            }
        }
        assertThat(measured).containsEntry("urn:carbonledger:metric:carbon-footprint", "3")
                .containsEntry("urn:carbonledger:metric:supply-chain-tiers", "2")
                .containsEntry("urn:carbonledger:metric:primary-data-share", "100");
    }

    @Test
    void a_pact_partner_without_a_grant_sees_nothing_and_with_one_exactly_the_granted_product() {
        String reader = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        String admin = TestClients.token(http, TestClients.ADMIN, TestClients.ADMIN_SECRET);
        String partner = TestClients.token(http, TestClients.PARTNER, TestClients.PARTNER_SECRET);
        String other = TestClients.token(http, TestClients.PARTNER_2, TestClients.PARTNER_2_SECRET);
        String list = "/3/footprints?productId=urn:gtin:" + gtinB;
        String id = JsonObjectReader.of((JsonObject) json(get(list, null, reader)).requireArray("data").get(0), "")
                .requireString("id");

        assertThat(json(get(list, null, partner)).requireArray("data").elements()).isEmpty();
        assertThat(get("/3/footprints/" + id, null, partner).code()).isEqualTo(404);

        String grant = "/api/v1/pact/grants/" + TestClients.PARTNER + "/" + gtinB;
        assertThat(exchange(HttpRequest.PUT(grant, ""), admin).code()).isEqualTo(201);
        assertThat(json(get(list, null, partner)).requireArray("data").size()).isEqualTo(1);
        assertThat(get("/3/footprints/" + id, null, partner).code()).isEqualTo(200);
        assertThat(json(get(list, null, other)).requireArray("data").elements()).as("another partner").isEmpty();

        assertThat(exchange(HttpRequest.DELETE(grant), admin).code()).isEqualTo(204);
        assertThat(json(get(list, null, partner)).requireArray("data").elements()).isEmpty();
        assertThat(get("/3/footprints/" + id, null, partner).code()).isEqualTo(404);
    }

    private HttpResponse<String> exchange(MutableHttpRequest<?> request, String bearer) {
        return http.toBlocking().exchange(request.bearerAuth(bearer), Argument.of(String.class), Argument.of(String.class));
    }

    String apiPath(String gtin, String lot) {
        return "/api/v1/batches/" + gtin + "/" + lot.replace("/", "%2F");
    }

    List<JsonObject> checks(JsonObjectReader report, String id) {
        List<JsonObject> found = new ArrayList<>();
        JsonArray all = report.requireArray("checks");
        for (int i = 0; i < all.size(); i++) {
            JsonObject c = (JsonObject) all.get(i);
            if (JsonObjectReader.of(c, "").requireString("id").equals(id)) {
                found.add(c);
            }
        }
        return found;
    }

    static boolean passed(JsonObject check) {
        return JsonObjectReader.of(check, "").requireBoolean("passed");
    }

    @Test
    void verification_of_the_valid_chain_passes_with_ledger_evidence_and_the_read_model_agrees() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        HttpResponse<String> r = get(apiPath(gtinB, lotB) + "/verification", null, token);
        assertThat(r.code()).isEqualTo(200);
        JsonObjectReader report = json(r);
        assertThat(report.requireString("verdict")).as(r.getBody(String.class).orElse("")).isEqualTo("PASS");
        assertThat(report.requireBoolean("readModelAgrees")).isTrue();
        assertThat(checks(report, "transaction.committed")).isNotEmpty().allMatch(OutwardFacesIT::passed);
        assertThat(checks(report, "record.signature")).hasSize(2).allMatch(OutwardFacesIT::passed);
        assertThat(checks(report, "seal.merkle-root")).hasSize(2).allMatch(OutwardFacesIT::passed);
        assertThat(checks(report, "batch.attested").stream().filter(OutwardFacesIT::passed)).isNotEmpty();
        assertThat(checks(report, "readmodel.agrees")).singleElement().matches(OutwardFacesIT::passed);
    }

    @Test
    void an_unattested_seal_fails_verification() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        JsonObjectReader report = json(get(apiPath(gtinA, lotA) + "/verification", null, token));
        assertThat(report.requireString("verdict")).isEqualTo("FAIL");
        assertThat(checks(report, "batch.attested")).singleElement().matches(c -> !passed(c));

        // The compact form lists only what did not pass, with the same verdict and counts.
        JsonObjectReader compact = json(get(apiPath(gtinA, lotA) + "/verification?checks=failed", null, token));
        assertThat(compact.requireString("verdict")).isEqualTo("FAIL");
        assertThat(compact.requireString("checksShown")).isEqualTo("failed");
        assertThat(compact.requireArray("checks").elements()).allMatch(c -> !passed((JsonObject) c))
                .hasSize((int) report.requireObject("summary").requireInteger("failed", 0, Integer.MAX_VALUE));
        assertThat(compact.requireObject("summary").object()).isEqualTo(report.requireObject("summary").object());
        assertThat(get(apiPath(gtinA, lotA) + "/verification?checks=some", null, token).code()).isEqualTo(400);
    }

    @Test
    void a_tampered_read_model_row_is_flagged_while_the_ledger_verdict_stands() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        ReadModelStore store = context.getBean(ReadModelStore.class);
        String recordJson = context.getBean(FootprintStates.class).recordsJson(gtinB, lotB).get(0);
        String key = "ID/"
                + JsonObjectReader.of(Json.parseObject(recordJson, "record"), "").requireString("recordId");
        org.carbonledger.service.sync.LedgerStateRow row = store.findById(key).orElseThrow();
        String original = row.valueJson();
        String forged = original.replaceFirst("\"total\":\"1000\"", "\"total\":\"10\"");
        assertThat(forged).isNotEqualTo(original);
        try {
            store.upsertState(key, row.stateType(), forged, row.transactionId(), row.blockNumber());
            JsonObjectReader report = json(get(apiPath(gtinB, lotB) + "/verification", null, token));
            assertThat(report.requireString("verdict")).isEqualTo("PASS");
            assertThat(report.requireBoolean("readModelAgrees")).isFalse();
            assertThat(checks(report, "readmodel.state")).singleElement().satisfies(c -> {
                assertThat(passed(c)).isFalse();
                assertThat(JsonObjectReader.of(c, "").requireString("evidence")).contains("co2e");
            });
        } finally {
            store.upsertState(key, row.stateType(), original, row.transactionId(), row.blockNumber());
        }
    }

    @Test
    void the_exported_proof_bundle_re_checks_offline() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        HttpResponse<byte[]> r = http.toBlocking().exchange(HttpRequest.GET(apiPath(gtinB, lotB) + "/proof-bundle")
                .bearerAuth(token), byte[].class);
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; filename=\"proof-bundle-");
        org.carbonledger.core.verify.ProofBundle bundle = org.carbonledger.core.verify.ProofBundle.fromJson(r.body());
        assertThat(bundle.sha256().toHex()).isEqualTo(r.header("X-Bundle-SHA256"));
        org.carbonledger.core.verify.VerificationReport offline = org.carbonledger.core.verify.Verifier.newInstance()
                .verify(bundle, Instant.now());
        assertThat(offline.passed()).as(offline.verdictFailures().toString()).isTrue();
        assertThat(offline.verdictFailures()).isEmpty();
        assertThat(bundle.batches()).hasSize(2);
        assertThat(get(apiPath(gtinB, "NO-" + suffix()) + "/verification", null, token).code()).isEqualTo(404);
        assertThat(get(apiPath(gtinB, lotB) + "/verification", null, null).code()).isEqualTo(401);
    }

    @Test
    void an_attestation_stops_counting_once_its_certifier_role_is_revoked() throws Exception {
        // A batch of its own, so that the other tests' expectations about A and B never see this attestation.
        LedgerClient steel = client("steelco", "client");
        String lotC = "REV-" + suffix();
        steel.submit("Batches", "CreateBatch", batch(gtinA, lotC, "10", "t"));
        submitRecords(steel, records(key, deviceId, gtinA, lotC, "700"));
        String sealHashC = JsonObjectReader.of((JsonObject) seal(steel, gtinA, lotC).result(), "")
                .requireString("sealHash");
        // Not CertCo (the other tests need it as a certifier): ApplianceCo is made one for this test only. A rerun
        // finds it holding the role (a failed run) or not (the usual case); both end with it revoked.
        ensureRole(APPLIANCECO, "CERTIFIER", STEELCO, CERTCO);
        String attestationId = UUID.randomUUID().toString();
        client("applianceco", "client").submit("Attestations", "Attest", "{\"attestationId\":\"" + attestationId
                + "\",\"gtin\":\"" + gtinA + "\",\"lot\":\"" + lotC + "\",\"verdict\":\"VERIFIED\",\"standard\":\"ISO 14064-3\","
                + "\"assuranceLevel\":\"REASONABLE\",\"validFrom\":\"2020-01-01T00:00:00Z\",\"validUntil\":\"2100-01-01T00:00:00Z\","
                + "\"sealHash\":\"" + sealHashC + "\"}");
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);

        JsonObjectReader granted = json(get(apiPath(gtinA, lotC) + "/verification", null, token));
        assertThat(granted.requireString("verdict")).as(granted.object().toString()).isEqualTo("PASS");
        assertThat(certifierChecks(granted, attestationId)).singleElement().matches(OutwardFacesIT::passed);
        assertThat(checks(granted, "batch.attested")).singleElement().satisfies(c -> {
            assertThat(passed(c)).isTrue();
            assertThat(JsonObjectReader.of(c, "").requireString("evidence")).contains(attestationId);
        });

        revokeRole(APPLIANCECO, "CERTIFIER", STEELCO, CERTCO);
        JsonObjectReader revoked = json(get(apiPath(gtinA, lotC) + "/verification", null, token));
        assertThat(revoked.requireString("verdict")).isEqualTo("FAIL");
        assertThat(certifierChecks(revoked, attestationId)).singleElement().satisfies(c -> {
            assertThat(passed(c)).isFalse();
            assertThat(JsonObjectReader.of(c, "").requireString("evidence"))
                    .contains(APPLIANCECO + " is not among the CERTIFIER holders").contains(CERTCO);
        });
        assertThat(checks(revoked, "batch.attested")).singleElement().satisfies(c -> {
            assertThat(passed(c)).isFalse();
            assertThat(JsonObjectReader.of(c, "").requireString("evidence")).startsWith("unattested").contains(attestationId);
        });
    }

    /** The attestation.certifier checks of one attestation (its id is in the check's subject). */
    private List<JsonObject> certifierChecks(JsonObjectReader report, String attestationId) {
        return checks(report, "attestation.certifier").stream()
                .filter(c -> c.get("subject").toString().contains(attestationId)).toList();
    }

    @Test
    void a_tampered_bundle_fails_offline_and_online_with_evidence() {
        String token = TestClients.token(http, TestClients.READER, TestClients.READER_SECRET);
        byte[] exported = http.toBlocking().exchange(HttpRequest.GET(apiPath(gtinB, lotB) + "/proof-bundle")
                .bearerAuth(token), byte[].class).body();
        String text = new String(exported, java.nio.charset.StandardCharsets.UTF_8);
        LedgerClient certco = client("certco", "client");

        // One record's measured CO2 lowered from 1000 to 10 kg: its signature no longer covers it.
        String lowered = text.replaceFirst("\"CO2\":\"1000\"", "\"CO2\":\"10\"");
        assertThat(lowered).isNotEqualTo(text);
        org.carbonledger.core.verify.VerificationReport offline = org.carbonledger.core.verify.Verifier.newInstance()
                .verify(org.carbonledger.core.verify.ProofBundle.fromJson(lowered), Instant.now());
        assertThat(offline.passed()).isFalse();
        assertThat(failedIds(offline)).contains("record.signature");
        assertThat(offline.checks("record.signature")).filteredOn(c -> !c.passed()).singleElement()
                .satisfies(c -> assertThat(c.evidence()).contains("does not verify"));
        org.carbonledger.core.verify.VerificationReport online = org.carbonledger.client.verify.OnlineVerifier
                .newInstance(certco).verify(org.carbonledger.core.verify.ProofBundle.fromJson(lowered), Instant.now());
        assertThat(failedIds(online)).contains("record.signature", org.carbonledger.client.verify.OnlineVerifier.STATE_ON_LEDGER);

        // One record's signature replaced by another record's: a valid signature, over other content.
        java.util.regex.Matcher signatures = java.util.regex.Pattern.compile("\"signature\":\"([^\"]+)\"").matcher(text);
        List<String> found = new ArrayList<>();
        while (signatures.find()) {
            found.add(signatures.group(1));
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(2);
        String swapped = text.replace(found.get(0), found.get(1));
        org.carbonledger.core.verify.VerificationReport offlineSwapped = org.carbonledger.core.verify.Verifier.newInstance()
                .verify(org.carbonledger.core.verify.ProofBundle.fromJson(swapped), Instant.now());
        assertThat(failedIds(offlineSwapped)).contains("record.signature");
        org.carbonledger.core.verify.VerificationReport onlineSwapped = org.carbonledger.client.verify.OnlineVerifier
                .newInstance(certco).verify(org.carbonledger.core.verify.ProofBundle.fromJson(swapped), Instant.now());
        assertThat(failedIds(onlineSwapped)).contains("record.signature", org.carbonledger.client.verify.OnlineVerifier.STATE_ON_LEDGER);
        // The untouched export still passes both ways: the failures above are the tampering's.
        assertThat(org.carbonledger.client.verify.OnlineVerifier.newInstance(certco)
                .verify(org.carbonledger.core.verify.ProofBundle.fromJson(exported), Instant.now()).passed()).isTrue();
    }

    private static List<String> failedIds(org.carbonledger.core.verify.VerificationReport report) {
        return report.verdictFailures().stream().map(org.carbonledger.core.verify.Check::id).distinct().toList();
    }

    private static String batch(String gtin, String lot, String amount, String unit) {
        return "{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot + "\",\"quantity\":{\"amount\":\"" + amount + "\",\"unit\":\""
                + unit + "\"}}";
    }

    private static String records(DeviceKeyPair key, String deviceId, String gtin, String lot, String kgCo2) {
        JsonObject unsigned = JsonObject.builder().put("recordId", UUID.randomUUID().toString()).put("gtin", gtin)
                .put("lot", lot).put("deviceId", deviceId).put("periodStart", "2026-10-01T00:00:00Z")
                .put("periodEnd", "2026-10-31T23:59:59Z").put("scope", 1).put("stage", "PRODUCTION")
                .put("gases", JsonObject.builder().put("CO2", kgCo2).build()).build();
        List<JsonValue> list = new ArrayList<>();
        list.add(EmissionRecord.sign(unsigned, key.privateKey()).json());
        return Jcs.canonicalString(JsonArray.of(list));
    }

    private LedgerClient client(String org, String identity) {
        LedgerConnection c = connections.computeIfAbsent(org + "/" + identity, k -> LedgerConnection.open(
                ConnectionProfile.load(networkDir.resolve(org + ".json")), identity, Deadlines.defaults()));
        return LedgerClient.newInstance(c, 4);
    }

    private static final Map<String, String> FILES = Map.of("SteelCoMSP", "steelco", "ApplianceCoMSP", "applianceco",
            "CertCoMSP", "certco");

    /** Grants a role through the governance flow (two admins of other members make a majority of three). */
    private void ensureRole(String msp, String role, String proposer, String approver) {
        JsonObject org = (JsonObject) client(FILES.get(msp), "client").evaluate("Governance", "GetOrganization", msp);
        if (org.toString().contains("\"" + role + "\"")) {
            return;
        }
        String proposalId = UUID.randomUUID().toString();
        client(FILES.get(proposer), "admin").submit("Governance", "ProposeRole", "{\"proposalId\":\"" + proposalId
                + "\",\"action\":\"GRANT\",\"mspId\":\"" + msp + "\",\"role\":\"" + role + "\"}");
        client(FILES.get(approver), "admin").submit("Governance", "ApproveProposal", proposalId);
    }

    /** Revokes a role through the governance flow; nothing to do when the organization does not hold it. */
    private void revokeRole(String msp, String role, String proposer, String approver) {
        JsonObject org = (JsonObject) client(FILES.get(msp), "client").evaluate("Governance", "GetOrganization", msp);
        if (!org.toString().contains("\"" + role + "\"")) {
            return;
        }
        String proposalId = UUID.randomUUID().toString();
        client(FILES.get(proposer), "admin").submit("Governance", "ProposeRole", "{\"proposalId\":\"" + proposalId
                + "\",\"action\":\"REVOKE\",\"mspId\":\"" + msp + "\",\"role\":\"" + role + "\"}");
        client(FILES.get(approver), "admin").submit("Governance", "ApproveProposal", proposalId);
    }

    private static String newGtin() {
        StringBuilder digits = new StringBuilder("97");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits + Integer.toString(Gtin.checkDigit(digits.toString()))).value();
    }

    private static String suffix() {
        return Long.toString(RANDOM.nextLong() >>> 1, 36).substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    /** Waits while the read model makes progress (a long-lived ledger replays many blocks into a fresh database). */
    private static void await(ReadModelStore store, BooleanSupplier condition, String what) throws InterruptedException {
        long applied = -1;
        Instant stalledSince = Instant.now();
        while (!condition.getAsBoolean()) {
            long now = store.appliedTransactions().orElse(0L);
            if (now != applied) {
                applied = now;
                stalledSince = Instant.now();
            } else if (Duration.between(stalledSince, Instant.now()).compareTo(Duration.ofSeconds(60)) > 0) {
                throw new AssertionError("the read model stopped at " + applied + " transactions waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Records go in the transient map to the owner's and its designated certifiers' peers. */
    private static Committed submitRecords(LedgerClient client, String recordsJson) {
        return client.submit(LedgerOperation.SUBMIT_RECORDS,
                Endorsements.forRecords(client, client.mspId(), recordsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A seal is endorsed by the organizations holding the batch's records. */
    private static Committed seal(LedgerClient client, String gtin, String lot) {
        return client.submit(LedgerOperation.SEAL_BATCH, Endorsements.forSeal(client, gtin, lot), gtin, lot);
    }
}
