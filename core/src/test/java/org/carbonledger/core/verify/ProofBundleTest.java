package org.carbonledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.core.verify.WorkedExampleBundle.COLLECTION;
import static org.carbonledger.core.verify.WorkedExampleBundle.PANELS;
import static org.carbonledger.core.verify.WorkedExampleBundle.WASHERS;
import static org.carbonledger.core.verify.WorkedExampleBundle.recordId;
import static org.carbonledger.core.verify.WorkedExampleBundle.transferId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.DeviceRef;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reading, writing and building proof bundles. */
class ProofBundleTest {

    static final JsonObject VALID = WorkedExampleBundle.fixtureJson();
    static final ProofBundle BUNDLE = ProofBundle.fromJson(VALID);

    static void assertRefused(ThrowingCallable call, ErrorCode code, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LedgerRuleException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Nested
    class Reading {

        @Test
        void writes_back_exactly_what_it_read() {
            assertThat(BUNDLE.toJson()).isEqualTo(VALID);
            assertThat(BUNDLE.toCanonicalBytes()).isEqualTo(Jcs.canonicalize(VALID));
            assertThat(ProofBundle.fromJson(new String(Fixtures.bytes(WorkedExampleBundle.FIXTURE),
                    StandardCharsets.UTF_8))).isEqualTo(BUNDLE);
        }

        @Test
        void identifies_a_bundle_by_the_hash_of_its_canonical_form_whatever_the_array_order() {
            JsonObject shuffled = JsonEdit.update(VALID, "transfers", a -> {
                List<JsonValue> reversed = new ArrayList<>(((JsonArray) a).elements());
                java.util.Collections.reverse(reversed);
                return JsonArray.of(reversed);
            });
            ProofBundle reordered = ProofBundle.fromJson(shuffled);
            assertThat(reordered.sha256()).isEqualTo(BUNDLE.sha256())
                    .isEqualTo(Sha256.of(Jcs.canonicalize(VALID)));
            assertThat(reordered).isEqualTo(BUNDLE);
        }

        @Test
        void indexes_the_states_by_their_ledger_keys() {
            assertThat(BUNDLE.root()).isEqualTo(WASHERS);
            assertThat(BUNDLE.batches()).hasSize(4);
            assertThat(BUNDLE.batch(PANELS).orElseThrow().records()).extracting(r -> r.recordId().value())
                    .containsExactly(recordId(301), recordId(302));
            assertThat(BUNDLE.transfers()).hasSize(8);
            assertThat(BUNDLE.devices()).containsKey(new DeviceRef("SteelCoMSP", new DeviceId("steelco-meter-12")));
            assertThat(BUNDLE.factors()).containsOnlyKeys("corrugated-board-2026", "diesel-combustion-2026",
                    "grid-electricity-2026", "natural-gas-combustion-2026");
            assertThat(BUNDLE.certifiers()).containsOnlyKeys("CertCoMSP");
            assertThat(BUNDLE.collection()).isEqualTo(COLLECTION);
        }

        @Test
        void names_every_transaction_its_states_reference() {
            List<TransactionReference> refs = BUNDLE.transactionReferences();
            assertThat(refs).filteredOn(r -> r.subject().equals(Subject.transfer(new LedgerId(transferId(4)))))
                    .extracting(TransactionReference::field).containsExactly("shipTxId");
            assertThat(refs).filteredOn(r -> r.subject().equals(Subject.batch(WASHERS)))
                    .extracting(TransactionReference::field).containsExactly("txId", "sealTxId");
            assertThat(BUNDLE.transactionIdsToCheck()).containsExactlyElementsOf(BUNDLE.transactions().keySet());
        }

        @Test
        void refuses_an_unknown_member_naming_its_path() {
            JsonObject decorated = JsonEdit.update(VALID, "batches[batch.lot=COIL-7].batch",
                    b -> ((JsonObject) b).with("depth", JsonNumber.of(2)));
            assertRefused(() -> ProofBundle.fromJson(decorated), ErrorCode.INVALID_ARGUMENT, "batches[0].batch.depth",
                    "batches[0].batch.depth: unknown member (allowed: gtin, lot, ownerMspId, productName, "
                            + "declaredUnit, quantity, shipped, status, inbound, createdAt, txId, seal, sealHash, "
                            + "sealedAt, sealTxId)");
        }

        @Test
        void reads_a_batch_bundled_without_its_records_and_writes_it_back() {
            JsonObject withheld = JsonEdit.update(VALID, "batches[batch.lot=COIL-7]",
                    e -> ((JsonObject) e).without("records").with("recordsDisclosed", JsonBoolean.FALSE));
            ProofBundle bundle = ProofBundle.fromJson(withheld);
            BundledBatch coil = bundle.batch(WorkedExampleBundle.COIL_7).orElseThrow();
            assertThat(coil.recordsDisclosed()).isFalse();
            assertThat(coil.records()).isEmpty();
            assertThat(coil.attestations()).hasSize(1);
            assertThat(bundle.toJson()).isEqualTo(withheld);
            assertThat(BUNDLE.batches().values()).allMatch(BundledBatch::recordsDisclosed);
        }

        @Test
        void refuses_records_beside_the_mark_that_they_were_not_disclosed() {
            JsonObject both = JsonEdit.update(VALID, "batches[batch.lot=COIL-7]",
                    e -> ((JsonObject) e).with("recordsDisclosed", JsonBoolean.FALSE));
            assertRefused(() -> ProofBundle.fromJson(both), ErrorCode.INVALID_ARGUMENT, "batches[0].records",
                    "batches[0].records: a batch whose records were not disclosed holds no records member");
        }

        @Test
        void refuses_records_disclosed_written_as_true_or_a_batch_without_records() {
            JsonObject marked = JsonEdit.update(VALID, "batches[batch.lot=COIL-7]",
                    e -> ((JsonObject) e).without("records").with("recordsDisclosed", JsonBoolean.TRUE));
            assertRefused(() -> ProofBundle.fromJson(marked), ErrorCode.INVALID_ARGUMENT,
                    "batches[0].recordsDisclosed", "batches[0].recordsDisclosed \"true\": is written only as false, "
                            + "for a batch bundled without its records");
            JsonObject missing = JsonEdit.update(VALID, "batches[batch.lot=COIL-7]",
                    e -> ((JsonObject) e).without("records"));
            assertThatThrownBy(() -> ProofBundle.fromJson(missing)).isInstanceOfSatisfying(LedgerRuleException.class,
                    e -> assertThat(e.field()).isEqualTo("batches[0].records"));
        }

        @Test
        void refuses_another_format() {
            assertRefused(() -> ProofBundle.fromJson(JsonEdit.set(VALID, "format", "carbonledger-proof-bundle/2")),
                    ErrorCode.INVALID_ARGUMENT, "format", "format \"carbonledger-proof-bundle/2\": unsupported "
                            + "bundle format; this verifier reads carbonledger-proof-bundle/1");
        }

        @Test
        void refuses_a_record_listed_twice() {
            JsonObject twice = JsonEdit.update(VALID, "batches[batch.lot=PNL-2611-A].records", a -> {
                List<JsonValue> list = new ArrayList<>(((JsonArray) a).elements());
                list.add(list.get(0));
                return JsonArray.of(list);
            });
            assertRefused(() -> ProofBundle.fromJson(twice), ErrorCode.INVALID_ARGUMENT,
                    "batches[2].records[2].recordId", "batches[2].records[2].recordId \"" + recordId(301)
                            + "\": occurs more than once in the bundle");
        }

        @Test
        void refuses_a_record_nested_under_two_batches() {
            JsonValue panelRecord = Building.state("batches[batch.lot=PNL-2611-A].records[recordId=" + recordId(301)
                    + "]");
            JsonObject twice = JsonEdit.update(VALID, "batches[batch.lot=WM-2611-001].records", a -> {
                List<JsonValue> list = new ArrayList<>(((JsonArray) a).elements());
                list.add(panelRecord);
                return JsonArray.of(list);
            });
            assertRefused(() -> ProofBundle.fromJson(twice), ErrorCode.INVALID_ARGUMENT,
                    "batches[3].records[3].recordId", "batches[3].records[3].recordId \"" + recordId(301)
                            + "\": occurs more than once in the bundle");
        }

        @Test
        void refuses_a_stored_decimal_that_is_not_canonical() {
            JsonObject bad = JsonEdit.set(VALID, "batches[batch.lot=PNL-2611-A].records[recordId=" + recordId(302)
                    + "].co2e.fossil", "5329.50");
            assertRefused(() -> ProofBundle.fromJson(bad), ErrorCode.INVALID_AMOUNT, "batches[2].records[1].co2e.fossil",
                    "batches[2].records[1].co2e.fossil \"5329.50\": not a canonical decimal (plain digits, no "
                            + "trailing fraction zeros, \"0\" for zero)");
        }

        @Test
        void refuses_a_transaction_id_that_is_not_a_fabric_one() {
            JsonObject bad = JsonEdit.set(VALID, "transfers[transferId=" + transferId(1) + "].shipTxId", "tx-1");
            assertRefused(() -> ProofBundle.fromJson(bad), ErrorCode.INVALID_ARGUMENT, "transfers[0].shipTxId",
                    "transfers[0].shipTxId \"tx-1\": a SHA-256 hash is 64 lowercase hex digits, found 4 characters");
        }

        @Test
        void refuses_a_bundle_without_its_root_batch() {
            JsonObject rootless = JsonEdit.remove(VALID, "batches[batch.lot=WM-2611-001]");
            assertRefused(() -> ProofBundle.fromJson(rootless), ErrorCode.INVALID_ARGUMENT, "root",
                    "root \"09506000134390/WM-2611-001\": the root batch is not among the bundle's batches");
        }

        @Test
        void refuses_a_role_record_of_another_role() {
            JsonObject producer = JsonEdit.set(VALID, "certifiers[0].role", "PRODUCER");
            assertRefused(() -> ProofBundle.fromJson(producer), ErrorCode.INVALID_ARGUMENT, "certifiers[0].role",
                    "certifiers[0].role \"PRODUCER\": expected one of CERTIFIER");
        }

        @Test
        void refuses_an_instant_not_written_as_the_ledger_writes_it() {
            JsonObject offset = JsonEdit.set(VALID, "collection.collectedAt", "2027-01-15T09:30:00.000Z");
            assertRefused(() -> ProofBundle.fromJson(offset), ErrorCode.INVALID_ARGUMENT, "collection.collectedAt",
                    "collection.collectedAt \"2027-01-15T09:30:00.000Z\": not in canonical form; expected "
                            + "2027-01-15T09:30:00Z");
        }
    }

    @Nested
    class Building {

        static JsonObject state(String path) {
            JsonValue[] found = new JsonValue[1];
            JsonEdit.update(VALID, path, v -> {
                found[0] = v;
                return v;
            });
            return (JsonObject) found[0];
        }

        @Test
        void checked_in_fixture_is_the_worked_example_collected_through_the_builder() {
            assertThat(WorkedExampleBundle.build().toJson()).isEqualTo(VALID);
        }

        @Test
        void tells_the_collector_what_to_read_next() {
            ProofBundle.Builder b = ProofBundle.builder(WASHERS);
            assertThat(b.missingBatches()).containsExactly(WASHERS);

            b.addBatch(state("batches[batch.lot=WM-2611-001].batch"));
            assertThat(b.missingBatches()).isEmpty();
            assertThat(b.missingTransfers()).extracting(LedgerId::value).containsExactly(transferId(7), transferId(8));

            b.addTransfer(state("transfers[transferId=" + transferId(7) + "]"));
            b.addTransfer(state("transfers[transferId=" + transferId(8) + "]"));
            assertThat(b.missingTransfers()).isEmpty();
            assertThat(b.missingBatches()).containsExactly(PANELS);

            b.addRecord(state("batches[batch.lot=WM-2611-001].records[recordId=" + recordId(402) + "]"));
            assertThat(b.missingDevices()).containsExactly(new DeviceRef("ApplianceCoMSP",
                    new DeviceId("applianceco-line-1")));
            assertThat(b.missingFactors()).containsExactly("corrugated-board-2026");
            assertThat(b.missingTransactions()).hasSize(7); // batch created and sealed, 2 transfers × 2, 1 record
        }

        @Test
        void accepts_the_same_state_twice() {
            JsonObject transfer = state("transfers[transferId=" + transferId(7) + "]");
            ProofBundle.Builder b = ProofBundle.builder(WASHERS).addTransfer(transfer).addTransfer(transfer);
            assertThat(b.missingBatches()).containsExactly(PANELS, WASHERS);
        }

        @Test
        void refuses_a_different_state_under_a_key_already_filled() {
            JsonObject transfer = state("transfers[transferId=" + transferId(7) + "]");
            ProofBundle.Builder b = ProofBundle.builder(WASHERS).addTransfer(transfer);
            JsonObject later = transfer.without("status").with("status", JsonString.of("RETURNED"));
            assertRefused(() -> b.addTransfer(later), ErrorCode.INVALID_STATE, "transfer",
                    "transfer \"" + transferId(7) + "\": was added twice with different contents: the ledger "
                            + "changed during collection; collect again");
        }

        @Test
        void refuses_a_state_decorated_by_a_query() {
            JsonObject provenanceNode = state("batches[batch.lot=WM-2611-001].batch").with("depth", JsonNumber.of(0));
            assertThatThrownBy(() -> ProofBundle.builder(WASHERS).addBatch(provenanceNode))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("batch.depth"));
        }

        @Test
        void refuses_to_build_without_the_root_batch() {
            assertRefused(() -> ProofBundle.builder(WASHERS).build(COLLECTION), ErrorCode.INVALID_STATE, "root",
                    "root \"09506000134390/WM-2611-001\": the root batch was not added");
        }

        @Test
        void builds_a_batch_noted_as_not_disclosed_without_records() {
            ProofBundle bundle = ProofBundle.builder(WASHERS)
                    .addBatch(state("batches[batch.lot=WM-2611-001].batch"))
                    .recordsNotDisclosed(WASHERS)
                    .build(COLLECTION);
            assertThat(bundle.batch(WASHERS).orElseThrow().recordsDisclosed()).isFalse();
        }

        @Test
        void refuses_to_build_with_records_of_a_batch_noted_as_not_disclosed() {
            ProofBundle.Builder b = ProofBundle.builder(WASHERS)
                    .addBatch(state("batches[batch.lot=WM-2611-001].batch"))
                    .addRecord(state("batches[batch.lot=WM-2611-001].records[recordId=" + recordId(401) + "]"))
                    .recordsNotDisclosed(WASHERS);
            assertRefused(() -> b.build(COLLECTION), ErrorCode.INVALID_STATE, "record", "record \"" + recordId(401)
                    + "\": belongs to batch 09506000134390/WM-2611-001, whose records were noted as not disclosed");
        }

        @Test
        void refuses_to_build_with_a_record_of_a_batch_not_added() {
            ProofBundle.Builder b = ProofBundle.builder(WASHERS)
                    .addBatch(state("batches[batch.lot=WM-2611-001].batch"))
                    .addRecord(state("batches[batch.lot=PNL-2611-A].records[recordId=" + recordId(301) + "]"));
            assertRefused(() -> b.build(COLLECTION), ErrorCode.INVALID_STATE, "record", "record \"" + recordId(301)
                    + "\": belongs to batch 09506000134383/PNL-2611-A, which was not added");
        }
    }
}
