package org.carbonledger.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.ADMIN;
import static org.carbonledger.service.testing.TestClients.ADMIN_SECRET;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.Verifier;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The generated OpenAPI document against the service's real answers: every answer of the routes below, on the
 * embedded read model holding the worked example and without a ledger connection, must have its status documented
 * for its route and its body must validate against the schema documented for that route, status and media type.
 * A schema that drifts from what the code answers (a member renamed, made optional, a pattern or an enum changed)
 * fails here.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://passport.example.com")
@Property(name = "micronaut.http.client.follow-redirects", value = "false")
class OpenApiConformanceTest {
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final String COIL = WorkedExampleReadModel.COIL_7.gtin().value();
    private static final String COIL_7 = "/api/v1/batches/" + COIL + "/COIL-7";
    private static final String PELLETS = "/api/v1/batches/" + WorkedExampleReadModel.PELLETS.gtin().value() + "/PEL-2026-09";
    private static final String WASHERS = "/api/v1/batches/" + WorkedExampleReadModel.WASHERS.gtin().value() + "/WM-2611-001";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @BeforeEach
    void readModel() {
        // Only states as the chaincode writes them: other test classes sharing the embedded database leave
        // hand-made partial states behind, which are not what the ledger would answer.
        applier.clear();
        WorkedExampleReadModel.apply(applier);
    }

    @Nested
    class Document {
        @Test
        void parses_without_errors_with_a_maintained_openapi_parser() {
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(DOCUMENT.yaml());
            assertThat(result.getMessages()).isEmpty();
            assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/batches", "/01/{gtin}", "/01/{gtin}/10/{lot}");
        }

        @Test
        void no_json_body_is_described_as_a_bare_string() {
            List<String> bare = new ArrayList<>();
            JsonObject paths = (JsonObject) DOCUMENT.root().get("paths").orElseThrow();
            for (String path : paths.names()) {
                for (Map.Entry<String, org.carbonledger.core.json.JsonValue> op : ((JsonObject) paths.get(path).orElseThrow()).members().entrySet()) {
                    String base = "/paths/" + path.replace("/", "~1") + "/" + op.getKey();
                    Stream.concat(Stream.of(base + "/requestBody"), responseCodes(base).stream()).forEach(at -> {
                        String json = at + "/content/application~1json/schema";
                        DOCUMENT.at(json).filter(s -> s.get("type").equals(java.util.Optional.of(JsonString.of("string"))))
                                .ifPresent(s -> bare.add(op.getKey() + " " + path + " " + at));
                    });
                }
            }
            assertThat(bare).isEmpty();
        }

        @Test
        void public_routes_need_no_token_and_the_others_name_their_role() {
            assertThat(security("get", "/01/{gtin}/10/{lot}")).isEqualTo("[]");
            assertThat(security("get", "/.well-known/gs1resolver")).isEqualTo("none");
            assertThat(security("post", "/oauth/token")).isEqualTo("none");
            assertThat(security("post", "/auth/token")).isEqualTo("none");
            assertThat(DOCUMENT.root().get("security")).as("no global requirement that public routes would inherit").isEmpty();
            assertThat(security("get", "/api/v1/batches")).contains("read-only");
            assertThat(security("post", "/api/v1/batches")).contains("operator");
            assertThat(security("post", "/api/v1/proposals")).contains("admin");
            assertThat(security("put", "/api/v1/pact/grants/{clientId}/{gtin}")).contains("admin");
            assertThat(security("get", "/3/footprints")).contains("read-only").contains("pact");
        }

        @Test
        void authorize_offers_the_client_credentials_flow_whose_token_url_issues_tokens() {
            JsonObject schemes = DOCUMENT.at("/components/securitySchemes").orElseThrow();
            assertThat(schemes.names()).containsExactly("oauth2");
            JsonObject flow = DOCUMENT.at("/components/securitySchemes/oauth2/flows/clientCredentials").orElseThrow();
            assertThat(DOCUMENT.at("/components/securitySchemes/oauth2").orElseThrow().get("type"))
                    .contains(JsonString.of("oauth2"));
            assertThat(((JsonObject) flow.get("scopes").orElseThrow()).names())
                    .containsExactlyInAnyOrder("read-only", "operator", "admin", "pact");
            // What Swagger UI does on "Authorize": POST the client's credentials to the tokenUrl.
            String tokenUrl = ((JsonString) flow.get("tokenUrl").orElseThrow()).value();
            Answer token = send(HttpRequest.POST(tokenUrl, Map.of("grant_type", "client_credentials"))
                    .basicAuth(READER, READER_SECRET).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), null, null);
            assertThat(token.status).as(token.body).isEqualTo(200);
            assertThat(token.body).contains("\"token_type\":\"Bearer\"");
        }

        @Test
        void every_secured_operation_asks_for_the_oauth2_scheme_and_public_ones_show_no_lock() {
            JsonObject paths = (JsonObject) DOCUMENT.root().get("paths").orElseThrow();
            List<String> wrong = new ArrayList<>();
            for (String path : paths.names()) {
                for (String method : ((JsonObject) paths.get(path).orElseThrow()).names()) {
                    String security = security(method, path);
                    boolean open = security.equals("none") || security.equals("[]");
                    boolean isPublic = path.startsWith("/01/") || path.startsWith("/.well-known/")
                            || path.endsWith("/token") || path.contains("/credentials/untp-");
                    if (isPublic ? !open : !security.startsWith("[{\"oauth2\":[")) {
                        wrong.add(method + " " + path + " " + security);
                    }
                }
            }
            assertThat(wrong).isEmpty();
        }

        @Test
        void writes_document_created_and_replayed_answers_and_every_problem_status() {
            JsonObject responses = DOCUMENT.at("/paths/~1api~1v1~1batches/post/responses").orElseThrow();
            assertThat(responses.names()).contains("200", "201", "400", "401", "403", "404", "409", "413", "422", "503", "504");
            assertThat(DOCUMENT.response("POST", "/api/v1/batches", 409, "application/problem+json").pointer())
                    .isNotNull();
        }

        private List<String> responseCodes(String operation) {
            return DOCUMENT.at(operation + "/responses").map(r -> r.names().stream().map(c -> operation + "/responses/" + c).toList())
                    .orElse(List.of());
        }

        private String security(String method, String path) {
            JsonObject op = DOCUMENT.at("/paths/" + path.replace("/", "~1") + "/" + method).orElseThrow();
            return op.get("security").map(Json::write).orElse("none");
        }
    }

    @Nested
    class Answers {
        @Test
        void ledger_states_read_from_the_read_model_match_their_schemas() {
            List<String> paths = List.of(
                    "/api/v1/batches", "/api/v1/batches?owner=SteelCoMSP&status=SEALED", COIL_7,
                    "/api/v1/batches/" + COIL + "/COIL-OPEN", COIL_7 + "/records", PELLETS + "/records",
                    PELLETS + "/records/10000000-0000-4000-8000-000000000101", WASHERS + "/attestations",
                    PELLETS + "/shipments", "/api/v1/transfers?direction=outbound", "/api/v1/transfers?direction=inbound",
                    "/api/v1/transfers/20000000-0000-4000-8000-000000000001",
                    "/api/v1/devices?owner=SteelCoMSP", "/api/v1/devices/SteelCoMSP/steelco-meter-12",
                    "/api/v1/factors/grid-electricity-2026", "/api/v1/factor-datasets", "/api/v1/products",
                    "/api/v1/products/" + COIL, "/api/v1/organizations", "/api/v1/organizations/ApplianceCoMSP",
                    "/api/v1/organizations/CertCoMSP/roles", "/api/v1/proposals", "/api/v1/me");
            for (String path : paths) {
                Answer answer = get(path, READER, READER_SECRET);
                assertThat(answer.status).as(path).isEqualTo(200);
                assertConforms("GET", path, answer);
            }
        }

        @Test
        void public_answers_match_their_schemas() {
            for (String path : List.of("/.well-known/gs1resolver", "/01/09506000134390/10/WM-2611-001?linkType=all",
                    "/01/09506000134390/10/WM-2611-001", "/01/09506000134390")) {
                Answer answer = send(HttpRequest.GET(path).header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON), null, null);
                assertThat(answer.status).as(path).isEqualTo(200);
                assertConforms("GET", path, answer);
            }
            Answer token = send(HttpRequest.POST("/oauth/token", Map.of("grant_type", "client_credentials",
                    "client_id", READER, "client_secret", READER_SECRET)).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), null, null);
            assertThat(token.status).isEqualTo(200);
            assertConforms("POST", "/oauth/token", token);
        }

        @Test
        void credential_answers_match_their_schemas() {
            Answer did = send(HttpRequest.GET("/.well-known/did.json"), null, null);
            assertThat(did.status).isEqualTo(200);
            assertConforms("GET", "/.well-known/did.json", did);
            String dpp = COIL_7 + "/credentials/untp-dpp";
            Answer unsecured = send(HttpRequest.GET(dpp).header(HttpHeaders.ACCEPT, "application/vc+ld+json"), null, null);
            assertThat(unsecured.status).isEqualTo(200);
            assertConforms("GET", dpp, unsecured);
            Answer signed = send(HttpRequest.GET(dpp), null, null);
            assertThat(signed.mediaType).isEqualTo("application/vc+jwt");
            assertThat(DOCUMENT.response("GET", dpp, 200, "application/vc+jwt").missing()).isNull();
            assertProblem("GET", WASHERS + "/credentials/untp-dpp", send(HttpRequest.GET(WASHERS
                    + "/credentials/untp-dpp"), null, null), 404);
            assertProblem("GET", "/api/v1/batches/" + COIL + "/COIL-OPEN/credentials/untp-dpp", send(HttpRequest.GET(
                    "/api/v1/batches/" + COIL + "/COIL-OPEN/credentials/untp-dpp"), null, null), 409);
        }

        @Test
        void pact_answers_match_their_schemas() {
            Answer list = get("/3/footprints", READER, READER_SECRET);
            assertThat(list.status).isEqualTo(200);
            assertConforms("GET", "/3/footprints", list);
            Answer unknown = get("/3/footprints/00000000-0000-4000-8000-000000000000", READER, READER_SECRET);
            assertThat(unknown.status).isEqualTo(404);
            assertConforms("GET", "/3/footprints/00000000-0000-4000-8000-000000000000", unknown);
        }

        @Test
        void pact_grant_answers_match_their_schemas() {
            String grant = "/api/v1/pact/grants/" + TestClients.PARTNER + "/" + COIL;
            send(HttpRequest.DELETE(grant), ADMIN, ADMIN_SECRET);
            Answer created = send(HttpRequest.PUT(grant, ""), ADMIN, ADMIN_SECRET);
            assertThat(created.status).isEqualTo(201);
            assertConforms("PUT", grant, created);
            Answer again = send(HttpRequest.PUT(grant, ""), ADMIN, ADMIN_SECRET);
            assertThat(again.status).isEqualTo(200);
            assertConforms("PUT", grant, again);
            Answer list = get("/api/v1/pact/grants?clientId=" + TestClients.PARTNER, ADMIN, ADMIN_SECRET);
            assertThat(list.status).isEqualTo(200);
            assertConforms("GET", "/api/v1/pact/grants", list);
            Answer revoked = send(HttpRequest.DELETE(grant), ADMIN, ADMIN_SECRET);
            assertThat(revoked.status).isEqualTo(204);
            assertThat(DOCUMENT.at("/paths/~1api~1v1~1pact~1grants~1{clientId}~1{gtin}/delete/responses/204")).isPresent();

            assertProblem("PUT", grant, send(HttpRequest.PUT("/api/v1/pact/grants/" + TestClients.PARTNER + "/123", ""),
                    ADMIN, ADMIN_SECRET), 400);
            assertProblem("PUT", grant, send(HttpRequest.PUT("/api/v1/pact/grants/" + TestClients.PARTNER + "/"
                    + WorkedExampleReadModel.WASHERS.gtin().value(), ""), ADMIN, ADMIN_SECRET), 403);
            assertProblem("PUT", grant, send(HttpRequest.PUT("/api/v1/pact/grants/nobody/" + COIL, ""), ADMIN,
                    ADMIN_SECRET), 404);
            assertProblem("PUT", grant, send(HttpRequest.PUT(grant, ""), READER, READER_SECRET), 403);
            assertProblem("DELETE", grant, send(HttpRequest.DELETE(grant), ADMIN, ADMIN_SECRET), 404);
            assertProblem("GET", "/api/v1/pact/grants", get("/api/v1/pact/grants", OPERATOR, OPERATOR_SECRET), 403);
        }

        @Test
        void problems_of_reads_match_the_problem_schema_for_their_status() {
            assertProblem("GET", "/api/v1/batches/09506000134353/COIL-7", get("/api/v1/batches/09506000134353/COIL-7", READER, READER_SECRET), 400);
            assertProblem("GET", COIL_7 + "X", get(COIL_7 + "X", READER, READER_SECRET), 404);
            // The washers are ApplianceCo's and this service is SteelCo's, which ApplianceCo did not designate.
            assertProblem("GET", WASHERS + "/records", get(WASHERS + "/records", READER, READER_SECRET), 403);
            assertProblem("GET", WASHERS + "/records/10000000-0000-4000-8000-000000000401",
                    get(WASHERS + "/records/10000000-0000-4000-8000-000000000401", READER, READER_SECRET), 403);
            assertProblem("GET", "/api/v1/batches", send(HttpRequest.GET("/api/v1/batches"), null, null), 401);
            assertProblem("GET", "/01/09506000134307/10/NOPE", send(HttpRequest.GET("/01/09506000134307/10/NOPE")
                    .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON), null, null), 404);
        }

        @Test
        void reads_of_the_ledger_itself_answer_a_documented_503_without_a_ledger() {
            assertProblem("GET", COIL_7 + "/provenance", get(COIL_7 + "/provenance", READER, READER_SECRET), 503);
            assertProblem("GET", COIL_7 + "/verification", get(COIL_7 + "/verification", READER, READER_SECRET), 503);
            assertProblem("GET", "/api/v1/organizations/ApplianceCoMSP/certifiers",
                    get("/api/v1/organizations/ApplianceCoMSP/certifiers", READER, READER_SECRET), 503);
        }

        @Test
        void writes_answer_documented_problems() {
            assertProblem("POST", "/api/v1/products", post("/api/v1/products", "{\"gtin\":", OPERATOR, OPERATOR_SECRET), 400);
            assertProblem("POST", "/api/v1/products", post("/api/v1/products", "{}", READER, READER_SECRET), 403);
            assertProblem("POST", "/api/v1/products", post("/api/v1/products",
                    "{\"gtin\":\"" + COIL + "\",\"name\":\"Coil\",\"declaredUnit\":\"t\"}", OPERATOR, OPERATOR_SECRET), 503);
            assertProblem("POST", COIL_7 + "/seal", post(COIL_7 + "/seal", "", OPERATOR, OPERATOR_SECRET), 503);
            assertProblem("POST", "/api/v1/records", post("/api/v1/records", "[{\"recordId\":\"not-a-uuid\"}]",
                    OPERATOR, OPERATOR_SECRET), 400);
        }
    }

    /**
     * Answers that need a ledger, built by the code the controllers answer with (the write receipt, core's verifier
     * and proof bundle) from the worked example's states as the chaincode stored them.
     */
    @Nested
    class LedgerAnswers {
        @Test
        void write_receipts_of_new_objects_and_of_replays_match_their_schemas() {
            ProofBundle bundle = WorkedExampleReadModel.bundle();
            JsonObject batch = bundle.batch(WorkedExampleReadModel.COIL_7).orElseThrow().batch().json();
            JsonObject transfer = bundle.transfers().values().iterator().next().json();
            JsonObject device = bundle.devices().values().iterator().next().json();
            JsonObject attestation = bundle.batch(WorkedExampleReadModel.WASHERS).orElseThrow().attestations().get(0).json();
            JsonObject product = Json.parseObject(get("/api/v1/products/" + COIL, READER, READER_SECRET).body, "product");
            Map<String, JsonObject> created = Map.of("/api/v1/batches", batch, "/api/v1/transfers", transfer,
                    "/api/v1/devices", device, "/api/v1/attestations", attestation, "/api/v1/products", product);
            created.forEach((path, stored) -> {
                assertReceipt("POST", path, 201, Receipt.of(new Committed("ab".repeat(32), 42, stored)));
                assertReceipt("POST", path, 200, Receipt.replayOf(stored, "txId"));
            });
            assertReceipt("POST", COIL_7 + "/seal", 200, Receipt.replayOf(batch, "sealTxId"));
            String transferPath = "/api/v1/transfers/" + JsonObjectReader.of(transfer, "").requireString("transferId");
            assertReceipt("POST", transferPath + "/receive", 200, Receipt.replayOf(transfer, "receiveTxId"));
            JsonObject designation = new StoredDesignation("SteelCoMSP", "CertCoMSP",
                    Instant.parse("2026-11-01T09:00:00Z"), "ab".repeat(32)).toJson();
            String certifier = "/api/v1/organizations/me/certifiers/CertCoMSP";
            assertReceipt("PUT", certifier, 200, Receipt.of(new Committed("ab".repeat(32), 42, designation)));
            assertReceipt("PUT", certifier, 200, Receipt.replayOf(designation, "txId"));
        }

        @Test
        void the_designations_of_a_producer_match_their_schema() {
            JsonObject designations = new Designations("SteelCoMSP", List.of(new StoredDesignation("SteelCoMSP",
                    "CertCoMSP", Instant.parse("2026-11-01T09:00:00Z"), "ab".repeat(32)))).toJson();
            String pointer = DOCUMENT.response("GET", "/api/v1/organizations/SteelCoMSP/certifiers", 200,
                    MediaType.APPLICATION_JSON).pointer();
            assertThat(DOCUMENT.errors(pointer, Json.write(designations))).isEmpty();
            assertThat(DOCUMENT.errors(pointer, Json.write(designations.without("certifiers")))).isNotEmpty();
        }

        @Test
        void the_verification_report_and_the_proof_bundle_match_their_schemas() {
            ProofBundle bundle = WorkedExampleReadModel.bundle();
            JsonObject report = Verifier.newInstance().verify(bundle, Instant.parse("2027-01-15T10:00:00Z")).toJson()
                    .toBuilder().put("readModelAgrees", true).put("elapsedMillis", 12L).build();
            String verification = WASHERS + "/verification";
            assertThat(DOCUMENT.errors(DOCUMENT.response("GET", verification, 200, MediaType.APPLICATION_JSON).pointer(),
                    Json.write(report))).isEmpty();
            String proofBundle = WASHERS + "/proof-bundle";
            assertThat(DOCUMENT.errors(DOCUMENT.response("GET", proofBundle, 200, MediaType.APPLICATION_JSON).pointer(),
                    new String(bundle.toCanonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        }

        @Test
        void a_report_resting_on_attestations_and_its_bundle_match_their_schemas() {
            // A customer's bundle: the batches of a producer that did not designate it come without records.
            JsonObject full = WorkedExampleReadModel.bundle().toJson();
            List<org.carbonledger.core.json.JsonValue> batches = new ArrayList<>();
            for (org.carbonledger.core.json.JsonValue v : ((org.carbonledger.core.json.JsonArray) full.get("batches")
                    .orElseThrow()).elements()) {
                JsonObject entry = (JsonObject) v;
                boolean steel = Json.write(entry.get("batch").orElseThrow()).contains("\"SteelCoMSP\"");
                batches.add(steel ? entry.without("records").with("recordsDisclosed",
                        org.carbonledger.core.json.JsonBoolean.FALSE) : entry);
            }
            ProofBundle bundle = ProofBundle.fromJson(full.without("batches").with("batches",
                    org.carbonledger.core.json.JsonArray.of(batches)));
            org.carbonledger.core.verify.VerificationReport verified = Verifier.newInstance().verify(bundle,
                    Instant.parse("2027-01-15T10:00:00Z"));
            assertThat(verified.attestedChecks()).isNotEmpty();
            JsonObject report = verified.toJson().toBuilder().put("readModelAgrees", true).put("elapsedMillis", 12L)
                    .build();
            assertThat(DOCUMENT.errors(DOCUMENT.response("GET", WASHERS + "/verification", 200,
                    MediaType.APPLICATION_JSON).pointer(), Json.write(report))).isEmpty();
            assertThat(DOCUMENT.errors(DOCUMENT.response("GET", WASHERS + "/proof-bundle", 200,
                    MediaType.APPLICATION_JSON).pointer(), new String(bundle.toCanonicalBytes(),
                    java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        }

        private void assertReceipt(String method, String path, int status, Receipt receipt) {
            OpenApiDocument.Located schema = DOCUMENT.response(method, path, status, MediaType.APPLICATION_JSON);
            assertThat(schema.missing()).as(method + " " + path).isNull();
            assertThat(DOCUMENT.errors(schema.pointer(), Json.write(receipt.toJson()))).as(method + " " + path + " " + status).isEmpty();
        }
    }

    @Nested
    class Requests {
        @Test
        void the_signed_records_of_the_worked_example_match_the_submission_schema_one_by_one_and_as_an_array() throws IOException {
            String pointer = DOCUMENT.request("POST", "/api/v1/records", MediaType.APPLICATION_JSON).pointer();
            List<String> records = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("..", "core", "src", "test", "resources", "fixtures", "example"))) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("t\\d-.*\\.json")).sorted().toList()) {
                    String record = Files.readString(file);
                    assertThat(DOCUMENT.errors(pointer, record)).as(file.toString()).isEmpty();
                    records.add(record);
                }
            }
            assertThat(records).hasSizeGreaterThan(3);
            assertThat(DOCUMENT.errors(pointer, "[" + String.join(",", records) + "]")).isEmpty();
        }

        @Test
        void a_body_the_service_refuses_for_its_form_is_invalid_by_the_schema_too() {
            String unknownMember = "{\"gtin\":\"" + COIL + "\",\"lot\":\"L1\",\"quantity\":{\"amount\":\"1\",\"unit\":\"t\"},\"colour\":\"red\"}";
            String pointer = DOCUMENT.request("POST", "/api/v1/batches", MediaType.APPLICATION_JSON).pointer();
            assertThat(DOCUMENT.errors(pointer, unknownMember)).isNotEmpty();
            assertThat(DOCUMENT.errors(pointer, unknownMember.replace(",\"colour\":\"red\"", ""))).isEmpty();
            String reason = DOCUMENT.request("POST", "/api/v1/transfers/{transferId}/reject", MediaType.APPLICATION_JSON).pointer();
            String noReason = "{}";
            assertThat(DOCUMENT.errors(reason, noReason)).isNotEmpty();
            assertProblem("POST", "/api/v1/transfers/20000000-0000-4000-8000-000000000001/reject",
                    post("/api/v1/transfers/20000000-0000-4000-8000-000000000001/reject", noReason, OPERATOR, OPERATOR_SECRET), 400);
        }
    }

    /**
     * The documented example requests. Without a ledger the test service cannot commit them, so each must pass every
     * check the service makes before the ledger (its form, its role, its media type) and reach the ledger, which this
     * service answers with its documented 503; {@code ApiExamplesIT} sends them to a running service, in document
     * order, and requires 2xx.
     */
    @Nested
    class Examples {
        private final List<OpenApiDocument.Example> examples = DOCUMENT.examples();

        @Test
        void every_write_of_the_producers_story_has_an_example_and_each_matches_its_schema() {
            assertThat(examples).extracting(e -> e.method() + " " + e.template()).containsExactlyInAnyOrder(
                    "PUT /api/v1/organizations/self", "POST /api/v1/products", "POST /api/v1/batches",
                    "POST /api/v1/devices", "POST /api/v1/records", "POST /api/v1/transfers",
                    "POST /api/v1/transfers/{transferId}/cancel", "POST /api/v1/devices/{deviceId}/revoke");
            for (OpenApiDocument.Example e : examples) {
                assertThat(DOCUMENT.errors(e.schemaPointer(), e.body())).as(e.method() + " " + e.template()).isEmpty();
            }
        }

        @Test
        void each_example_passes_every_check_of_the_service_and_reaches_the_ledger() {
            for (OpenApiDocument.Example e : examples) {
                String path = ApiExamplesPaths.fill(e.template());
                boolean admin = !e.scopes().contains("operator");
                Answer answer = send(HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(e.method()), path)
                        .body(e.body()).contentType(MediaType.APPLICATION_JSON_TYPE), admin ? ADMIN : OPERATOR,
                        admin ? ADMIN_SECRET : OPERATOR_SECRET);
                assertThat(answer.status).as(e.method() + " " + path + ": " + answer.body).isEqualTo(503);
                assertThat(answer.body).as(e.method() + " " + path).contains("this service has no ledger connection");
                assertProblem(e.method(), path, answer, 503);
            }
            String csv = ((JsonString) DOCUMENT.at("/paths/~1api~1v1~1records/post/requestBody/content/text~1csv/examples/record")
                    .orElseThrow().get("value").orElseThrow()).value();
            assertThat(csv).isEqualTo(ApiExamples.RECORD_CSV);
            Answer upload = send(HttpRequest.POST("/api/v1/records", csv).contentType("text/csv"), OPERATOR, OPERATOR_SECRET);
            assertProblem("POST", "/api/v1/records", upload, 503);
        }

        @Test
        void the_examples_tell_one_story_the_record_signed_by_the_example_device_into_the_example_batch() {
            JsonObject record = body("POST /api/v1/records");
            JsonObject device = body("POST /api/v1/devices");
            JsonObject batch = body("POST /api/v1/batches");
            JsonObject shipment = body("POST /api/v1/transfers");
            org.carbonledger.core.accounting.EmissionRecord signed =
                    org.carbonledger.core.accounting.EmissionRecord.parse(record);
            org.carbonledger.core.record.RecordFile fromCsv = org.carbonledger.core.record.RecordFile.read(
                    ApiExamples.RECORD_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    org.carbonledger.core.record.RecordFormat.CSV, org.carbonledger.core.record.SignaturePolicy.REQUIRED);
            assertThat(fromCsv.problems()).isEmpty();
            assertThat(org.carbonledger.core.json.Jcs.canonicalString(fromCsv.rows().get(0).record()))
                    .as("the CSV row is the JSON record").isEqualTo(org.carbonledger.core.json.Jcs.canonicalString(record));

            assertThat(signed.verifySignature(org.carbonledger.core.crypto.DevicePublicKey.parse(
                    JsonObjectReader.of(device, "").requireString("publicKeyPem")))).isTrue();
            assertThat(signed.deviceId().value()).isEqualTo(JsonObjectReader.of(device, "").requireString("deviceId"));
            assertThat(signed.batch()).isEqualTo(org.carbonledger.core.identifier.BatchId.of(
                    JsonObjectReader.of(batch, "").requireString("gtin"), JsonObjectReader.of(batch, "").requireString("lot")));
            assertThat(Json.write(shipment.get("from").orElseThrow())).isEqualTo(Json.write(JsonObject.builder()
                    .put("gtin", ApiExamples.GTIN).put("lot", ApiExamples.LOT).build()));
            assertThat(JsonObjectReader.of(body("POST /api/v1/products"), "").requireString("gtin"))
                    .isEqualTo(ApiExamples.GTIN);
        }

        private JsonObject body(String route) {
            return examples.stream().filter(e -> (e.method() + " " + e.template()).equals(route)).findFirst()
                    .map(e -> Json.parseObject(e.body(), route)).orElseThrow();
        }
    }

    @Nested
    class Checker {
        @Test
        void a_stored_batch_that_lost_a_member_or_changed_a_type_no_longer_conforms() {
            Answer answer = get(COIL_7, READER, READER_SECRET);
            JsonObject batch = Json.parseObject(answer.body, "batch");
            String pointer = OpenApiDocument.component("Batch");
            assertThat(DOCUMENT.errors(pointer, answer.body)).isEmpty();
            assertThat(DOCUMENT.errors(pointer, Json.write(batch.without("status")))).isNotEmpty();
            assertThat(DOCUMENT.errors(pointer, Json.write(batch.without("status").with("status", JsonString.of("CLOSED"))))).isNotEmpty();
            assertThat(DOCUMENT.errors(pointer, Json.write(batch.without("gtin").with("gtin", JsonString.of("9506000134352"))))).isNotEmpty();
        }

        @Test
        void an_undocumented_status_is_reported() {
            assertThat(DOCUMENT.response("GET", "/api/v1/batches", 418, MediaType.APPLICATION_JSON).missing())
                    .contains("does not document status 418");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private record Answer(int status, String body, String mediaType) {
    }

    private void assertConforms(String method, String pathAndQuery, Answer answer) {
        String path = pathAndQuery.replaceAll("\\?.*$", "");
        OpenApiDocument.Located schema = DOCUMENT.response(method, path, answer.status, answer.mediaType);
        assertThat(schema.missing()).as(method + " " + pathAndQuery).isNull();
        assertThat(DOCUMENT.errors(schema.pointer(), answer.body)).as(method + " " + pathAndQuery + " " + answer.status).isEmpty();
    }

    private void assertProblem(String method, String path, Answer answer, int status) {
        assertThat(answer.status).as(method + " " + path).isEqualTo(status);
        assertThat(answer.mediaType).as(method + " " + path).isEqualTo("application/problem+json");
        assertConforms(method, path, answer);
    }

    private Answer get(String path, String id, String secret) {
        return send(HttpRequest.GET(path), id, secret);
    }

    private Answer post(String path, String body, String id, String secret) {
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), id, secret);
    }

    private Answer send(MutableHttpRequest<?> request, String id, String secret) {
        if (id != null) {
            request.bearerAuth(token(client, id, secret));
        }
        HttpResponse<String> response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        String body = response.getBody(String.class).orElse("");
        String type = response.getContentType().map(t -> t.getType() + "/" + t.getSubtype()).orElse("");
        return new Answer(response.code(), body, type);
    }
}
