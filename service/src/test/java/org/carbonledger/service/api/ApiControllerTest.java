package org.carbonledger.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The API's controllers on the real embedded MariaDB, without a ledger connection: queries answer from a read model
 * filled with ledger transactions as the sync applies them; commands check their input before anything else and,
 * with no ledger configured, answer 503 naming the setting.
 */
@MicronautTest
class ApiControllerTest {
    private static final String COIL = "09506000134352";
    private static final String WASHERS = "09506000134390";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    javax.sql.DataSource dataSource;

    private long block;

    @BeforeEach
    void fillReadModel() {
        applier.clear();
        block = 1;
        apply("Batches:CreateBatch", batch(COIL, "COIL-7", "SteelCoMSP", "SEALED"), batch(COIL, "A", "SteelCoMSP", "OPEN"),
                batch(COIL, "A/B", "SteelCoMSP", "OPEN"), batch(WASHERS, "WM-1", "ApplianceCoMSP", "OPEN"));
        List<LedgerTransaction.Change> records = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            records.add(record(COIL, "A", "10000000-0000-4000-8000-00000000000" + i));
        }
        records.add(record(COIL, "A/B", "10000000-0000-4000-8000-000000000009"));
        applyChanges("Records:SubmitRecords", records);
    }

    @Nested
    class Queries {
        @Test
        void a_batch_is_answered_as_the_ledger_stores_it() {
            Answer answer = get("/api/v1/batches/" + COIL + "/COIL-7", READER, READER_SECRET);
            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.json().requireString("status")).isEqualTo("SEALED");
            assertThat(answer.json().requireString("ownerMspId")).isEqualTo("SteelCoMSP");
        }

        @Test
        void a_gtin_of_thirteen_digits_finds_the_stored_gtin_14() {
            assertThat(get("/api/v1/batches/" + COIL.substring(1) + "/COIL-7", READER, READER_SECRET).status).isEqualTo(200);
        }

        @Test
        void batches_are_filtered_by_owner_and_status() {
            Answer answer = get("/api/v1/batches?owner=SteelCoMSP&status=OPEN", READER, READER_SECRET);
            assertThat(answer.status).isEqualTo(200);
            assertThat(lots(answer)).containsExactly("A", "A/B");
        }

        @Test
        void pages_follow_the_link_header_without_skipping_or_repeating() {
            List<String> seen = new ArrayList<>();
            String path = "/api/v1/batches/" + COIL + "/A/records?pageSize=2";
            int pages = 0;
            while (path != null) {
                Answer page = get(path, READER, READER_SECRET);
                assertThat(page.status).isEqualTo(200);
                page.json().requireArray("items").elements().forEach(v ->
                        seen.add(JsonObjectReader.of((JsonObject) v, "").requireString("recordId")));
                path = page.response.header("Link") == null ? null
                        : page.response.header("Link").replaceAll("^<([^>]*)>.*$", "$1");
                pages++;
            }
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
        }

        @Test
        void records_of_lot_a_do_not_include_those_of_lot_a_slash_b() {
            Answer a = get("/api/v1/batches/" + COIL + "/A/records", READER, READER_SECRET);
            assertThat(a.json().requireArray("items").size()).isEqualTo(5);
            Answer ab = get("/api/v1/batches/" + COIL + "/A%2FB/records", READER, READER_SECRET);
            assertThat(ab.status).isEqualTo(200);
            assertThat(ab.json().requireArray("items").size()).isEqualTo(1);
        }

        @Test
        void a_record_is_found_at_its_own_batch_only() {
            Answer found = get("/api/v1/batches/" + COIL + "/A%2FB/records/10000000-0000-4000-8000-000000000009", READER, READER_SECRET);
            assertThat(found.status).isEqualTo(200);
            assertThat(found.json().requireString("recordId")).isEqualTo("10000000-0000-4000-8000-000000000009");
            Answer elsewhere = get("/api/v1/batches/" + COIL + "/A/records/10000000-0000-4000-8000-000000000009", READER, READER_SECRET);
            assertThat(elsewhere.status).isEqualTo(404);
            assertThat(elsewhere.json().requireString("detail")).contains("10000000-0000-4000-8000-000000000009");
        }

        @Test
        void a_malformed_gtin_is_400_naming_the_field_and_an_unknown_batch_404() {
            Answer bad = get("/api/v1/batches/09506000134353/COIL-7", READER, READER_SECRET);
            assertThat(bad.status).isEqualTo(400);
            assertThat(bad.json().requireString("code")).isEqualTo("INVALID_GTIN");
            assertThat(bad.json().requireString("detail")).startsWith("gtin \"09506000134353\"");
            Answer badLot = get("/api/v1/batches/" + COIL + "/L%C3%96T", READER, READER_SECRET);
            assertThat(badLot.status).isEqualTo(400);
            assertThat(badLot.json().requireString("code")).isEqualTo("INVALID_LOT");
            Answer unknown = get("/api/v1/batches/" + COIL + "/NOPE", READER, READER_SECRET);
            assertThat(unknown.status).isEqualTo(404);
            assertThat(unknown.json().requireString("detail")).contains("NOPE");
        }

        @Test
        void bad_paging_parameters_are_400_naming_them() {
            Answer size = get("/api/v1/batches?pageSize=0", READER, READER_SECRET);
            assertThat(size.status).isEqualTo(400);
            assertThat(size.json().requireString("detail")).contains("pageSize");
            Answer cursor = get("/api/v1/batches?cursor=%25%25", READER, READER_SECRET);
            assertThat(cursor.status).isEqualTo(400);
            assertThat(cursor.json().requireString("detail")).contains("cursor");
            Answer status = get("/api/v1/batches?status=DONE", READER, READER_SECRET);
            assertThat(status.status).isEqualTo(400);
            assertThat(status.json().requireString("detail")).contains("OPEN or SEALED");
        }

        @Test
        void projection_instants_are_stored_as_utc_wall_clock_with_microseconds_whatever_the_jvm_zone() throws Exception {
            applier.apply(new LedgerTransaction(block++, "tx-micro", "2026-11-03T10:00:00.123456Z", "SteelCoMSP",
                    "Batches:SealBatch", List.of(batchSealedAt(COIL, "MICRO", "2026-11-03T10:00:00.123456Z"))));
            try (java.sql.Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement ps = c.prepareStatement(
                         "SELECT DATE_FORMAT(sealed_at, '%Y-%m-%dT%H:%i:%s.%f') FROM batch_view WHERE lot = 'MICRO'");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2026-11-03T10:00:00.123456");
            }
        }

        @Test
        void queries_need_a_token() {
            HttpResponse<String> anonymous = client.toBlocking().exchange(HttpRequest.GET("/api/v1/batches"),
                    Argument.STRING, Argument.STRING);
            assertThat(anonymous.code()).isEqualTo(401);
        }
    }

    /** This service acts for SteelCoMSP (application-test.yml). */
    @Nested
    class PrivateRecords {
        /** Outside the test's own database transaction, so the HTTP requests see it. */
        @BeforeEach
        void recordTransactions() {
            apply("Records:SubmitRecords", recordTransaction(WASHERS, "WM-1", "d1", "ApplianceCoMSP", "CertCoMSP"));
            apply("Records:SubmitRecords", recordTransaction(COIL, "A", "d2", "SteelCoMSP"),
                    recordTransaction(COIL, "A", "d3", "CertCoMSP", "SteelCoMSP"));
        }

        @Test
        void a_batch_whose_records_this_member_holds_none_of_answers_not_designated_instead_of_an_empty_list() {
            Answer list = get("/api/v1/batches/" + WASHERS + "/WM-1/records", READER, READER_SECRET);
            assertThat(list.status).isEqualTo(403);
            assertThat(list.json().requireString("code")).isEqualTo("NOT_DESIGNATED");
            assertThat(list.json().requireString("detail")).contains("private to ApplianceCoMSP").contains("SteelCoMSP holds none");
            Answer one = get("/api/v1/batches/" + WASHERS + "/WM-1/records/10000000-0000-4000-8000-000000000077", READER,
                    READER_SECRET);
            assertThat(one.status).isEqualTo(403);
            assertThat(one.json().requireString("code")).isEqualTo("NOT_DESIGNATED");
        }

        @Test
        void a_batch_whose_records_this_member_holds_lists_them() {
            Answer list = get("/api/v1/batches/" + COIL + "/A/records", READER, READER_SECRET);
            assertThat(list.status).isEqualTo(200);
            assertThat(list.json().requireArray("items").size()).isEqualTo(5);
            assertThat(get("/api/v1/batches/" + COIL + "/A/records/10000000-0000-4000-8000-000000000077", READER,
                    READER_SECRET).status).isEqualTo(404);
        }

        @Test
        void a_batch_no_records_were_added_to_lists_none() {
            Answer list = get("/api/v1/batches/" + COIL + "/COIL-7/records", READER, READER_SECRET);
            assertThat(list.status).isEqualTo(200);
            assertThat(list.json().requireArray("items").size()).isZero();
        }
    }

    @Nested
    class Commands {
        @Test
        void malformed_json_is_400_naming_the_body_and_reaches_no_ledger() {
            Answer answer = post("/api/v1/products", "{\"gtin\":", OPERATOR, OPERATOR_SECRET);
            assertThat(answer.status).isEqualTo(400);
            assertThat(answer.json().requireString("detail")).contains("body");
        }

        @Test
        void every_malformed_record_of_a_bulk_request_is_listed_and_nothing_is_submitted() {
            String body = "[{\"recordId\":\"not-a-uuid\"},{\"recordId\":\"10000000-0000-4000-8000-000000000001\",\"gtin\":\"123\"}]";
            Answer answer = post("/api/v1/records", body, OPERATOR, OPERATOR_SECRET);
            assertThat(answer.status).isEqualTo(400);
            JsonArray errors = answer.json().requireArray("errors");
            assertThat(errors.size()).isEqualTo(2);
            assertThat(Json.write(errors)).contains("records[0]").contains("records[1]");
        }

        @Test
        void a_record_id_used_twice_in_one_request_is_refused_before_submission() {
            Answer answer = post("/api/v1/records", "[{},{}]", OPERATOR, OPERATOR_SECRET);
            assertThat(answer.status).isEqualTo(400);
        }

        @Test
        void without_a_ledger_connection_a_valid_command_is_503_naming_the_setting() {
            Answer answer = post("/api/v1/products", "{\"gtin\":\"" + COIL + "\",\"name\":\"Coil\",\"declaredUnit\":\"t\"}",
                    OPERATOR, OPERATOR_SECRET);
            assertThat(answer.status).isEqualTo(503);
            assertThat(answer.json().requireString("detail")).contains("carbonledger.fabric.connection-file");
        }

        @Test
        void a_read_only_client_may_not_write() {
            Answer answer = post("/api/v1/products", "{}", READER, READER_SECRET);
            assertThat(answer.status).isEqualTo(403);
        }

        @Test
        void governance_needs_an_admin() {
            Answer answer = post("/api/v1/proposals", "{}", OPERATOR, OPERATOR_SECRET);
            assertThat(answer.status).isEqualTo(403);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private record Answer(int status, String body, HttpResponse<String> response) {
        JsonObjectReader json() {
            return JsonObjectReader.of(Json.parseObject(body, "body"), "");
        }
    }

    private Answer get(String path, String id, String secret) {
        return send(HttpRequest.GET(path), id, secret);
    }

    private Answer post(String path, String body, String id, String secret) {
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), id, secret);
    }

    private Answer send(MutableHttpRequest<?> request, String id, String secret) {
        HttpResponse<String> response = client.toBlocking().exchange(request.bearerAuth(token(client, id, secret)),
                Argument.STRING, Argument.STRING);
        String body = response.code() < 400 ? response.getBody(String.class).orElse("")
                : response.getBody(Argument.STRING).orElse("");
        return new Answer(response.code(), body, response);
    }

    private static List<String> lots(Answer answer) {
        List<String> lots = new ArrayList<>();
        answer.json().requireArray("items").elements().forEach(v -> lots.add(JsonObjectReader.of((JsonObject) v, "").requireString("lot")));
        return lots;
    }

    private void apply(String function, LedgerTransaction.Change... changes) {
        applyChanges(function, List.of(changes));
    }

    private void applyChanges(String function, List<LedgerTransaction.Change> changes) {
        long n = block++;
        applier.apply(new LedgerTransaction(n, "tx-" + n, "2026-11-0" + Math.min(n, 9) + "T10:00:00Z", "SteelCoMSP", function, changes));
    }

    /** A batch state as the chaincode stores it (so the projection, which reads with core's model, accepts it). */
    private static LedgerTransaction.Change batch(String gtin, String lot, String owner, String status) {
        JsonObject.Builder b = JsonObject.builder().put("gtin", gtin).put("lot", lot).put("ownerMspId", owner)
                .put("productName", "Product " + gtin).put("declaredUnit", "t")
                .put("quantity", JsonObject.builder().put("amount", "10").put("unit", "t").build())
                .put("shipped", JsonObject.builder().put("amount", "0").put("unit", "kg").build())
                .put("status", status).put("inbound", org.carbonledger.core.json.JsonArray.of())
                .put("createdAt", "2026-11-01T10:00:00Z").put("txId", "c1".repeat(32));
        if (status.equals("SEALED")) {
            b.put("sealHash", "ab".repeat(32)).put("sealedAt", "2026-11-02T10:00:00Z").put("sealTxId", "c2".repeat(32))
                    .put("seal", JsonObject.builder().put("footprint", JsonObject.builder().put("total", "100").build())
                            .put("perUnit", JsonObject.builder().put("total", "10").build()).build());
        }
        return new LedgerTransaction.Change("batch", "BATCH/" + gtin + "/" + lot, Optional.of(b.build()));
    }

    private static LedgerTransaction.Change batchSealedAt(String gtin, String lot, String sealedAt) {
        JsonObject value = batch(gtin, lot, "SteelCoMSP", "SEALED").value().orElseThrow().without("sealedAt")
                .with("sealedAt", org.carbonledger.core.json.JsonString.of(sealedAt));
        return new LedgerTransaction.Change("batch", "BATCH/" + gtin + "/" + lot, Optional.of(value));
    }

    private static LedgerTransaction.Change record(String gtin, String lot, String id) {
        JsonObject value = JsonObject.builder().put("recordId", id).put("gtin", gtin).put("lot", lot)
                .put("ownerMspId", "SteelCoMSP").put("deviceId", "meter-12").put("stage", "PRODUCTION").put("scope", 2L)
                .put("co2e", JsonObject.builder().put("fossil", "1.5").put("biogenicNonCo2", "0")
                        .put("biogenicCo2", "0").put("total", "1.5").build())
                .put("contentHash", "cd".repeat(32)).put("record", JsonObject.builder().put("recordId", id).build())
                .put("salt", "5a".repeat(32)).put("txId", "c3".repeat(32)).put("submittedAt", "2026-11-01T11:00:00Z").build();
        return new LedgerTransaction.Change("record", "ID/" + id, Optional.of(value), Optional.of("org_SteelCoMSP"));
    }

    /** The public trace of a record transaction; {@code txPrefix} makes its 64-hex transaction id. */
    private static LedgerTransaction.Change recordTransaction(String gtin, String lot, String txPrefix, String... holders) {
        String txId = txPrefix.repeat(32);
        JsonObject value = JsonObject.builder().put("gtin", gtin).put("lot", lot).put("txId", txId)
                .put("holders", JsonArray.of(java.util.Arrays.stream(holders).map(org.carbonledger.core.json.JsonString::of).toList()))
                .build();
        return new LedgerTransaction.Change("recordTransaction", "RECORD_TX/" + gtin + "/" + lot + "/" + txId, Optional.of(value));
    }
}
