package org.carbonledger.service.designation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.util.List;
import java.util.Optional;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.StoredRecordTransaction;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The record endpoints of a certifier's service (CertCoMSP) for batches of producers: records are answered to the
 * owner, to a certifier the owner designated, and to an organization whose peer holds them; any other organization
 * gets a 403 NOT_DESIGNATED naming the batch, never an empty list that would read as "no records".
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.organization", value = "CertCoMSP")
class PrivateRecordsTest {
    private static final BatchId COIL = BatchId.of("09506000134352", "COIL-7");
    private static final BatchId WASHERS = BatchId.of("09506000134390", "WM-1");
    private static final String RECORD = "10000000-0000-4000-8000-000000000001";
    private static final String TX = "c3".repeat(32);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    private long block;

    @BeforeEach
    void readModel() {
        applier.clear();
        block = 1;
        apply(batch(COIL, "SteelCoMSP"), batch(WASHERS, "ApplianceCoMSP"), record(COIL, "SteelCoMSP", RECORD),
                record(WASHERS, "ApplianceCoMSP", "10000000-0000-4000-8000-000000000002"));
    }

    @Test
    void records_of_a_producer_that_did_not_designate_this_organization_are_403_not_designated_naming_the_batch() {
        Answer list = get(records(COIL));
        Answer one = get(records(COIL) + "/" + RECORD);

        for (Answer answer : List.of(list, one)) {
            assertThat(answer.status).isEqualTo(403);
            assertThat(answer.json().requireString("code")).isEqualTo("NOT_DESIGNATED");
            assertThat(answer.json().requireString("type")).isEqualTo("urn:carbonledger:problem:not-designated");
            assertThat(answer.json().requireString("detail")).isEqualTo("the records of batch 09506000134352/COIL-7 "
                    + "are private to SteelCoMSP and the certifiers it designated; CertCoMSP is not one of them");
        }
    }

    @Test
    void a_certifier_the_owner_designated_reads_the_records() {
        apply(designation("SteelCoMSP", "CertCoMSP"));

        Answer list = get(records(COIL));

        assertThat(list.status).isEqualTo(200);
        assertThat(list.json().requireArray("items").size()).isEqualTo(1);
        assertThat(get(records(COIL) + "/" + RECORD).status).isEqualTo(200);
        assertThat(get(records(WASHERS)).status).as("a designation by SteelCo opens no other producer's records")
                .isEqualTo(403);
    }

    @Test
    void a_certifier_whose_designation_was_revoked_still_reads_the_records_its_peer_holds() {
        apply(designation("SteelCoMSP", "CertCoMSP"), recordTransaction(COIL, "CertCoMSP", "SteelCoMSP"),
                recordTransaction(WASHERS, "ApplianceCoMSP", "AuditCoMSP"));
        apply(new LedgerTransaction.Change("designation", "DESIGNATION/SteelCoMSP/CertCoMSP", Optional.empty()));

        assertThat(get(records(COIL)).status).isEqualTo(200);
        assertThat(get(records(WASHERS)).status).isEqualTo(403);
    }

    @Test
    void an_unknown_batch_is_still_404() {
        assertThat(get("/api/v1/batches/09506000134352/NOPE/records").status).isEqualTo(404);
        assertThat(get("/api/v1/batches/09506000134352/NOPE/records/" + RECORD).status).isEqualTo(404);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String records(BatchId id) {
        return "/api/v1/batches/" + id.gtin().value() + "/" + id.lot().value() + "/records";
    }

    private void apply(LedgerTransaction.Change... changes) {
        long n = block++;
        applier.apply(new LedgerTransaction(n, "private-records-tx-" + n, "2026-11-0" + Math.min(n, 9) + "T10:00:00Z",
                "SteelCoMSP", "Test:Apply", List.of(changes)));
    }

    private static LedgerTransaction.Change designation(String producer, String certifier) {
        return change("designation", "DESIGNATION/" + producer + "/" + certifier, new StoredDesignation(producer,
                certifier, java.time.Instant.parse("2026-11-01T09:00:00Z"), "d1".repeat(32)).toJson());
    }

    private static LedgerTransaction.Change recordTransaction(BatchId id, String... holders) {
        return change("recordTransaction", "RECORD_TX/" + id.gtin().value() + "/" + id.lot().value() + "/" + TX,
                new StoredRecordTransaction(id, TX, List.of(holders)).toJson());
    }

    private static LedgerTransaction.Change batch(BatchId id, String owner) {
        return change("batch", "BATCH/" + id.gtin().value() + "/" + id.lot().value(), JsonObject.builder()
                .put("gtin", id.gtin().value()).put("lot", id.lot().value()).put("ownerMspId", owner)
                .put("productName", "Product " + id.gtin().value()).put("declaredUnit", "t")
                .put("quantity", JsonObject.builder().put("amount", "10").put("unit", "t").build())
                .put("shipped", JsonObject.builder().put("amount", "0").put("unit", "kg").build())
                .put("status", "OPEN").put("inbound", org.carbonledger.core.json.JsonArray.of())
                .put("createdAt", "2026-11-01T10:00:00Z").put("txId", "c1".repeat(32)).build());
    }

    private static LedgerTransaction.Change record(BatchId id, String owner, String recordId) {
        return change("record", "ID/" + recordId, JsonObject.builder().put("recordId", recordId)
                .put("gtin", id.gtin().value()).put("lot", id.lot().value()).put("ownerMspId", owner)
                .put("deviceId", "meter-12").put("stage", "PRODUCTION").put("scope", 2L)
                .put("co2e", JsonObject.builder().put("fossil", "1.5").put("biogenicNonCo2", "0")
                        .put("biogenicCo2", "0").put("total", "1.5").build())
                .put("contentHash", "cd".repeat(32)).put("record", JsonObject.builder().put("recordId", recordId).build())
                .put("salt", "ef".repeat(32)).put("txId", TX).put("submittedAt", "2026-11-01T11:00:00Z").build());
    }

    private static LedgerTransaction.Change change(String type, String key, JsonObject value) {
        return new LedgerTransaction.Change(type, key, Optional.of(value));
    }

    private record Answer(int status, String body) {
        JsonObjectReader json() {
            return JsonObjectReader.of(Json.parseObject(body, "body"), "");
        }
    }

    private Answer get(String path) {
        HttpResponse<String> response = client.toBlocking().exchange(
                HttpRequest.GET(path).bearerAuth(token(client, READER, READER_SECRET)), Argument.STRING, Argument.STRING);
        return new Answer(response.code(), response.getBody(Argument.STRING).orElse(""));
    }
}
