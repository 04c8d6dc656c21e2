package org.carbonledger.chaincode.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_7;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_8;
import static org.carbonledger.chaincode.testing.WorkedExample.PEL;
import static org.carbonledger.chaincode.testing.WorkedExample.PELLETS;
import static org.carbonledger.core.error.ErrorCode.BATCH_SEALED;
import static org.carbonledger.core.error.ErrorCode.DEVICE_NOT_OWNED;
import static org.carbonledger.core.error.ErrorCode.DEVICE_REVOKED;
import static org.carbonledger.core.error.ErrorCode.DUPLICATE_ID;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_AMOUNT;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_GTIN;
import static org.carbonledger.core.error.ErrorCode.INVALID_LOT;
import static org.carbonledger.core.error.ErrorCode.INVALID_PERIOD;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.NOT_DESIGNATED;
import static org.carbonledger.core.error.ErrorCode.INVALID_SIGNATURE;
import static org.carbonledger.core.error.ErrorCode.INVALID_UNIT;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;
import static org.carbonledger.core.error.ErrorCode.UNIT_MISMATCH;
import static org.carbonledger.core.error.ErrorCode.UNKNOWN_DEVICE;
import static org.carbonledger.core.error.ErrorCode.UNKNOWN_FACTOR;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.InMemoryStub;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.SignedRecords;
import org.carbonledger.chaincode.testing.TestIdentities;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signed emission records, one or many per transaction: every refusal the ledger makes of a record (signature,
 * device, batch, factor, units, amounts, replays) names the reason and, in a bulk, the record; a refused bulk writes
 * nothing at all. Negative cases are the worked example's signed fixtures, mutated after signing (so the signature
 * no longer matches) or before signing (so only the rule under test fails).
 */
class RecordContractTest {
    /** 2400000 MJ of natural gas at 56.1 kg/GJ, COIL-7, signed by steelco-meter-12. */
    private static final String REHEAT = "t2-coil-reheating-gas";
    /** Gas record: CO2 290000, CH4_FOSSIL 12, N2O 3 kg. */
    private static final String GASES = "t2-coil-steelmaking-gases";
    private static final String ROLLING = "t2-coil-rolling-electricity";
    private static final String METER = "steelco-meter-12";
    private static final String REHEAT_ID = "10000000-0000-4000-8000-000000000202";

    private static List<JsonObject> bulk;

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final RecordContract records = network.records;
    private final WorkedExample example = new WorkedExample(network);

    @BeforeEach
    void everythingRegistered() {
        example.registerEverything();
    }

    /** 500 distinct signed records for COIL-7, signed once per run (signing is deterministic). */
    private static synchronized List<JsonObject> fiveHundred() {
        if (bulk == null) {
            bulk = List.copyOf(SignedRecords.many(SignedRecords.unsigned(REHEAT), "50000000", 500));
        }
        return bulk;
    }

    private JsonObject submit(String msp, JsonValue input) {
        return network.submitRecords(msp, input);
    }

    private String refuse(ErrorCode code, String msp, JsonValue input) {
        String text = Jcs.canonicalString(input);
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).withRecords(text).submit(records, "SubmitRecords"));
    }

    private String refuse(ErrorCode code, JsonValue input) {
        return refuse(code, STEEL, input);
    }

    private JsonObject getRecord(String gtin, String lot, String recordId) {
        return network.evaluate(CERT, records, "GetRecord", gtin, lot, recordId);
    }

    private static Fixtures.Obj withActivity(Fixtures.Obj record, String name, JsonValue value) {
        JsonObject activity = JsonObjectReader.of(record.json(), "").requireObject("activity").object();
        return record.set("activity", activity.without(name).with(name, value));
    }

    private static Fixtures.Obj withActivity(Fixtures.Obj record, String name, String value) {
        return withActivity(record, name, JsonString.of(value));
    }

    private static Fixtures.Obj withGas(Fixtures.Obj record, String gas, String kg) {
        JsonObject gases = JsonObjectReader.of(record.json(), "").requireObject("gases").object();
        return record.set("gases", gases.without(gas).with(gas, JsonString.of(kg)));
    }

    /** The REHEAT record under a new id, signed by the device it names. */
    private static JsonObject freshReheat(long n) {
        return SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("recordId", SignedRecords.id("60000000", n)));
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    private static JsonObject co2e(String fossil, String biogenicNonCo2, String biogenicCo2) {
        return new Co2e(new BigDecimal(fossil), new BigDecimal(biogenicNonCo2), new BigDecimal(biogenicCo2)).toJson();
    }

    private JsonObject storedCo2e(String recordId) {
        return JsonObjectReader.of(network.storedRecord(STEEL, recordId), "").requireObject("co2e").object();
    }

    private List<String> writtenKeys() {
        return harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable).toList();
    }

    @Nested
    class SubmitRecords {

        @Test
        void stores_a_signed_record_as_received_with_the_co2e_computed_on_the_ledger() {
            JsonObject signed = SignedRecords.example(REHEAT);

            JsonObject result = submit(STEEL, signed);

            String txId = harness.lastTransaction().txId();
            JsonObject co2e = co2e("134640", "0", "0");
            // The answer is stored in the block: how many, never which or how much.
            assertThat(result).isEqualTo(JsonObject.builder().put("txId", txId).put("accepted", 1L).build());
            JsonObject expected = JsonObject.builder()
                    .put("recordId", REHEAT_ID)
                    .put("gtin", COIL)
                    .put("lot", COIL_7)
                    .put("ownerMspId", STEEL)
                    .put("deviceId", METER)
                    .put("stage", "PRODUCTION")
                    .put("scope", 1L)
                    .put("co2e", co2e)
                    .put("contentHash", EmissionRecord.parse(signed).contentHash().toHex())
                    .put("record", signed)
                    .put("salt", PrivateData.recordSalt(Sha256.of(Jcs.canonicalize(signed)).bytes(), LedgerId.parse(REHEAT_ID, "id")))
                    .put("txId", txId)
                    .put("submittedAt", harness.lastTransaction().timestamp().toString())
                    .build();
            assertThat(network.storedRecord(STEEL, REHEAT_ID)).isEqualTo(expected);
            assertThat(network.storedRecord(CERT, REHEAT_ID)).isEqualTo(expected);
            assertThat(network.holdsPrivate(APPLIANCE, "RECORDS", COIL, COIL_7, txId)).isFalse();
            assertThat(harness.ledger().get(Consortium.key("ID", REHEAT_ID))).as("nothing of a record on the public state").isEmpty();
            assertThat(getRecord(COIL, COIL_7, REHEAT_ID)).isEqualTo(expected);
        }

        @Test
        void computes_every_worked_example_record_exactly_as_the_document_does() {
            submit(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));
            submit(STEEL, WorkedExample.records(WorkedExample.TIER_2_RECORDS));

            assertThat(storedCo2e("10000000-0000-4000-8000-000000000101")).isEqualTo(co2e("505800", "0", "0"));
            assertThat(storedCo2e("10000000-0000-4000-8000-000000000102")).isEqualTo(co2e("18183.7", "32.4", "3000"));
            assertThat(storedCo2e("10000000-0000-4000-8000-000000000103")).isEqualTo(co2e("40200", "0", "0"));
            assertThat(storedCo2e("10000000-0000-4000-8000-000000000201")).isEqualTo(co2e("291176.6", "0", "0"));
            assertThat(storedCo2e(REHEAT_ID)).isEqualTo(co2e("134640", "0", "0"));
            assertThat(storedCo2e("10000000-0000-4000-8000-000000000203"))
                    .isEqualTo(co2e("14635.41666666666666666666666666666573", "0", "0"));
        }

        @Test
        void a_record_signed_with_a_13_digit_gtin_is_filed_under_the_14_digit_batch_and_kept_as_signed() {
            submit(STEEL, SignedRecords.example("t1-pellets-electricity"));

            JsonObject stored = network.storedRecord(STEEL, "10000000-0000-4000-8000-000000000101");
            assertThat(string(stored, "gtin")).isEqualTo(PELLETS);
            assertThat(JsonObjectReader.of(stored, "").requireObject("record").object())
                    .isEqualTo(SignedRecords.example("t1-pellets-electricity"));
            assertThat(string(JsonObjectReader.of(stored, "").requireObject("record").object(), "gtin")).isEqualTo("9506000134376");
        }

        @Test
        void the_public_writes_and_event_hold_only_the_transaction_trace_and_the_holders_get_the_records() {
            submit(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));

            String txId = harness.lastTransaction().txId();
            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("RECORD_TX/" + PELLETS + "/" + PEL + "/" + txId);
            assertThat(harness.lastTransaction().privateWrites()).containsOnlyKeys(
                    InMemoryLedger.collectionOf(CERT), InMemoryLedger.collectionOf(STEEL));
            // One private key per record (its claim, the owner's only) and one record set per batch and holder.
            assertThat(harness.lastTransaction().privateWrites().get(InMemoryLedger.collectionOf(STEEL)).keySet()
                    .stream().map(ChangeEvents::printable).toList()).containsExactly(
                    "ID/10000000-0000-4000-8000-000000000101",
                    "ID/10000000-0000-4000-8000-000000000102",
                    "ID/10000000-0000-4000-8000-000000000103",
                    "RECORDS/" + PELLETS + "/" + PEL + "/" + txId);
            assertThat(harness.lastTransaction().privateWrites().get(InMemoryLedger.collectionOf(CERT)).keySet()
                    .stream().map(ChangeEvents::printable).toList()).containsExactly(
                    "RECORDS/" + PELLETS + "/" + PEL + "/" + txId);
            assertThat(harness.lastTransaction().parameters()).as("nothing of the records in the arguments").isEmpty();
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Records:SubmitRecords");
        }

        @Test
        void a_record_claims_its_id_in_its_owner_s_collection_and_is_stored_in_its_transaction_s_set_by_every_holder() {
            submit(STEEL, SignedRecords.example(REHEAT));
            String txId = harness.lastTransaction().txId();

            assertThat(network.storedPrivate(STEEL, "ID", REHEAT_ID)).isEqualTo(JsonObject.builder()
                    .put("id", REHEAT_ID).put("kind", "record").put("txId", txId).build());
            assertThat(network.holdsPrivate(CERT, "ID", REHEAT_ID)).as("the claim is the owner's only").isFalse();
            for (String holder : List.of(STEEL, CERT)) {
                assertThat(network.storedPrivate(holder, "RECORDS", COIL, COIL_7, txId)).isEqualTo(JsonObject.builder()
                        .put("gtin", COIL).put("lot", COIL_7).put("txId", txId)
                        .put("records", JsonArray.of(List.of(network.storedRecord(STEEL, REHEAT_ID)))).build());
            }
            assertThat(network.stored("RECORD_TX", COIL, COIL_7, txId)).isEqualTo(JsonObject.builder()
                    .put("gtin", COIL).put("lot", COIL_7).put("txId", txId)
                    .put("holders", JsonArray.of(List.of(JsonString.of(CERT), JsonString.of(STEEL)))).build());
        }

        @Test
        void a_record_submission_only_reads_the_batch_and_sets_no_key_level_policy() {
            submit(STEEL, SignedRecords.example(REHEAT));

            assertThat(harness.lastTransaction().validationParameterWrites()).isEmpty();
            assertThat(harness.lastTransaction().writes()).doesNotContainKey(Consortium.key("BATCH", COIL, COIL_7));
        }

        @Test
        void one_bulk_may_hold_records_of_several_batches_of_the_owner() {
            JsonObject coil8 = SignedRecords.sign(SignedRecords.unsigned(GASES).set("lot", COIL_8));

            JsonObject result = submit(STEEL, SignedRecords.array(SignedRecords.example(REHEAT), coil8,
                    SignedRecords.example("t1-pellets-mining-diesel")));

            assertThat(JsonObjectReader.of(result, "").requireInteger("accepted", 0, 1000)).isEqualTo(3);
            assertThat(string(network.storedRecord(STEEL, "10000000-0000-4000-8000-000000000201"), "lot")).isEqualTo(COIL_8);
            String txId = harness.lastTransaction().txId();
            assertThat(recordIds(network.storedPrivate(STEEL, "RECORDS", COIL, COIL_8, txId)))
                    .containsExactly("10000000-0000-4000-8000-000000000201");
            assertThat(recordIds(network.storedPrivate(CERT, "RECORDS", COIL, COIL_7, txId))).containsExactly(REHEAT_ID);
            assertThat(recordIds(network.storedPrivate(STEEL, "RECORDS", PELLETS, PEL, txId)))
                    .containsExactly("10000000-0000-4000-8000-000000000103");
        }

        @Test
        void accepts_a_bulk_of_500_records_in_one_transaction() {
            JsonObject result = submit(STEEL, SignedRecords.array(fiveHundred()));

            assertThat(JsonObjectReader.of(result, "").requireInteger("accepted", 0, 1000)).isEqualTo(500);
            assertThat(harness.lastTransaction().committed()).isTrue();
            assertThat(harness.lastTransaction().writes()).as("one public trace").hasSize(1);
            assertThat(harness.lastTransaction().privateWrites().get(InMemoryLedger.collectionOf(STEEL)))
                    .as("500 id claims and one record set in the owner's collection").hasSize(501);
            assertThat(harness.lastTransaction().privateWrites().get(InMemoryLedger.collectionOf(CERT)))
                    .as("one record set in the certifier's collection").hasSize(1);
            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(getRecord(COIL, COIL_7, SignedRecords.id("50000000", 500))).isNotNull();
        }

        @Test
        void accepts_a_single_record_sent_as_a_one_element_array() {
            JsonObject result = submit(STEEL, SignedRecords.array(SignedRecords.example(REHEAT)));

            assertThat(JsonObjectReader.of(result, "").requireInteger("accepted", 0, 1000)).isEqualTo(1);
        }

        // --- signatures -----------------------------------------------------------------------------------------

        @Test
        void refuses_a_record_whose_amount_was_changed_after_signing() {
            JsonObject tampered = withActivity(SignedRecords.exampleFixture(REHEAT), "amount", "240000").json();

            String message = refuse(INVALID_SIGNATURE, tampered);
            assertThat(message).startsWith("signature: ").contains("does not verify")
                    .contains(org.carbonledger.core.crypto.DevicePublicKey.parse(SignedRecords.publicKeyPem(METER)).fingerprint().toHex());
        }

        static Stream<Arguments> tamperings() {
            Fixtures.Obj signed = SignedRecords.exampleFixture(REHEAT);
            return Stream.of(
                    Arguments.of("another record id", signed.set("recordId", SignedRecords.id("60000000", 1))),
                    Arguments.of("a later period end", signed.set("periodEnd", "2026-11-01T00:00:00Z")),
                    Arguments.of("another scope", signed.set("scope", JsonNumber.of(2))),
                    Arguments.of("another stage", signed.set("stage", "TRANSPORT")),
                    Arguments.of("another factor", withActivity(signed, "factorId", "diesel-combustion-2026")),
                    Arguments.of("another unit of the same dimension", withActivity(signed, "unit", "GJ")),
                    Arguments.of("the same amount written differently", withActivity(signed, "amount", "2400000.0")),
                    Arguments.of("evidence added", signed.set("evidenceSha256", "ef1da4f30b4b4c52aedd3d5e4c518d88d59eaaa112342c2044a40f9d5b8c9914")),
                    Arguments.of("the gtin normalized to 13 digits", signed.set("gtin", "9506000134352")),
                    Arguments.of("another gas amount", withGas(SignedRecords.exampleFixture(GASES), "N2O", "0.3")),
                    Arguments.of("another record's signature", signed.set("signature",
                            JsonObjectReader.of(SignedRecords.example(GASES), "").requireString("signature"))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("tamperings")
        void refuses_any_change_made_after_signing(String what, Fixtures.Obj tampered) {
            assertThat(refuse(INVALID_SIGNATURE, tampered.json())).startsWith("signature: ");
        }

        @Test
        void refuses_a_record_signed_with_another_devices_key() {
            JsonObject wrongKey = SignedRecords.sign(SignedRecords.unsigned(REHEAT), "steelco-pellet-kiln-1");

            String message = refuse(INVALID_SIGNATURE, wrongKey);
            assertThat(message).startsWith("signature: ").contains("does not verify");
        }

        static Stream<Arguments> badSignatures() {
            Fixtures.Obj signed = SignedRecords.exampleFixture(REHEAT);
            return Stream.of(
                    Arguments.of("no signature", signed.remove("signature")),
                    Arguments.of("an empty signature", signed.set("signature", "")),
                    Arguments.of("a signature that is not base64", signed.set("signature", "not base64!")),
                    Arguments.of("base64 that is not DER", signed.set("signature", "AAAA")),
                    Arguments.of("base64 without padding", signed.set("signature",
                            JsonObjectReader.of(signed.json(), "").requireString("signature").replace("=", ""))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badSignatures")
        void refuses_a_missing_or_malformed_signature(String what, Fixtures.Obj record) {
            assertThat(refuse(INVALID_SIGNATURE, record.json())).startsWith("signature");
        }

        // --- devices --------------------------------------------------------------------------------------------

        @Test
        void refuses_a_record_signed_by_another_organizations_device() {
            JsonObject foreignDevice = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("deviceId", "applianceco-press-3"));

            String message = refuse(DEVICE_NOT_OWNED, foreignDevice);
            assertThat(message).startsWith("deviceId \"applianceco-press-3\"").contains("belongs to " + APPLIANCE)
                    .contains("batch owner " + STEEL);
        }

        @Test
        void refuses_a_record_of_an_unknown_device() {
            JsonObject unknown = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("deviceId", "steelco-meter-99"), METER);

            String message = refuse(UNKNOWN_DEVICE, unknown);
            assertThat(message).startsWith("deviceId \"steelco-meter-99\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-31T23:59:59Z", "2026-10-15T00:00:00Z", "2026-01-01T00:00:00Z"})
        void refuses_a_record_whose_period_ends_at_or_after_the_devices_revocation(String revokedFrom) {
            network.submit(STEEL, network.devices, "RevokeDevice", METER, revokedFrom);

            String message = refuse(DEVICE_REVOKED, SignedRecords.example(REHEAT));
            assertThat(message).startsWith("periodEnd \"2026-10-31T23:59:59Z\"").contains("revoked from " + Instant.parse(revokedFrom));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-31T23:59:59.001Z", "2026-11-01T00:00:00Z"})
        void accepts_a_record_whose_period_ends_before_the_revocation(String revokedFrom) {
            network.submit(STEEL, network.devices, "RevokeDevice", METER, revokedFrom);

            submit(STEEL, SignedRecords.example(REHEAT));

            assertThat(harness.lastTransaction().committed()).isTrue();
        }

        @Test
        void refuses_a_record_whose_period_ends_before_the_device_is_valid() {
            network.submit(STEEL, network.devices, "RegisterDevice", Fixtures.object("devices/steelco-meter-12.json")
                    .set("deviceId", "steelco-meter-13").set("validFrom", "2026-11-01T00:00:00Z").text());
            JsonObject early = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("deviceId", "steelco-meter-13"), METER);

            String message = refuse(DEVICE_REVOKED, early);
            assertThat(message).startsWith("periodEnd \"2026-10-31T23:59:59Z\"").contains("valid only from 2026-11-01T00:00:00Z");
        }

        @Test
        void accepts_a_record_whose_period_ends_at_the_instant_the_device_becomes_valid() {
            network.submit(STEEL, network.devices, "RegisterDevice", Fixtures.object("devices/steelco-meter-12.json")
                    .set("deviceId", "steelco-meter-13").set("validFrom", "2026-10-31T23:59:59Z").text());

            submit(STEEL, SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("deviceId", "steelco-meter-13"), METER));

            assertThat(harness.lastTransaction().committed()).isTrue();
        }

        // --- periods in the future -----------------------------------------------------------------------------

        /** The REHEAT record ends 2026-10-31T23:59:59Z; the allowance is 15 minutes after the transaction's time. */
        @Test
        void accepts_a_record_whose_period_ends_just_inside_the_allowance_after_the_transactions_time() {
            String text = Jcs.canonicalString(SignedRecords.example(REHEAT));

            harness.as(STEEL, CLIENT).at(Instant.parse("2026-10-31T23:44:59Z")).withRecords(text).submit(records, "SubmitRecords");

            assertThat(harness.lastTransaction().committed()).isTrue();
        }

        @Test
        void refuses_a_record_whose_period_ends_just_past_the_allowance_naming_the_latest_accepted_instant() {
            String text = Jcs.canonicalString(SignedRecords.example(REHEAT));

            Refusal refusal = harness.assertRefusal(INVALID_PERIOD, () -> harness.as(STEEL, CLIENT)
                    .at(Instant.parse("2026-10-31T23:44:58.999Z")).withRecords(text).submit(records, "SubmitRecords"));

            assertThat(refusal.field()).isEqualTo("periodEnd");
            assertThat(refusal.message()).startsWith("periodEnd \"2026-10-31T23:59:59Z\": ")
                    .contains("latest accepted instant 2026-10-31T23:59:58.999Z");
        }

        @Test
        void refuses_a_record_whose_period_ends_in_the_year_9999() {
            JsonObject farFuture = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("periodEnd", "9999-12-31T23:59:59Z"));
            Instant txTime = harness.clock();

            String message = refuse(INVALID_PERIOD, farFuture);

            assertThat(message).startsWith("periodEnd \"9999-12-31T23:59:59Z\": ")
                    .contains("latest accepted instant " + txTime.plus(EmissionRecord.PERIOD_END_ALLOWANCE));
        }

        @Test
        void the_period_is_judged_by_the_transactions_time_not_the_peers_clock() {
            // Six months after the transaction's time, yet before the wall clock of any run of this test.
            JsonObject ahead = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("periodEnd", "2026-12-01T08:15:01Z"));
            harness.setClock(Instant.parse("2026-06-01T08:00:00Z"));

            refuse(INVALID_PERIOD, ahead);
        }

        @Test
        void one_record_with_a_future_period_refuses_the_whole_bulk_naming_it() {
            String futureId = SignedRecords.id("60000000", 3);
            JsonObject future = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("recordId", futureId)
                    .set("periodEnd", "2027-06-30T23:59:59Z"));
            JsonArray input = SignedRecords.array(freshReheat(1), freshReheat(2), future, freshReheat(4));
            String text = Jcs.canonicalString(input);

            Refusal refusal = harness.assertRefusal(INVALID_PERIOD,
                    () -> harness.as(STEEL, CLIENT).withRecords(text).submit(records, "SubmitRecords"));

            assertThat(refusal.item()).hasValueSatisfying(item -> {
                assertThat(item.index()).isEqualTo(2);
                assertThat(item.id()).contains(futureId);
            });
            assertThat(refusal.message()).startsWith("records[2]: periodEnd \"2027-06-30T23:59:59Z\"");
        }

        // --- replays ----------------------------------------------------------------------------------------------

        @Test
        void refuses_a_record_id_used_in_an_earlier_transaction_naming_that_transaction() {
            submit(STEEL, SignedRecords.example(REHEAT));
            String first = harness.lastTransaction().txId();

            String message = refuse(DUPLICATE_ID, SignedRecords.example(REHEAT));
            assertThat(message).isEqualTo("recordId \"" + REHEAT_ID + "\": already used by a record of " + STEEL);
            assertThat(first).isNotEmpty();
        }

        @Test
        void refuses_a_reused_record_id_even_for_other_content_and_another_batch() {
            submit(STEEL, SignedRecords.example(REHEAT));
            JsonObject other = SignedRecords.sign(withActivity(SignedRecords.unsigned(REHEAT), "amount", "1").set("lot", COIL_8));

            refuse(DUPLICATE_ID, other);
        }

        @Test
        void a_replay_is_answered_as_such_even_after_the_batch_was_sealed() {
            submit(STEEL, SignedRecords.example(REHEAT));
            network.seal(STEEL, COIL, COIL_7);

            refuse(DUPLICATE_ID, SignedRecords.example(REHEAT));
        }

        @Test
        void refuses_a_record_id_listed_twice_in_one_bulk_naming_the_second() {
            JsonArray twice = SignedRecords.array(SignedRecords.example(REHEAT), SignedRecords.example(GASES),
                    SignedRecords.example(REHEAT));

            String message = refuse(DUPLICATE_ID, twice);
            assertThat(message).startsWith("records[2]: recordId \"" + REHEAT_ID + "\": already used by a record");
        }

        @Test
        void a_record_never_reads_public_ids_so_one_another_kind_of_object_took_is_not_refused() {
            // A public read would name the record id in the read set every member stores; records check their
            // owner's collection only (a transfer or attestation claim checks every member's collection instead).
            String proposalId = SignedRecords.id("00000000", 1);
            JsonObject record = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("recordId", proposalId));

            submit(STEEL, record);

            assertThat(harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable))
                    .noneMatch(k -> k.contains(proposalId));
        }

        @Test
        void record_ids_are_unique_per_owner_so_another_producer_sharing_the_certifier_may_use_the_same_id() {
            submit(STEEL, SignedRecords.example(REHEAT));
            JsonObject sameId = SignedRecords.sign(SignedRecords.unsigned("t3-panels-press-electricity").set("recordId", REHEAT_ID));

            submit(APPLIANCE, sameId);

            // Each claim is in its own owner's collection; the certifier holds both records, each in its own set.
            assertThat(network.holdsPrivate(STEEL, "ID", REHEAT_ID)).isTrue();
            assertThat(network.holdsPrivate(APPLIANCE, "ID", REHEAT_ID)).isTrue();
            assertThat(network.holdsPrivate(CERT, "ID", REHEAT_ID)).isFalse();
            assertThat(string(network.storedRecord(STEEL, REHEAT_ID), "ownerMspId")).isEqualTo(STEEL);
            assertThat(string(network.storedRecord(APPLIANCE, REHEAT_ID), "ownerMspId")).isEqualTo(APPLIANCE);
            refuse(DUPLICATE_ID, APPLIANCE, sameId);
        }

        // --- transactions in flight together -----------------------------------------------------------------------

        @Test
        void bulk_submissions_for_one_batch_in_flight_together_all_commit() {
            var first = harness.as(STEEL, CLIENT).withRecords(Jcs.canonicalString(SignedRecords.array(freshReheat(1), freshReheat(2)))).endorse(records, "SubmitRecords");
            var second = harness.as(STEEL, CLIENT).withRecords(Jcs.canonicalString(SignedRecords.array(freshReheat(3), freshReheat(4)))).endorse(records, "SubmitRecords");

            second.commit();
            first.commit();

            assertThat(network.evaluate(CERT, records, "ListRecords", COIL, COIL_7, "10", "").get("items"))
                    .hasValueSatisfying(items -> assertThat(((JsonArray) items).size()).isEqualTo(4));
        }

        @Test
        void of_two_submissions_in_flight_with_the_same_record_id_only_the_first_to_commit_counts() {
            var first = harness.as(STEEL, CLIENT).withRecords(Jcs.canonicalString(SignedRecords.example(REHEAT))).endorse(records, "SubmitRecords");
            JsonObject otherBatch = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("lot", COIL_8));
            var second = harness.as(STEEL, CLIENT).withRecords(Jcs.canonicalString(otherBatch)).endorse(records, "SubmitRecords");

            first.commit();
            LedgerSnapshot afterFirst = harness.state();

            assertThatThrownBy(second::commit).isInstanceOfSatisfying(CommitException.class, e ->
                    assertThat(e.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT));
            assertThat(harness.state()).isEqualTo(afterFirst);
            assertThat(string(getRecord(COIL, COIL_7, REHEAT_ID), "txId")).isEqualTo(first.txId());
        }

        @Test
        void a_record_endorsed_before_the_seal_but_committed_after_it_is_invalidated() {
            network.submitRecords(STEEL, SignedRecords.example(GASES));
            var late = harness.as(STEEL, CLIENT).withRecords(Jcs.canonicalString(SignedRecords.example(REHEAT))).endorse(records, "SubmitRecords");
            network.seal(STEEL, COIL, COIL_7);
            LedgerSnapshot sealed = harness.state();

            assertThatThrownBy(late::commit).isInstanceOfSatisfying(CommitException.class, e ->
                    assertThat(e.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT));
            assertThat(harness.state()).isEqualTo(sealed);
            assertThat(harness.ledger().get(Consortium.key("ID", REHEAT_ID))).isEmpty();
        }

        // --- bulk -------------------------------------------------------------------------------------------------

        @Test
        void one_tampered_record_refuses_the_whole_bulk_naming_it() {
            List<JsonValue> records = new ArrayList<>(fiveHundred());
            JsonObject victim = (JsonObject) records.get(317);
            JsonObject activity = JsonObjectReader.of(victim, "").requireObject("activity").object();
            records.set(317, victim.without("activity").with("activity", activity.without("amount").with("amount", JsonString.of("1"))));

            String message = refuse(INVALID_SIGNATURE, JsonArray.of(records));
            assertThat(message).startsWith("records[317]: signature: ");
        }

        @Test
        void one_record_of_an_unknown_device_refuses_the_whole_bulk_naming_it() {
            JsonArray input = SignedRecords.array(freshReheat(1), freshReheat(2), freshReheat(3),
                    SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("recordId", SignedRecords.id("60000000", 4))
                            .set("deviceId", "steelco-meter-99"), METER));

            String message = refuse(UNKNOWN_DEVICE, input);
            assertThat(message).startsWith("records[3]: deviceId \"steelco-meter-99\"");
        }

        @Test
        void one_malformed_record_refuses_the_whole_bulk_naming_its_path() {
            JsonArray input = SignedRecords.array(freshReheat(1),
                    withActivity(SignedRecords.exampleFixture(REHEAT), "amount", "1e3").json());

            String message = refuse(INVALID_AMOUNT, input);
            assertThat(message).startsWith("records[1]: activity.amount \"1e3\": exponent notation");
        }

        @Test
        void refuses_more_than_1000_records() {
            JsonArray input = JsonArray.of(Collections.nCopies(1001, SignedRecords.example(REHEAT)));

            String message = refuse(INVALID_ARGUMENT, input);
            assertThat(message).isEqualTo("records: must hold 1 to 1000 records, found 1001");
        }

        @Test
        void refuses_an_empty_bulk() {
            assertThat(refuse(INVALID_ARGUMENT, JsonArray.of())).startsWith("records: ");
        }

        @Test
        void refuses_a_bulk_element_that_is_not_an_object() {
            assertThat(refuse(INVALID_ARGUMENT, SignedRecords.array(SignedRecords.example(REHEAT), JsonString.of("x"))))
                    .startsWith("records[1]");
        }

        // --- batches ----------------------------------------------------------------------------------------------

        @Test
        void refuses_a_record_on_a_sealed_batch() {
            example.recordAndSealPellets();
            JsonObject late = SignedRecords.sign(SignedRecords.unsigned("t1-pellets-mining-diesel")
                    .set("recordId", SignedRecords.id("60000000", 9)));

            String message = refuse(BATCH_SEALED, late);
            assertThat(message).startsWith("lot \"" + PELLETS + "/" + PEL + "\"").contains("sealed");
        }

        @Test
        void refuses_a_record_for_another_organizations_batch_even_signed_by_its_own_device() {
            JsonObject intoSteel = SignedRecords.sign(SignedRecords.unsigned("t3-panels-press-electricity")
                    .set("gtin", COIL).set("lot", COIL_7));

            String message = refuse(FORBIDDEN, APPLIANCE, intoSteel);
            assertThat(message).startsWith("gtin \"" + COIL + "/" + COIL_7 + "\"").contains("belongs to " + STEEL);
        }

        @Test
        void refuses_a_record_for_another_organizations_batch_signed_by_that_organizations_device() {
            refuse(FORBIDDEN, APPLIANCE, SignedRecords.example(REHEAT));
        }

        @Test
        void a_record_forged_by_a_majority_that_excludes_the_owner_never_counts_in_the_owners_seal() {
            submit(STEEL, SignedRecords.example(REHEAT));
            String forgedId = SignedRecords.id("70000000", 1);
            JsonObject genuine = network.storedRecord(STEEL, REHEAT_ID);
            JsonObject forged = genuine.without("recordId").with("recordId", JsonString.of(forgedId))
                    .without("co2e").with("co2e", co2e("99999999", "0", "0"))
                    .without("txId").with("txId", JsonString.of(FORGED_TX));
            JsonObject index = JsonObject.builder().put("gtin", COIL).put("lot", COIL_7).put("txId", FORGED_TX)
                    .put("records", JsonArray.of(List.of(forged))).build();
            JsonObject claim = JsonObject.builder().put("id", forgedId).put("kind", "record").put("txId", FORGED_TX).build();
            JsonObject trace = JsonObject.builder().put("gtin", COIL).put("lot", COIL_7).put("txId", FORGED_TX)
                    .put("holders", JsonArray.of(List.of(JsonString.of(CERT), JsonString.of(STEEL)))).build();
            InMemoryLedger ledger = harness.ledger();

            // Written into the owner's collection too: Fabric requires the owner's peer for that.
            InMemoryStub both = forgery(ledger);
            both.putPrivateData(InMemoryLedger.collectionOf(STEEL), Consortium.key("ID", forgedId), Jcs.canonicalize(claim));
            for (String holder : List.of(CERT, STEEL)) {
                both.putPrivateData(InMemoryLedger.collectionOf(holder), Consortium.key("RECORDS", COIL, COIL_7, FORGED_TX), Jcs.canonicalize(index));
            }
            both.putState(Consortium.key("RECORD_TX", COIL, COIL_7, FORGED_TX), Jcs.canonicalize(trace));
            assertThat(ledger.commit(both, List.of(APPLIANCE, CERT))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

            // Only into the certifier's collection: it commits, and the owner's seal refuses the batch.
            InMemoryStub certOnly = forgery(ledger);
            certOnly.putPrivateData(InMemoryLedger.collectionOf(CERT), Consortium.key("RECORDS", COIL, COIL_7, FORGED_TX), Jcs.canonicalize(index));
            certOnly.putState(Consortium.key("RECORD_TX", COIL, COIL_7, FORGED_TX), Jcs.canonicalize(trace));
            assertThat(ledger.commit(certOnly, List.of(APPLIANCE, CERT))).isEqualTo(TxValidationCode.VALID);

            String message = harness.assertRefused(INVALID_STATE, () -> network.seal(STEEL, COIL, COIL_7));
            assertThat(message).contains("missing from this peer's copy");
        }

        private static final String FORGED_TX = "f".repeat(64);

        private InMemoryStub forgery(InMemoryLedger ledger) {
            return ledger.newTransaction(InMemoryLedger.Proposal.of(TestIdentities.of(APPLIANCE, CLIENT).serialized(),
                    Instant.parse("2026-11-01T00:00:00Z"), List.of("Records:SubmitRecords")), APPLIANCE, java.util.Map.of());
        }

        @Test
        void refuses_a_record_for_an_unknown_batch() {
            JsonObject unknown = SignedRecords.sign(SignedRecords.unsigned(REHEAT).set("lot", "COIL-9"));

            assertThat(refuse(NOT_FOUND, unknown)).startsWith("gtin \"" + COIL + "/COIL-9\"");
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            refuse(ROLE_REQUIRED, CERT, SignedRecords.example(REHEAT));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            refuse(FORBIDDEN, ROGUE, SignedRecords.example(REHEAT));
        }

        // --- factors and units --------------------------------------------------------------------------------------

        @Test
        void refuses_a_record_pinning_an_unknown_factor() {
            JsonObject record = SignedRecords.sign(withActivity(SignedRecords.unsigned(REHEAT), "factorId", "cn-grid-2022"));

            assertThat(refuse(UNKNOWN_FACTOR, record)).startsWith("activity.factorId \"cn-grid-2022\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"kg", "t", "L", "m3", "piece"})
        void refuses_an_activity_unit_of_another_dimension_than_its_factor(String unit) {
            JsonObject record = SignedRecords.sign(withActivity(SignedRecords.unsigned(REHEAT), "unit", unit));

            assertThat(refuse(UNIT_MISMATCH, record)).startsWith("activity.unit \"" + unit + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"kWh", "MWh", "GJ", "MJ"})
        void converts_any_energy_unit_to_the_factors_unit(String unit) {
            JsonObject record = SignedRecords.sign(withActivity(withActivity(SignedRecords.unsigned(REHEAT), "unit", unit),
                    "amount", "3600"));

            JsonObject result = submit(STEEL, record);

            BigDecimal gj = switch (unit) {
                case "kWh" -> new BigDecimal("12.96");
                case "MWh" -> new BigDecimal("12960");
                case "GJ" -> new BigDecimal("3600");
                default -> new BigDecimal("3.6");
            };
            assertThat(JsonObjectReader.of(result, "").requireInteger("accepted", 0, 10)).isEqualTo(1);
            assertThat(storedCo2e(REHEAT_ID)).isEqualTo(co2e(gj.multiply(new BigDecimal("56.1")).toPlainString(), "0", "0"));
        }

        // --- malformed records, refused before any signature check ------------------------------------------------

        static Stream<Arguments> malformed() {
            Fixtures.Obj signed = SignedRecords.exampleFixture(REHEAT);
            Fixtures.Obj gases = SignedRecords.exampleFixture(GASES);
            return Stream.of(
                    Arguments.of(INVALID_GTIN, signed.set("gtin", "09506000134353"), "gtin \"09506000134353\"", "check digit is 3, expected 2"),
                    Arguments.of(INVALID_GTIN, signed.set("gtin", "095060001343"), "gtin \"095060001343\"", "check digit"),
                    Arguments.of(INVALID_GTIN, signed.set("gtin", "0950600013435"), "gtin \"0950600013435\"", "check digit"),
                    Arguments.of(INVALID_GTIN, signed.set("gtin", "95060001343"), "gtin \"95060001343\"", "must have 8, 12, 13 or 14 digits"),
                    Arguments.of(INVALID_GTIN, signed.set("gtin", "0950600013435Z"), "gtin \"0950600013435Z\"", "character \"Z\" at position 14"),
                    Arguments.of(INVALID_LOT, signed.set("lot", "COIL 7"), "lot \"COIL 7\"", "character \" \" at position 5"),
                    Arguments.of(INVALID_LOT, signed.set("lot", "COIL\u20ac7"), "lot \"COIL\u20ac7\"", "character \"\u20ac\" at position 5"),
                    Arguments.of(INVALID_LOT, signed.set("lot", "L".repeat(21)), "lot \"", "must have 1 to 20 characters, found 21"),
                    Arguments.of(INVALID_LOT, signed.set("lot", ""), "lot \"\"", "must have 1 to 20 characters, found 0"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "-2400000"), "activity.amount \"-2400000\"", "must not be negative"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "+2400000"), "activity.amount \"+2400000\"", "must not have a sign"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "2.4e6"), "activity.amount \"2.4e6\"", "exponent notation"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "2400000000000000000"), "activity.amount", "has 19 integer digits, at most 18"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "1.0000000001"), "activity.amount", "has 10 fraction digits, at most 9"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "02400000"), "activity.amount", "leading zeros"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", "2,400,000"), "activity.amount \"2,400,000\"", "not a digit"),
                    Arguments.of(INVALID_AMOUNT, withActivity(signed, "amount", ""), "activity.amount \"\"", "is empty"),
                    Arguments.of(INVALID_AMOUNT, withGas(gases, "N2O", "-3"), "gases.N2O \"-3\"", "must not be negative"),
                    Arguments.of(INVALID_AMOUNT, withGas(gases, "CO2", "2.9E5"), "gases.CO2 \"2.9E5\"", "exponent"),
                    Arguments.of(INVALID_UNIT, withActivity(signed, "unit", "mj"), "activity.unit \"mj\"", "unknown unit"),
                    Arguments.of(INVALID_UNIT, withActivity(signed, "unit", "therm"), "activity.unit \"therm\"", "unknown unit"),
                    Arguments.of(INVALID_PERIOD, signed.set("periodEnd", "2026-09-30T00:00:00Z"), "periodEnd \"2026-09-30T00:00:00Z\"", "ends before periodStart"),
                    Arguments.of(INVALID_PERIOD, signed.set("periodEnd", "2026-10-31T23:59:59+01:00"), "periodEnd", "UTC"),
                    Arguments.of(INVALID_ARGUMENT, withActivity(signed, "amount", JsonNumber.of(2400000)), "activity.amount", ""),
                    Arguments.of(INVALID_ARGUMENT, signed.set("scope", JsonNumber.of(4)), "scope", ""),
                    Arguments.of(INVALID_ARGUMENT, signed.set("stage", "USE"), "stage \"USE\"", ""),
                    Arguments.of(INVALID_ARGUMENT, withGas(gases, "SF6", "1"), "gases.SF6", ""),
                    Arguments.of(INVALID_ARGUMENT, signed.set("gases", JsonObject.builder().put("CO2", "1").build()), "gases", "not both"),
                    Arguments.of(INVALID_ARGUMENT, signed.remove("activity"), "activity", "missing member"),
                    Arguments.of(INVALID_ARGUMENT, signed.set("recordId", "0B9F6C1E-2D4A-4C3B-9A7E-5F1D2C3B4A59"), "recordId", ""),
                    Arguments.of(INVALID_ARGUMENT, signed.set("deviceId", "meter 12"), "deviceId \"meter 12\"", ""),
                    Arguments.of(INVALID_ARGUMENT, signed.set("co2e", "134640"), "co2e", "unknown member"));
        }

        @ParameterizedTest(name = "[{index}] {0} {2}: {3}")
        @MethodSource("malformed")
        void refuses_a_malformed_record_naming_the_field_the_value_and_the_reason(ErrorCode code, Fixtures.Obj record,
                                                                                 String field, String reason) {
            assertThat(refuse(code, record.json())).startsWith(field).contains(reason);
        }

        @Test
        void refuses_input_that_is_not_json() {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT).withRecords("{\"recordId\":").submit(records, "SubmitRecords"));
        }
    }

    @Nested
    class GetRecord {
        @Test
        void an_unknown_record_is_not_found() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(CERT, CLIENT).evaluate(records, "GetRecord", COIL, COIL_7, REHEAT_ID));
            assertThat(message).startsWith("recordId \"" + REHEAT_ID + "\"");
        }

        @Test
        void the_owner_finds_a_record_through_its_id_claim_reading_one_record_set_of_many() {
            List<String> ids = new ArrayList<>();
            for (JsonObject record : SignedRecords.many(SignedRecords.unsigned(REHEAT), "30000000", 6)) {
                submit(STEEL, record); // one transaction, so one record set, each
                ids.add(JsonObjectReader.of(record, "record").requireString("recordId"));
            }

            for (String id : ids) {
                var lookup = harness.as(STEEL, CLIENT).endorsedBy(STEEL).endorse(records, "GetRecord", COIL, COIL_7, id);

                assertThat(lookup.result()).contains(id);
                // Read set by set, a batch of tens of thousands of records outlasted the Gateway's evaluate deadline.
                // (a set is read as this holder's value and as every other holder's hash, under the same key)
                assertThat(lookup.stub().privateReads().keySet().stream().filter(k -> k.contains("RECORDS"))
                        .map(k -> k.substring(k.indexOf('\u0000') + 1)).distinct().count()).as(id).isEqualTo(1);
            }
        }

        @Test
        void a_record_is_found_only_under_its_own_batch() {
            submit(STEEL, SignedRecords.example(REHEAT));

            harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(records, "GetRecord", COIL, COIL_8, REHEAT_ID));
        }

        @Test
        void an_id_claimed_by_another_kind_is_not_a_record() {
            String proposalId = SignedRecords.id("00000000", 1); // a role proposal of the consortium's set-up

            assertThat(network.stored("ID", proposalId)).isNotNull();
            harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(records, "GetRecord", COIL, COIL_7, proposalId));
        }

        @Test
        void a_malformed_record_id_is_refused() {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(records, "GetRecord", COIL, COIL_7, "202"));
        }
    }

    @Nested
    class ListRecords {
        private List<String> listAll(String gtin, String lot, int pageSize) {
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonObject page = network.evaluate(CERT, records, "ListRecords", gtin, lot, Integer.toString(pageSize), bookmark);
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                for (JsonValue item : reader.requireArray("items").elements()) {
                    JsonObject record = JsonObjectReader.asObject(item, "item");
                    assertThat(string(record, "txId")).matches("[0-9a-f]{64}");
                    ids.add(string(record, "recordId"));
                }
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(1000);
            } while (!bookmark.isEmpty());
            return ids;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 4, 7, 23, 24, 1000})
        void returns_every_record_of_the_batch_exactly_once_across_pages_in_record_id_order(int pageSize) {
            List<String> expected = new ArrayList<>();
            List<JsonValue> input = new ArrayList<>();
            for (int n = 23; n >= 1; n--) {
                JsonObject record = freshReheat(n * 37L);
                input.add(record);
                expected.add(string(record, "recordId"));
            }
            submit(STEEL, JsonArray.of(input.subList(0, 10)));
            submit(STEEL, JsonArray.of(input.subList(10, 23)));
            submit(STEEL, SignedRecords.example("t1-pellets-electricity"));
            Collections.sort(expected);

            assertThat(listAll(COIL, COIL_7, pageSize)).containsExactlyElementsOf(expected);
        }

        @Test
        void each_item_is_the_stored_record_with_its_transaction_id() {
            submit(STEEL, SignedRecords.example(REHEAT));

            JsonObject page = network.evaluate(CERT, records, "ListRecords", COIL, COIL_7, "10", "");

            assertThat(JsonObjectReader.of(page, "").requireArray("items").elements())
                    .containsExactly(network.storedRecord(CERT, REHEAT_ID));
        }

        @Test
        void a_bookmark_is_the_last_record_id_of_the_page_and_a_malformed_one_is_refused() {
            submit(STEEL, SignedRecords.array(SignedRecords.example(REHEAT), SignedRecords.example(GASES)));

            JsonObject first = network.evaluate(CERT, records, "ListRecords", COIL, COIL_7, "1", "");
            String bookmark = JsonObjectReader.of(first, "").requireString("bookmark");
            assertThat(bookmark).isEqualTo(string(JsonObjectReader.asObject(JsonObjectReader.of(first, "").requireArray("items").get(0), "item"), "recordId"));
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(records, "ListRecords", COIL, COIL_7, "1", "not-a-record-id"));
            assertThat(message).startsWith("bookmark");
        }

        @Test
        void a_batch_without_records_lists_none() {
            assertThat(listAll(COIL, COIL_8, 5)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(records, "ListRecords", COIL, COIL_7, pageSize, ""));
        }
    }

    /** The record ids of a record set, read through the state model. */
    private static List<String> recordIds(JsonObject recordSet) {
        return StoredRecordSet.fromJson(recordSet, "RECORDS").records().stream().map(r -> r.recordId().value()).toList();
    }
}
