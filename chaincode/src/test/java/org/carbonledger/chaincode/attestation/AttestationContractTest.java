package org.carbonledger.chaincode.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_8;
import static org.carbonledger.chaincode.testing.WorkedExample.PANELS;
import static org.carbonledger.chaincode.testing.WorkedExample.PEL;
import static org.carbonledger.chaincode.testing.WorkedExample.PELLETS;
import static org.carbonledger.chaincode.testing.WorkedExample.PNL;
import static org.carbonledger.chaincode.testing.WorkedExample.WASHERS;
import static org.carbonledger.chaincode.testing.WorkedExample.WASHERS_SEAL_HASH;
import static org.carbonledger.chaincode.testing.WorkedExample.WM;
import static org.carbonledger.core.error.ErrorCode.BATCH_NOT_SEALED;
import static org.carbonledger.core.error.ErrorCode.DUPLICATE_ID;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_GTIN;
import static org.carbonledger.core.error.ErrorCode.INVALID_LOT;
import static org.carbonledger.core.error.ErrorCode.INVALID_PERIOD;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.InMemoryStub;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.SignedRecords;
import org.carbonledger.chaincode.testing.TestIdentities;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attestations: verdicts of CERTIFIER organizations bound to the hash of a batch's current seal; listed with whether
 * each still counts (verdict VERIFIED, current seal, certifier still holds the role, within its validity) and why not.
 */
class AttestationContractTest {
    private static final String ATTEST = "attestations/attest-washers.json";
    private static final String A1 = "30000000-0000-4000-8000-000000000001";
    private static final String A2 = "30000000-0000-4000-8000-000000000002";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final AttestationContract attestations = network.attestations;

    /** The whole worked example, washing machines sealed with the document's seal hash. */
    @BeforeEach
    void chainSealed() {
        new WorkedExample(network).registerEverything().playChain();
    }

    private JsonObject attest(String msp, Fixtures.Obj attestation) {
        return network.submit(msp, attestations, "Attest", attestation.text());
    }

    private String refuse(ErrorCode code, String msp, Fixtures.Obj attestation) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(attestations, "Attest", attestation.text()));
    }

    private List<JsonObject> list(String gtin, String lot) {
        return items(network.evaluate(STEEL, attestations, "ListAttestations", gtin, lot));
    }

    private List<JsonObject> listAt(Instant at, String gtin, String lot) {
        return items(Consortium.json(harness.as(STEEL, CLIENT).at(at).evaluate(attestations, "ListAttestations", gtin, lot)));
    }

    private static List<JsonObject> items(JsonObject list) {
        List<JsonObject> items = new ArrayList<>();
        for (JsonValue v : JsonObjectReader.of(list, "").requireArray("items").elements()) {
            items.add(JsonObjectReader.asObject(v, "item"));
        }
        return items;
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    private static boolean counts(JsonObject item) {
        return JsonObjectReader.of(item, "").requireBoolean("counts");
    }

    @Nested
    class Attest {

        @Test
        void records_the_certifiers_verdict_bound_to_the_current_seal() {
            JsonObject attestation = attest(CERT, Fixtures.object(ATTEST));

            JsonObject expected = JsonObject.builder()
                    .put("attestationId", A1)
                    .put("gtin", WASHERS)
                    .put("lot", WM)
                    .put("certifierMspId", CERT)
                    .put("verdict", "VERIFIED")
                    .put("standard", "ISO 14067")
                    .put("assuranceLevel", "LIMITED")
                    .put("validFrom", "2026-10-01T00:00:00Z")
                    .put("validUntil", "2027-10-01T00:00:00Z")
                    .put("sealHash", WASHERS_SEAL_HASH)
                    .put("comment", "Site visit and record sampling, November 2026")
                    .put("attestedAt", harness.lastTransaction().timestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(attestation).isEqualTo(expected);
            assertThat(network.stored("ATTESTATION", WASHERS, WM, A1)).isEqualTo(expected);
        }

        @Test
        void the_event_lists_exactly_the_claimed_id_and_the_attestation() {
            attest(CERT, Fixtures.object(ATTEST));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable))
                    .containsExactly("ID/" + A1, "OWNERSHIP/" + CERT, "ATTESTATION/" + WASHERS + "/" + WM + "/" + A1);
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Attestations:Attest");
            assertThat(network.stored("ID", A1).get("kind")).contains(org.carbonledger.core.json.JsonString.of("attestation"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ISO 14067", "GHG Protocol Product Standard", "PACT 3", "ISO 14064-3", "PAS 2050"})
        void accepts_each_standard(String standard) {
            JsonObject attestation = attest(CERT, Fixtures.object(ATTEST).set("standard", standard));

            assertThat(string(attestation, "standard")).isEqualTo(standard);
        }

        @Test
        void a_rejecting_verdict_with_reasonable_assurance_and_a_13_digit_gtin_is_recorded_too() {
            JsonObject attestation = attest(CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED")
                    .set("assuranceLevel", "REASONABLE").set("gtin", "9506000134390").remove("comment"));

            assertThat(string(attestation, "verdict")).isEqualTo("REJECTED");
            assertThat(string(attestation, "gtin")).isEqualTo(WASHERS);
            assertThat(string(attestation, "comment")).isEmpty();
        }

        @Test
        void refuses_a_producer_that_is_not_a_certifier() {
            String message = refuse(ROLE_REQUIRED, APPLIANCE, Fixtures.object(ATTEST));
            assertThat(message).contains(APPLIANCE).contains("CERTIFIER");
            refuse(ROLE_REQUIRED, STEEL, Fixtures.object(ATTEST));
        }

        @Test
        void refuses_a_certifier_whose_role_was_revoked() {
            network.revoke(CERT, "CERTIFIER");

            refuse(ROLE_REQUIRED, CERT, Fixtures.object(ATTEST));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            refuse(FORBIDDEN, ROGUE, Fixtures.object(ATTEST));
        }

        @Test
        void refuses_a_seal_hash_that_is_not_the_batchs_current_seal() {
            String message = refuse(INVALID_STATE, CERT, Fixtures.object(ATTEST).set("sealHash", WorkedExample.PANELS_SEAL_HASH));

            assertThat(message).isEqualTo("sealHash \"" + WorkedExample.PANELS_SEAL_HASH + "\": is not the batch's current seal "
                    + WASHERS_SEAL_HASH);
        }

        @Test
        void refuses_the_hash_of_a_seal_computed_from_other_inputs() {
            String other = "0".repeat(63) + "1";

            refuse(INVALID_STATE, CERT, Fixtures.object(ATTEST).set("sealHash", other));
        }

        @Test
        void refuses_a_batch_that_is_not_sealed() {
            String message = refuse(BATCH_NOT_SEALED, CERT, Fixtures.object(ATTEST).set("gtin", COIL).set("lot", COIL_8));
            assertThat(message).startsWith("batch \"" + COIL + "/" + COIL_8 + "\"");
        }

        @Test
        void refuses_an_unknown_batch() {
            refuse(NOT_FOUND, CERT, Fixtures.object(ATTEST).set("lot", "WM-2611-002"));
        }

        @Test
        void refuses_an_attestation_id_used_before() {
            attest(CERT, Fixtures.object(ATTEST));

            String message = refuse(DUPLICATE_ID, CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED"));
            assertThat(message).startsWith("attestationId \"" + A1 + "\": already used by attestation");
        }

        @Test
        void refuses_an_attestation_id_used_by_a_transfer() {
            refuse(DUPLICATE_ID, CERT, Fixtures.object(ATTEST).set("attestationId", WorkedExample.transferId(8)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-01T00:00:00Z", "2026-09-30T23:59:59Z"})
        void refuses_a_validity_that_does_not_end_after_it_starts(String validUntil) {
            String message = refuse(INVALID_PERIOD, CERT, Fixtures.object(ATTEST).set("validUntil", validUntil));
            assertThat(message).startsWith("validUntil \"" + validUntil + "\": must be after validFrom");
        }

        static Stream<Arguments> badAttestations() {
            Fixtures.Obj a = Fixtures.object(ATTEST);
            return Stream.of(
                    Arguments.of(INVALID_ARGUMENT, a.set("verdict", "APPROVED"), "verdict \"APPROVED\": expected one of VERIFIED, REJECTED"),
                    Arguments.of(INVALID_ARGUMENT, a.set("verdict", "verified"), "verdict \"verified\""),
                    Arguments.of(INVALID_ARGUMENT, a.set("standard", "ISO 9001"), "standard \"ISO 9001\": expected one of"),
                    Arguments.of(INVALID_ARGUMENT, a.set("assuranceLevel", "HIGH"), "assuranceLevel \"HIGH\": expected one of LIMITED, REASONABLE"),
                    Arguments.of(INVALID_ARGUMENT, a.set("sealHash", WASHERS_SEAL_HASH.toUpperCase(java.util.Locale.ROOT)), "sealHash"),
                    Arguments.of(INVALID_ARGUMENT, a.set("sealHash", WASHERS_SEAL_HASH.substring(1)), "sealHash"),
                    Arguments.of(INVALID_ARGUMENT, a.set("validFrom", "2026-10-01"), "validFrom"),
                    Arguments.of(INVALID_ARGUMENT, a.set("validUntil", "next year"), "validUntil"),
                    Arguments.of(INVALID_ARGUMENT, a.set("comment", "c".repeat(2001)), "comment"),
                    Arguments.of(INVALID_ARGUMENT, a.set("comment", "ok\u0000"), "comment"),
                    Arguments.of(INVALID_ARGUMENT, a.set("attestationId", "A1"), "attestationId"),
                    Arguments.of(INVALID_ARGUMENT, a.remove("sealHash"), "sealHash"),
                    Arguments.of(INVALID_ARGUMENT, a.set("certifierMspId", CERT), "certifierMspId"),
                    Arguments.of(INVALID_GTIN, a.set("gtin", "09506000134391"), "gtin \"09506000134391\""),
                    Arguments.of(INVALID_LOT, a.set("lot", "WM 2611"), "lot \"WM 2611\""));
        }

        @ParameterizedTest(name = "[{index}] {0} {2}")
        @MethodSource("badAttestations")
        void refuses_a_malformed_attestation_naming_the_field(ErrorCode code, Fixtures.Obj attestation, String message) {
            assertThat(refuse(code, CERT, attestation)).startsWith(message);
        }

        @Test
        void a_majority_that_excludes_the_certifier_cannot_rewrite_its_attestation() {
            attest(CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED"));
            JsonObject forged = network.stored("ATTESTATION", WASHERS, WM, A1).without("verdict")
                    .with("verdict", org.carbonledger.core.json.JsonString.of("VERIFIED"));
            InMemoryLedger ledger = harness.ledger();
            InMemoryStub stub = ledger.newTransaction(InMemoryLedger.Proposal.of(TestIdentities.of(STEEL, CLIENT).serialized(),
                    Instant.parse("2026-12-01T00:00:00Z"), List.of("Attestations:Attest")));
            stub.putState(Consortium.key("ATTESTATION", WASHERS, WM, A1), Jcs.canonicalize(forged));
            LedgerSnapshot before = harness.state();

            assertThat(ledger.commit(stub, List.of(STEEL, APPLIANCE))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(harness.state()).isEqualTo(before);
        }
    }

    @Nested
    class ListAttestations {

        @Test
        void a_current_attestation_of_a_certifier_within_its_validity_counts() {
            JsonObject attestation = attest(CERT, Fixtures.object(ATTEST));

            assertThat(list(WASHERS, WM)).containsExactly(attestation.toBuilder().put("counts", true).build());
        }

        @Test
        void a_rejected_attestation_never_counts_though_current_and_valid() {
            attest(CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED"));

            JsonObject item = list(WASHERS, WM).get(0);

            assertThat(counts(item)).isFalse();
            assertThat(string(item, "why")).isEqualTo("its verdict is REJECTED, not VERIFIED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-01T00:00:00Z", "2027-09-30T23:59:59Z"})
        void a_rejected_attestation_does_not_count_at_any_instant_of_its_validity(String at) {
            attest(CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED"));
            attest(CERT, Fixtures.object(ATTEST).set("attestationId", A2));

            List<JsonObject> items = listAt(Instant.parse(at), WASHERS, WM);

            assertThat(items).extracting(i -> string(i, "attestationId") + " " + counts(i))
                    .containsExactly(A1 + " false", A2 + " true");
        }

        @Test
        void a_rejected_verdict_is_the_reason_given_before_the_others() {
            attest(CERT, Fixtures.object(ATTEST).set("verdict", "REJECTED"));
            network.revoke(CERT, "CERTIFIER");

            JsonObject item = listAt(Instant.parse("2030-01-01T00:00:00Z"), WASHERS, WM).get(0);

            assertThat(string(item, "why")).isEqualTo("its verdict is REJECTED, not VERIFIED");
        }

        @Test
        void an_attestation_stops_counting_when_its_certifier_loses_the_role() {
            attest(CERT, Fixtures.object(ATTEST));

            network.revoke(CERT, "CERTIFIER");

            JsonObject item = list(WASHERS, WM).get(0);
            assertThat(counts(item)).isFalse();
            assertThat(string(item, "why")).isEqualTo(CERT + " no longer holds the CERTIFIER role");
        }

        @Test
        void an_attestation_counts_again_when_the_role_is_granted_again() {
            attest(CERT, Fixtures.object(ATTEST));
            network.revoke(CERT, "CERTIFIER");

            network.grant(CERT, "CERTIFIER", APPLIANCE);

            assertThat(counts(list(WASHERS, WM).get(0))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-09-30T23:59:59Z", "2027-10-01T00:00:00Z", "2030-01-01T00:00:00Z"})
        void an_attestation_does_not_count_outside_its_validity(String at) {
            attest(CERT, Fixtures.object(ATTEST));

            JsonObject item = listAt(Instant.parse(at), WASHERS, WM).get(0);

            assertThat(counts(item)).isFalse();
            assertThat(string(item, "why")).isEqualTo("outside its validity period");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-01T00:00:00Z", "2027-09-30T23:59:59Z"})
        void an_attestation_counts_from_its_first_to_its_last_valid_instant(String at) {
            attest(CERT, Fixtures.object(ATTEST));

            JsonObject item = listAt(Instant.parse(at), WASHERS, WM).get(0);

            assertThat(counts(item)).isTrue();
            assertThat(item.has("why")).isFalse();
        }

        /**
         * Puts an attestation of another seal on the ledger directly: sealed batches never change, so only state left
         * by an earlier chaincode version (or a batch re-sealed by a future one) can hold one.
         */
        private void seedStaleAttestation(String sealHash, String validFrom, String validUntil) {
            JsonObject stale = JsonObject.builder().put("attestationId", A2).put("gtin", WASHERS).put("lot", WM)
                    .put("certifierMspId", CERT).put("verdict", "VERIFIED").put("standard", "PACT 3")
                    .put("assuranceLevel", "LIMITED").put("validFrom", validFrom).put("validUntil", validUntil)
                    .put("sealHash", sealHash).put("comment", "").put("attestedAt", "2026-06-01T00:00:00Z")
                    .put("txId", "e".repeat(64)).build();
            harness.ledger().seed(Consortium.key("ATTESTATION", WASHERS, WM, A2), Jcs.canonicalize(stale));
        }

        @Test
        void an_attestation_of_another_seal_does_not_count() {
            seedStaleAttestation(WorkedExample.PANELS_SEAL_HASH, "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
            attest(CERT, Fixtures.object(ATTEST));

            List<JsonObject> items = list(WASHERS, WM);

            assertThat(items).extracting(i -> string(i, "attestationId")).containsExactly(A1, A2);
            assertThat(counts(items.get(0))).isTrue();
            assertThat(counts(items.get(1))).isFalse();
            assertThat(string(items.get(1), "why")).isEqualTo("covers a seal that is not the batch's current seal");
        }

        @Test
        void a_stale_seal_is_the_reason_given_before_the_others() {
            seedStaleAttestation(WorkedExample.PELLETS_SEAL_HASH, "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z");
            network.revoke(CERT, "CERTIFIER");

            JsonObject item = list(WASHERS, WM).get(0);

            assertThat(counts(item)).isFalse();
            assertThat(string(item, "why")).isEqualTo("covers a seal that is not the batch's current seal");
        }

        @Test
        void a_revoked_role_is_the_reason_given_before_the_validity() {
            attest(CERT, Fixtures.object(ATTEST));
            network.revoke(CERT, "CERTIFIER");

            JsonObject item = listAt(Instant.parse("2030-01-01T00:00:00Z"), WASHERS, WM).get(0);

            assertThat(string(item, "why")).isEqualTo(CERT + " no longer holds the CERTIFIER role");
        }

        @Test
        void lists_only_the_batchs_attestations_in_id_order() {
            attest(CERT, Fixtures.object(ATTEST).set("attestationId", A2));
            attest(CERT, Fixtures.object(ATTEST));
            attest(CERT, Fixtures.object(ATTEST).set("attestationId", SignedRecords.id("30000000", 3))
                    .set("gtin", PANELS).set("lot", PNL).set("sealHash", WorkedExample.PANELS_SEAL_HASH));

            assertThat(list(WASHERS, WM)).extracting(i -> string(i, "attestationId")).containsExactly(A1, A2);
            assertThat(list(PANELS, PNL)).extracting(i -> string(i, "attestationId"))
                    .containsExactly(SignedRecords.id("30000000", 3));
            assertThat(list(PELLETS, PEL)).isEmpty();
        }

        @Test
        void an_open_batch_has_no_attestations() {
            assertThat(list(COIL, COIL_8)).isEmpty();
        }

        @Test
        void an_unknown_batch_is_not_found() {
            harness.assertRefused(NOT_FOUND, () -> harness.as(STEEL, CLIENT).evaluate(attestations, "ListAttestations", WASHERS, "WM-0"));
        }

        @Test
        void a_query_writes_nothing_and_emits_no_event() {
            attest(CERT, Fixtures.object(ATTEST));

            list(WASHERS, WM);

            assertThat(harness.lastTransaction().writes()).isEmpty();
            assertThat(harness.lastTransaction().event()).isEmpty();
        }

        @Test
        void counts_is_a_json_boolean() {
            attest(CERT, Fixtures.object(ATTEST));

            assertThat(list(WASHERS, WM).get(0).get("counts")).contains(JsonBoolean.TRUE);
        }
    }
}
