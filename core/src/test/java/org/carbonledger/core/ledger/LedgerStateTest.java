package org.carbonledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One state model per key type: each state reads strictly and writes back to what it read. */
class LedgerStateTest {
    private static final String TX = "a".repeat(64);
    private static final String HASH = "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de";
    private static final String AT = "2026-10-01T08:00:00Z";
    private static final String ID = "20000000-0000-4000-8000-000000000001";
    private static final String ID2 = "20000000-0000-4000-8000-000000000002";
    private static final String CO2E = "{\"fossil\":\"1.5\",\"biogenicNonCo2\":\"0\",\"biogenicCo2\":\"0\",\"total\":\"1.5\"}";

    /** A state of every kind as the chaincode writes it (some with their optional members, some without). */
    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(StateKeys.CONSORTIUM, "{\"members\":[\"ApplianceCoMSP\",\"SteelCoMSP\"],"
                        + "\"bootstrappedBy\":\"SteelCoMSP\",\"bootstrappedAt\":\"" + AT + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.ORGANIZATION, "{\"mspId\":\"SteelCoMSP\",\"displayName\":\"SteelCo\","
                        + "\"public\":true,\"website\":\"https://steel.example\",\"registeredAt\":\"" + AT
                        + "\",\"updatedAt\":\"2026-10-02T00:00:00Z\"}"),
                Arguments.of(StateKeys.OWNERSHIP, "{\"mspId\":\"SteelCoMSP\",\"sequence\":7,\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.ROLE, "{\"mspId\":\"CertCoMSP\",\"role\":\"CERTIFIER\",\"grantedAt\":\"" + AT
                        + "\",\"proposalId\":\"" + ID + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.PROPOSAL, "{\"proposalId\":\"" + ID + "\",\"action\":\"GRANT\","
                        + "\"mspId\":\"SteelCoMSP\",\"role\":\"PRODUCER\",\"proposedBy\":\"SteelCoMSP\",\"createdAt\":\""
                        + AT + "\",\"txId\":\"" + TX + "\",\"approvals\":[\"ApplianceCoMSP\",\"SteelCoMSP\"],"
                        + "\"status\":\"EXECUTED\",\"executedAt\":\"" + AT + "\",\"executedTxId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.DEVICE, "{\"ownerMspId\":\"SteelCoMSP\",\"deviceId\":\"meter-12\","
                        + "\"publicKeyPem\":\"-----BEGIN PUBLIC KEY-----\\nMFk=\\n-----END PUBLIC KEY-----\\n\","
                        + "\"keyFingerprint\":\"" + HASH + "\",\"description\":\"\",\"validFrom\":\"2026-01-01T00:00:00Z\","
                        + "\"registeredAt\":\"" + AT + "\",\"txId\":\"" + TX + "\",\"revokedFrom\":\"2027-01-01T00:00:00Z\","
                        + "\"revokedTxId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.FACTOR, "{\"factorId\":\"cn-grid-2022\",\"dataset\":\"cn-grid\",\"version\":\"2022\","
                        + "\"unit\":\"kWh\",\"kgCo2ePerUnit\":\"0.5703\",\"sourceCitation\":\"MEE 2024\",\"licence\":\"CC-BY-4.0\","
                        + "\"description\":\"grid\",\"publisherMspId\":\"CertCoMSP\",\"publishedAt\":\"" + AT
                        + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.DATASET, "{\"dataset\":\"cn-grid\",\"version\":\"2022\",\"sourceCitation\":\"MEE 2024\","
                        + "\"licence\":\"CC-BY-4.0\",\"factorIds\":[\"cn-grid-2022\"],\"publisherMspId\":\"CertCoMSP\","
                        + "\"publishedAt\":\"" + AT + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.PRODUCT, "{\"gtin\":\"09506000134352\",\"name\":\"Hot-rolled coil\","
                        + "\"declaredUnit\":\"t\",\"description\":\"\",\"ownerMspId\":\"SteelCoMSP\",\"createdAt\":\"" + AT
                        + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.BATCH, "{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\",\"ownerMspId\":\"SteelCoMSP\","
                        + "\"productName\":\"Hot-rolled coil\",\"declaredUnit\":\"t\",\"quantity\":{\"amount\":\"25\",\"unit\":\"t\"},"
                        + "\"shipped\":{\"amount\":\"12500\",\"unit\":\"kg\"},\"status\":\"SEALED\",\"inbound\":[\"" + ID + "\"],"
                        + "\"createdAt\":\"" + AT + "\",\"txId\":\"" + TX + "\",\"seal\":{\"format\":1},\"sealHash\":\"" + HASH
                        + "\",\"sealedAt\":\"" + AT + "\",\"sealTxId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.BATCH_BY_OWNER, "{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\"}"),
                Arguments.of(StateKeys.ID, "{\"id\":\"" + ID + "\",\"kind\":\"transfer\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.ID, "{\"id\":\"" + ID + "\",\"kind\":\"record\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.RECORD_TRANSACTION, "{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\",\"txId\":\"" + TX
                        + "\",\"holders\":[\"CertCoMSP\",\"SteelCoMSP\"]}"),
                Arguments.of(StateKeys.DESIGNATION, "{\"producerMspId\":\"SteelCoMSP\",\"certifierMspId\":\"CertCoMSP\","
                        + "\"designatedAt\":\"" + AT + "\",\"txId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.RECORD_INDEX, "{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\",\"txId\":\"" + TX
                        + "\",\"records\":[" + record(ID, TX) + "," + record(ID2, TX) + "]}"),
                Arguments.of(StateKeys.TRANSFER, "{\"transferId\":\"" + ID + "\",\"from\":{\"gtin\":\"09506000134352\","
                        + "\"lot\":\"COIL-7\"},\"senderMspId\":\"SteelCoMSP\",\"receiverMspId\":\"ApplianceCoMSP\","
                        + "\"quantity\":{\"amount\":\"8\",\"unit\":\"t\"},\"sourceQuantity\":{\"amount\":\"25\",\"unit\":\"t\"},"
                        + "\"sourceShippedBefore\":{\"amount\":\"0\",\"unit\":\"kg\"},\"sourceSealHash\":\"" + HASH + "\","
                        + "\"allocated\":" + CO2E + ",\"status\":\"REJECTED\",\"shippedAt\":\"" + AT + "\",\"shipTxId\":\"" + TX
                        + "\",\"reason\":\"not ordered\",\"closedAt\":\"" + AT + "\",\"closeTxId\":\"" + TX + "\"}"),
                Arguments.of(StateKeys.TRANSFER_BY_SOURCE, "{\"transferId\":\"" + ID + "\"}"),
                Arguments.of(StateKeys.TRANSFER_BY_RECEIVER, "{\"transferId\":\"" + ID + "\"}"),
                Arguments.of(StateKeys.ATTESTATION, "{\"attestationId\":\"" + ID + "\",\"gtin\":\"09506000134390\","
                        + "\"lot\":\"WM-2611-001\",\"certifierMspId\":\"CertCoMSP\",\"verdict\":\"REJECTED\","
                        + "\"standard\":\"ISO 14067\",\"assuranceLevel\":\"LIMITED\",\"validFrom\":\"" + AT + "\","
                        + "\"validUntil\":\"2027-10-01T00:00:00Z\",\"sealHash\":\"" + HASH + "\",\"comment\":\"\","
                        + "\"attestedAt\":\"" + AT + "\",\"txId\":\"" + TX + "\"}"));
    }

    /** A record as stored inside its transaction's record set. */
    private static String record(String id, String txId) {
        return "{\"recordId\":\"" + id + "\",\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\","
                + "\"ownerMspId\":\"SteelCoMSP\",\"deviceId\":\"meter-12\",\"stage\":\"PRODUCTION\",\"scope\":2,"
                + "\"co2e\":" + CO2E + ",\"contentHash\":\"" + HASH + "\",\"record\":{\"recordId\":\"" + id + "\"},"
                + "\"salt\":\"" + HASH + "\",\"txId\":\"" + txId + "\",\"submittedAt\":\"" + AT + "\"}";
    }

    private static JsonObject recordSet(String... records) {
        return Json.parseObject("{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\",\"txId\":\"" + TX
                + "\",\"records\":[" + String.join(",", records) + "]}", "set");
    }

    @Test
    void a_record_set_holds_its_records_in_id_order_each_of_its_batch_and_transaction() {
        StoredRecordSet set = (StoredRecordSet) LedgerState.read(StateKeys.RECORD_INDEX,
                recordSet(record(ID, TX), record(ID2, TX)), "RECORDS");
        assertThat(set.records()).extracting(r -> r.recordId().value()).containsExactly(ID, ID2);
        assertThat(StoredRecordSet.sorted(set.batch(), TX, List.of(set.records().get(1), set.records().get(0)))).isEqualTo(set);

        assertThatThrownBy(() -> StoredRecordSet.fromJson(recordSet(record(ID2, TX), record(ID, TX)), "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY.records[1]");
        assertThatThrownBy(() -> StoredRecordSet.fromJson(recordSet(record(ID, TX), record(ID, TX)), "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY.records[1]");
        assertThatThrownBy(() -> StoredRecordSet.fromJson(recordSet(record(ID, TX), record(ID2, "b".repeat(64))), "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY.records[1]");
        assertThatThrownBy(() -> StoredRecordSet.fromJson(recordSet(), "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY.records");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void a_stored_state_reads_into_its_model_and_writes_back_unchanged(String type, String text) {
        JsonObject stored = Json.parseObject(text, type);
        LedgerState state = LedgerState.read(type, stored, type);
        assertThat(state.toJson()).isEqualTo(stored);
        assertThat(LedgerState.read(type, state.toJson(), type)).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void a_member_the_model_does_not_know_is_refused_naming_its_path(String type, String text) {
        JsonObject stored = Json.parseObject(text, type).with("bogus", JsonString.of("x"));
        assertThatThrownBy(() -> LedgerState.read(type, stored, "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY.bogus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void a_missing_member_is_refused_naming_its_path(String type, String text) {
        JsonObject stored = Json.parseObject(text, type);
        String first = stored.names().get(0);
        assertThatThrownBy(() -> LedgerState.read(type, stored.without(first), "KEY"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("KEY." + first);
    }

    @Test
    void every_state_key_type_has_a_model() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : StateKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        assertThat(types).hasSize(19);
        assertThat(LedgerState.READERS.keySet()).containsExactlyInAnyOrderElementsOf(types);
        assertThat(states().map(a -> (String) a.get()[0]).distinct().toList()).containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void an_unknown_type_is_refused() {
        assertThatThrownBy(() -> LedgerState.read("NOPE", JsonObject.empty(), "NOPE/x"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("not a ledger state type");
    }

    @Test
    void the_transitions_write_what_the_chaincode_stores() {
        StoredProposal open = StoredProposal.fromJson(Json.parseObject("{\"proposalId\":\"" + ID + "\",\"action\":\"GRANT\","
                + "\"mspId\":\"SteelCoMSP\",\"role\":\"PRODUCER\",\"proposedBy\":\"SteelCoMSP\",\"createdAt\":\"" + AT
                + "\",\"txId\":\"" + TX + "\",\"approvals\":[\"SteelCoMSP\"],\"status\":\"OPEN\"}", "p"), "p");
        JsonObject withdrawn = open.withdrawn(java.time.Instant.parse("2026-10-03T00:00:00Z"), "b".repeat(64)).toJson();
        assertThat(withdrawn.get("status")).contains(JsonString.of("WITHDRAWN"));
        assertThat(withdrawn.get("withdrawnAt")).contains(JsonString.of("2026-10-03T00:00:00Z"));
        assertThat(withdrawn.has("executedAt")).isFalse();
        assertThat(new StoredOwnership("SteelCoMSP", 7, TX).next("c".repeat(64)).toJson())
                .isEqualTo(Json.parseObject("{\"mspId\":\"SteelCoMSP\",\"sequence\":8,\"txId\":\"" + "c".repeat(64) + "\"}", "o"));
    }
}
