package org.carbonledger.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.junit.jupiter.api.Test;

class ProjectionChecksTest {
    /** Read when a test needs it, so the checks that need no fixture run whatever state the fixture is in. */
    private static BundledBatch coil() {
        return WorkedExampleReadModel.bundle().batch(WorkedExampleReadModel.COIL_7).orElseThrow();
    }

    private static String total(JsonObject seal, String member) {
        return JsonObjectReader.of(seal, "seal").requireObject(member).requireString("total");
    }

    private static ProjectionChecks.BatchRow projected(StoredBatch b) {
        JsonObject seal = b.seal().orElseThrow();
        return new ProjectionChecks.BatchRow(b.id().gtin().value(), b.id().lot().value(), b.ownerMspId(), b.status(),
                b.sealHash().orElseThrow().toHex(), total(seal, "footprint"), total(seal, "perUnit"));
    }

    private static ProjectionChecks.RecordRow projected(StoredRecord r) {
        return new ProjectionChecks.RecordRow(r.recordId().value(), r.batch().gtin().value(), r.batch().lot().value(),
                JsonObjectReader.of(r.co2eJson(), "co2e").requireString("total"), r.txId());
    }

    private static List<String> details(List<JsonObject> differences) {
        return differences.stream().map(d -> JsonObjectReader.of(d, "").requireString("detail")).toList();
    }

    @Test
    void a_batch_row_projected_from_its_state_has_no_difference() {
        StoredBatch batch = coil().batch();
        List<JsonObject> differences = new ArrayList<>();

        ProjectionChecks.compareBatch(differences::add, "BATCH/x", projected(batch), Json.write(batch.json()));

        assertThat(differences).isEmpty();
    }

    @Test
    void an_edited_footprint_total_in_batch_view_is_named_with_both_values() {
        StoredBatch batch = coil().batch();
        ProjectionChecks.BatchRow row = projected(batch);
        ProjectionChecks.BatchRow edited = new ProjectionChecks.BatchRow(row.gtin(), row.lot(), row.ownerMsp(),
                row.status(), row.sealHash(), "0.001", row.perUnitTotal());
        List<JsonObject> differences = new ArrayList<>();

        ProjectionChecks.compareBatch(differences::add, "BATCH/x", edited, Json.write(batch.json()));

        assertThat(details(differences)).containsExactly("batch_view.footprint_total is \"0.001\" but the ledger "
                + "state says \"" + row.footprintTotal() + "\"");
        assertThat(JsonObjectReader.of(differences.get(0), "").requireString("kind")).isEqualTo("PROJECTION");
    }

    @Test
    void a_seal_hash_in_batch_view_of_an_unsealed_state_is_a_difference() {
        StoredBatch batch = coil().batch();
        StoredBatch open = StoredBatch.open(batch.id(), batch.ownerMspId(), batch.productName(),
                batch.declaredUnit(), batch.quantity(), batch.createdAt(), batch.txId());
        ProjectionChecks.BatchRow row = projected(batch);
        List<JsonObject> differences = new ArrayList<>();

        ProjectionChecks.compareBatch(differences::add, "BATCH/x", row, Json.write(open.toJson()));

        assertThat(details(differences)).containsExactly(
                "batch_view.status is \"SEALED\" but the ledger state says \"OPEN\"",
                "batch_view.seal_hash is \"" + row.sealHash() + "\" but the ledger state says null",
                "batch_view.footprint_total is \"" + row.footprintTotal() + "\" but the ledger state says null",
                "batch_view.per_unit_total is \"" + row.perUnitTotal() + "\" but the ledger state says null");
    }

    @Test
    void a_batch_state_that_does_not_read_is_a_difference_not_a_failed_audit() {
        StoredBatch batch = coil().batch();
        List<JsonObject> differences = new ArrayList<>();

        ProjectionChecks.compareBatch(differences::add, "BATCH/x", projected(batch), "{\"gtin\":\"1\"}");

        assertThat(details(differences)).singleElement().asString()
                .startsWith("the ledger state of this batch_view row does not read as a batch");
    }

    @Test
    void a_record_row_is_checked_against_its_state_column_by_column() {
        StoredRecord record = coil().records().get(0);
        ProjectionChecks.RecordRow row = projected(record);
        List<JsonObject> clean = new ArrayList<>();
        List<JsonObject> edited = new ArrayList<>();

        ProjectionChecks.compareRecord(clean::add, "ID/x", row, Json.write(record.json()));
        ProjectionChecks.compareRecord(edited::add, "ID/x", new ProjectionChecks.RecordRow(row.recordId(), row.gtin(),
                row.lot(), "1", "another-tx"), Json.write(record.json()));

        assertThat(clean).isEmpty();
        assertThat(details(edited)).containsExactly(
                "record_view.co2e_total is \"1\" but the ledger state says \"" + row.co2eTotal() + "\"",
                "record_view.transaction_id is \"another-tx\" but the ledger state says \"" + record.txId() + "\"");
    }

    @Test
    void a_designation_row_is_checked_against_its_state() {
        String state = "{\"certifierMspId\":\"CertCoMSP\",\"designatedAt\":\"2026-11-02T10:00:00Z\","
                + "\"producerMspId\":\"SteelCoMSP\",\"txId\":\"" + "a1".repeat(32) + "\"}";
        List<JsonObject> clean = new ArrayList<>();
        List<JsonObject> edited = new ArrayList<>();

        ProjectionChecks.compareDesignation(clean::add, "DESIGNATION/SteelCoMSP/CertCoMSP",
                new ProjectionChecks.DesignationRow("SteelCoMSP", "CertCoMSP", "a1".repeat(32)), state);
        ProjectionChecks.compareDesignation(edited::add, "DESIGNATION/SteelCoMSP/CertCoMSP",
                new ProjectionChecks.DesignationRow("SteelCoMSP", "OtherCoMSP", "a1".repeat(32)), state);

        assertThat(clean).isEmpty();
        assertThat(details(edited)).containsExactly(
                "designation_view.certifier_msp is \"OtherCoMSP\" but the ledger state says \"CertCoMSP\"");
    }

    @Test
    void a_record_transaction_row_with_other_holders_than_its_state_is_a_difference() {
        String state = "{\"gtin\":\"09506000134352\",\"holders\":[\"CertCoMSP\",\"SteelCoMSP\"],\"lot\":\"COIL-7\","
                + "\"txId\":\"" + "c3".repeat(32) + "\"}";
        List<JsonObject> clean = new ArrayList<>();
        List<JsonObject> edited = new ArrayList<>();

        ProjectionChecks.compareRecordTransaction(clean::add, "RECORD_TX/x", new ProjectionChecks.RecordTransactionRow(
                "09506000134352", "COIL-7", "c3".repeat(32), "CertCoMSP,SteelCoMSP"), state);
        ProjectionChecks.compareRecordTransaction(edited::add, "RECORD_TX/x", new ProjectionChecks.RecordTransactionRow(
                "09506000134352", "COIL-7", "c3".repeat(32), "OtherCoMSP,SteelCoMSP"), state);

        assertThat(clean).isEmpty();
        assertThat(details(edited)).containsExactly("record_transaction_view.holders is \"OtherCoMSP,SteelCoMSP\" "
                + "but the ledger state says \"CertCoMSP,SteelCoMSP\"");
    }
}
