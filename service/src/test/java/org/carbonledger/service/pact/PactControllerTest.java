package org.carbonledger.service.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.PELLETS;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.WASHERS;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.security.JwtSigningKey;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PACT v3 actions on the real embedded MariaDB. This instance acts for SteelCoMSP (application-test.yml), so it
 * offers the footprints of SteelCo's sealed batches of the worked example: the pellets and coil COIL-7.
 */
@MicronautTest(transactional = false)
class PactControllerTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    JwtSigningKey signingKey;

    String token;

    @BeforeEach
    void setUp() {
        WorkedExampleReadModel.apply(applier);
        token = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
    }

    HttpResponse<String> call(MutableHttpRequest<?> request, String bearer) {
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    HttpResponse<String> get(String uri) {
        return call(HttpRequest.GET(uri), token);
    }

    static String body(HttpResponse<String> r) {
        return r.getBody(String.class).orElse("");
    }

    static JsonObjectReader json(HttpResponse<String> r) {
        return JsonObjectReader.of(Json.parseObject(body(r), "response"), "");
    }

    static String id(org.carbonledger.core.identifier.BatchId batch) {
        return ProductFootprints.id(WorkedExampleReadModel.bundle().batch(batch).orElseThrow().batch().sealHash()
                .orElseThrow()).toString();
    }

    static void assertPactError(HttpResponse<String> r, int status, String code) {
        assertThat(r.code()).isEqualTo(status);
        assertThat(r.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
        assertThat(PactSchema.errors("Error", body(r))).isEmpty();
        assertThat(json(r).requireString("code")).isEqualTo(code);
        assertThat(json(r).requireString("message")).isNotBlank();
    }

    @Test
    void lists_the_organizations_sealed_footprints_schema_valid() {
        HttpResponse<String> r = get("/3/footprints");
        assertThat(r.code()).isEqualTo(200);
        assertThat(PactSchema.errors("ListFootprintsResponse", body(r))).isEmpty();
        JsonArray data = json(r).requireArray("data");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ids.add(JsonObjectReader.of((JsonObject) data.get(i), "").requireString("id"));
        }
        assertThat(ids).contains(id(PELLETS), id(COIL_7)).doesNotContain(id(WASHERS));
        assertThat(r.header(HttpHeaders.LINK)).isNull();
    }

    @Test
    void paginates_with_an_absolute_link_header_on_the_callers_host() {
        HttpResponse<String> first = get("/3/footprints?limit=1");
        assertThat(json(first).requireArray("data").size()).isEqualTo(1);
        String link = first.header(HttpHeaders.LINK);
        assertThat(link).matches("<https://[^/]+/3/footprints\\?limit=1&offset=1>; rel=\"next\"");
        String next = link.substring(link.indexOf("/3/"), link.indexOf('>'));
        HttpResponse<String> second = get(next);
        assertThat(second.code()).isEqualTo(200);
        assertThat(json(second).requireArray("data").size()).isEqualTo(1);
        assertThat(json(second).requireArray("data").get(0)).isNotEqualTo(json(first).requireArray("data").get(0));
        assertThat(PactSchema.errors("ListFootprintsResponse", body(second))).isEmpty();
    }

    @Test
    void filters_by_product_id_case_insensitively_status_and_validity() {
        assertThat(json(get("/3/footprints?productId=urn:gtin:09506000134352")).requireArray("data").size()).isEqualTo(1);
        assertThat(json(get("/3/footprints?productId=URN:GTIN:09506000134352&productId=urn:gtin:09506000134376"))
                .requireArray("data").size()).isEqualTo(2);
        assertThat(json(get("/3/footprints?status=Deprecated")).requireArray("data").size()).isZero();
        assertThat(json(get("/3/footprints?status=active&productId=urn:gtin:09506000134352")).requireArray("data")
                .size()).isEqualTo(1);
        assertThat(json(get("/3/footprints?validBefore=2001-01-01T00:00:00Z")).requireArray("data").size()).isZero();
        assertThat(json(get("/3/footprints?validOn=2027-06-01T00:00:00Z&productId=urn:gtin:09506000134352"))
                .requireArray("data").size()).isEqualTo(1);
        assertThat(json(get("/3/footprints?geography=DE")).requireArray("data").size())
                .as("the ledger records no geography").isZero();
        assertThat(json(get("/3/footprints?x-acme-invoice=1&productId=urn:gtin:09506000134352")).requireArray("data")
                .size()).as("x- parameters are accepted").isEqualTo(1);
    }

    @Test
    void an_empty_filter_value_is_ignored_and_an_unknown_status_matches_nothing() {
        int all = json(get("/3/footprints")).requireArray("data").size();
        assertThat(all).isGreaterThanOrEqualTo(2);
        for (String empty : List.of("geography=", "classification=", "productId=", "companyId=", "status=",
                "validOn=", "validAfter=", "validBefore=", "geography=&classification=&limit=")) {
            HttpResponse<String> r = get("/3/footprints?" + empty);
            assertThat(r.code()).as(empty).isEqualTo(200);
            assertThat(json(r).requireArray("data").size()).as(empty).isEqualTo(all);
        }
        assertThat(json(get("/3/footprints?geography=&productId=urn:gtin:09506000134352")).requireArray("data").size())
                .as("the other filters still apply").isEqualTo(1);
        HttpResponse<String> bogus = get("/3/footprints?status=BogusStatus1234");
        assertThat(bogus.code()).isEqualTo(200);
        assertThat(body(bogus)).isEqualTo("{\"data\":[]}");
        assertThat(json(get("/3/footprints?status=Deprecated&status=Active")).requireArray("data").size())
                .as("any of the statuses").isEqualTo(all);
    }

    @Test
    void bad_parameters_are_bad_requests_in_pacts_error_format() {
        assertPactError(get("/3/footprints?limit=-1"), 400, "BadRequest");
        assertPactError(get("/3/footprints?$filter=x"), 400, "BadRequest");
        assertPactError(get("/3/footprints?validOn=yesterday"), 400, "BadRequest");
    }

    @Test
    void gets_one_footprint_by_its_stable_id() {
        HttpResponse<String> r = get("/3/footprints/" + id(COIL_7));
        assertThat(r.code()).isEqualTo(200);
        assertThat(PactSchema.errors("GetFootprintResponse", body(r))).isEmpty();
        JsonObjectReader pf = json(r).requireObject("data");
        assertThat(pf.requireString("id")).isEqualTo(id(COIL_7));
        assertThat(pf.requireObject("pcf").requireString("pcfExcludingBiogenicUptake"))
                .isEqualTo("3151.720969444444444444444444444444");
        assertThat(pf.requireString("companyName")).isEqualTo("SteelCo");
        assertThat(pf.requireArray("companyIds").get(0).toString()).contains("urn:pact:carbonledger.local:msp-id:SteelCoMSP");
    }

    @Test
    void unknown_other_organizations_and_malformed_ids() {
        assertPactError(get("/3/footprints/" + id(WASHERS)), 404, "NotFound");
        assertPactError(get("/3/footprints/00000000-0000-8000-8000-000000000000"), 404, "NotFound");
        assertPactError(get("/3/footprints/not-a-uuid"), 400, "BadRequest");
        String sealHex = Hash.ofHex("0".repeat(64)).toHex();
        assertThat(sealHex).hasSize(64);
    }

    @Test
    void missing_or_invalid_tokens_get_401_in_pacts_error_format() throws Exception {
        assertPactError(call(HttpRequest.GET("/3/footprints"), null), 401, "AccessDenied");
        assertPactError(call(HttpRequest.GET("/3/footprints"), "not.a.token"), 401, "BadRequest");
        assertPactError(call(HttpRequest.GET("/3/footprints"), "invalid-access-token"), 401, "BadRequest");
        assertPactError(call(HttpRequest.GET("/3/footprints/" + id(COIL_7)), "invalid-access-token"), 401, "BadRequest");
        assertPactError(call(HttpRequest.POST("/3/events", event(PactEvents.PUBLISHED, "{\"pfIds\":[]}"))
                .contentType(PactController.CLOUDEVENTS), "very-invalid-access-token-x"), 401, "BadRequest");
        assertPactError(call(HttpRequest.POST("/3/events", "{}").contentType(PactController.CLOUDEVENTS), null), 401,
                "AccessDenied");

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        Date past = Date.from(java.time.Instant.now().minusSeconds(60));
        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(claims).issueTime(Date.from(java.time.Instant.now()
                .minusSeconds(3600))).notBeforeTime(null).expirationTime(past).build();
        assertPactError(call(HttpRequest.GET("/3/footprints"), signed(expiredClaims, signingKey.getPrivateKey())), 401,
                "TokenExpired");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        assertPactError(call(HttpRequest.GET("/3/footprints"), signed(expiredClaims,
                (ECPrivateKey) generator.generateKeyPair().getPrivate())), 401, "BadRequest");
        assertPactError(call(HttpRequest.GET("/3/footprints"), signed(claims,
                (ECPrivateKey) generator.generateKeyPair().getPrivate())), 401, "BadRequest");
    }

    static String signed(JWTClaimsSet claims, ECPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void pact_token_endpoint_issues_tokens_with_http_basic() {
        String basic = java.util.Base64.getEncoder().encodeToString((TestClients.READER + ":"
                + TestClients.READER_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = call(HttpRequest.POST("/auth/token", Map.of("grant_type", "client_credentials"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).header(HttpHeaders.AUTHORIZATION, "Basic " + basic),
                null);
        assertThat(r.code()).isEqualTo(200);
        String fresh = json(r).requireString("access_token");
        assertThat(call(HttpRequest.GET("/3/footprints"), fresh).code()).isEqualTo(200);
    }

    static String event(String type, String data) {
        return "{\"type\":\"" + type + "\",\"specversion\":\"1.0\",\"id\":\"" + java.util.UUID.randomUUID()
                + "\",\"source\":\"//partner.example/3/events\",\"time\":\"2026-11-20T10:00:00Z\",\"data\":" + data + "}";
    }

    HttpResponse<String> post(String body) {
        return call(HttpRequest.POST("/3/events", body).contentType(PactController.CLOUDEVENTS), token);
    }

    @Test
    void accepts_published_fulfilled_and_rejected_events_and_refuses_malformed_ones() {
        assertThat(post(event(PactEvents.PUBLISHED, "{\"pfIds\":[\"" + id(COIL_7) + "\"]}")).code()).isEqualTo(200);
        assertThat(post(event("org.wbcsd.pact.ProductFootprint.Published.3", "{\"pfIds\":[]}")).code()).isEqualTo(200);
        String pf = Json.write(json(get("/3/footprints/" + id(COIL_7))).requireObject("data").object());
        assertThat(post(event(PactEvents.REQUEST_FULFILLED, "{\"requestEventId\":\"r-1\",\"pfs\":[" + pf + "]}")).code())
                .isEqualTo(200);
        assertThat(post(event(PactEvents.REQUEST_REJECTED,
                "{\"requestEventId\":\"r-2\",\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")).code())
                .isEqualTo(200);

        assertPactError(post(event(PactEvents.PUBLISHED, "{\"pfIds\":[\"nope\"]}")), 400, "BadRequest");
        assertPactError(post(event(PactEvents.REQUEST_FULFILLED, "{\"requestEventId\":\"r-3\",\"pfs\":[]}")), 400,
                "BadRequest");
        assertPactError(post(event(PactEvents.REQUEST_FULFILLED, "{\"requestEventId\":\"r-3\",\"pfs\":[{\"id\":\"x\"}]}")),
                400, "BadRequest");
        assertPactError(post(event("org.example.Other", "{}")), 400, "BadRequest");
        assertPactError(post("{\"type\":\"" + PactEvents.PUBLISHED + "\",\"specversion\":\"1.0\"}"), 400, "BadRequest");
        assertPactError(post("not json"), 400, "BadRequest");
    }

    @Test
    void a_request_that_cannot_be_answered_is_refused_at_once() {
        HttpResponse<String> r = post(event(PactEvents.REQUEST_CREATED, "{\"productId\":[\"urn:gtin:09506000134352\"]}"));
        assertPactError(r, 400, "BadRequest");
        assertThat(json(r).requireString("message")).as("a source that names no URL to answer at").contains("source");
        String fromUrl = event(PactEvents.REQUEST_CREATED, "{}").replace("//partner.example/3/events",
                "https://partner.example");
        HttpResponse<String> noCredentials = post(fromUrl);
        assertPactError(noCredentials, 400, "BadRequest");
        assertThat(json(noCredentials).requireString("message")).contains("no callback credentials");
        assertPactError(post(event(PactEvents.REQUEST_CREATED, "{\"colour\":[\"red\"]}")), 400, "BadRequest");
    }
}
