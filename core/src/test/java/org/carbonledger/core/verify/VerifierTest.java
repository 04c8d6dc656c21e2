package org.carbonledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.core.verify.WorkedExampleBundle.ATTESTATION_COIL;
import static org.carbonledger.core.verify.WorkedExampleBundle.ATTESTATION_WASHERS;
import static org.carbonledger.core.verify.WorkedExampleBundle.COIL_7;
import static org.carbonledger.core.verify.WorkedExampleBundle.COLLECTED_AT;
import static org.carbonledger.core.verify.WorkedExampleBundle.PANELS;
import static org.carbonledger.core.verify.WorkedExampleBundle.PELLETS;
import static org.carbonledger.core.verify.WorkedExampleBundle.WASHERS;
import static org.carbonledger.core.verify.WorkedExampleBundle.recordId;
import static org.carbonledger.core.verify.WorkedExampleBundle.transferId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The offline verifier on the worked example's bundle (fixtures/verify/worked-example.bundle.json) and on copies of
 * it altered the ways a forger or a faulty collector would. Each negative test names every check that must fail,
 * so it also pins how far one alteration shows.
 */
class VerifierTest {

    static final JsonObject VALID = WorkedExampleBundle.fixtureJson();

    static final String PELLETS_SEAL = "bd5b0360a7adefa8d2a0ddeb323c7fefdc2a108a00f80a5f61fe0035ceacc885";
    static final String COIL_SEAL = "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de";
    static final String PANELS_SEAL = "be2272a2d6f983c616a091977261acffd2510d58ec34f669e4c1b66f5bc7e9b1";
    static final String WASHERS_SEAL = "01b3031d7ddb1a641a09644e7f439e0f00b56258a37de717b5f7ba75b2103c3b";

    /** Upstream batches without attestations: reported, never failing the verdict. */
    static final List<String> UNATTESTED_UPSTREAM = List.of(
            "batch.attested batch 09506000134383/PNL-2611-A", "batch.attested batch 09506000134376/PEL-2026-09");

    static VerificationReport verify(JsonObject bundle) {
        return verify(bundle, COLLECTED_AT);
    }

    static VerificationReport verify(JsonObject bundle, Instant at) {
        return Verifier.newInstance().verify(ProofBundle.fromJson(bundle), at);
    }

    /** Failed checks as {@code "<id> <subject kind> <subject id>"}, in report order. */
    static List<String> failed(VerificationReport report) {
        return report.failures().stream().map(VerifierTest::name).toList();
    }

    /** The failures besides the upstream batches that are unattested in the valid bundle too. */
    static List<String> failedBesidesUpstreamAttestation(VerificationReport report) {
        List<String> all = new ArrayList<>(failed(report));
        all.removeAll(UNATTESTED_UPSTREAM);
        return all;
    }

    static String name(Check c) {
        return c.id() + " " + c.subject();
    }

    static Check check(VerificationReport report, String id, Subject subject) {
        List<Check> found = report.checks(id).stream().filter(c -> c.subject().equals(subject)).toList();
        assertThat(found).as(id + " " + subject).hasSize(1);
        return found.get(0);
    }

    static String batch(BatchId id) {
        return "batches[batch.lot=" + id.lot().value() + "]";
    }

    static String record(BatchId id, int n) {
        return batch(id) + ".records[recordId=" + recordId(n) + "]";
    }

    static String transfer(int n) {
        return "transfers[transferId=" + transferId(n) + "]";
    }

    static String attestation(BatchId id, String attestationId) {
        return batch(id) + ".attestations[attestationId=" + attestationId + "]";
    }

    static String device(String deviceId) {
        return "devices[deviceId=" + deviceId + "]";
    }

    static Subject recordSubject(int n) {
        return Subject.record(new LedgerId(recordId(n)));
    }

    static Subject transferSubject(int n) {
        return Subject.transfer(new LedgerId(transferId(n)));
    }

    static JsonObject withTransaction(JsonObject bundle, String txId, long block, String code) {
        return JsonEdit.update(bundle, "transactions", array -> {
            List<JsonValue> list = new ArrayList<>(((JsonArray) array).elements());
            list.add(new TransactionClaim(txId, block, code).toJson());
            return JsonArray.of(list);
        });
    }

    static String string(JsonObject bundle, String path) {
        JsonValue[] found = new JsonValue[1];
        JsonEdit.update(bundle, path, v -> {
            found[0] = v;
            return v;
        });
        return ((JsonString) found[0]).value();
    }

    @Nested
    class ValidBundle {

        final VerificationReport report = verify(VALID);

        @Test
        void passes_with_every_offline_check_made() {
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(report.checks().stream().map(Check::id).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(CheckIds.OFFLINE);
            assertThat(report.verdictFailures()).isEmpty();
        }

        @Test
        void reports_upstream_batches_without_attestation_without_failing() {
            assertThat(failed(report)).containsExactlyElementsOf(UNATTESTED_UPSTREAM);
            Check pellets = check(report, CheckIds.BATCH_ATTESTED, Subject.batch(PELLETS));
            assertThat(pellets.required()).isFalse();
            assertThat(pellets.evidence()).isEqualTo("unattested: no attestations");
        }

        @Test
        void recomputes_the_seal_hashes_of_the_worked_example() {
            assertThat(check(report, CheckIds.SEAL_HASH, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("calculated seal hash " + WASHERS_SEAL + " vs stored " + WASHERS_SEAL);
            assertThat(check(report, CheckIds.SEAL_HASH, Subject.batch(PELLETS)).evidence())
                    .isEqualTo("calculated seal hash " + PELLETS_SEAL + " vs stored " + PELLETS_SEAL);
            assertThat(check(report, CheckIds.SEAL_MERKLE_ROOT, Subject.batch(WASHERS)).evidence()).isEqualTo(
                    "calculated Merkle root b856cc400d56361a0d05d5d7aac7d16a75f24b25501af42b964e7a2be75d4d78 over 3 "
                            + "records and 2 transfers vs stored "
                            + "b856cc400d56361a0d05d5d7aac7d16a75f24b25501af42b964e7a2be75d4d78");
        }

        @Test
        void checks_every_record_seven_ways_in_batch_order_from_the_root() {
            List<Check> signatures = report.checks(CheckIds.RECORD_SIGNATURE);
            assertThat(signatures).extracting(c -> c.subject().id()).containsExactly(
                    recordId(401), recordId(402), recordId(403), recordId(301), recordId(302), recordId(201),
                    recordId(202), recordId(203), recordId(101), recordId(102), recordId(103));
            assertThat(report.checks().stream().filter(c -> c.category() == CheckCategory.RECORDS
                    && c.subject().kind() == Subject.Kind.RECORD)).hasSize(11 * 7);
        }

        @Test
        void lists_every_transaction_for_the_online_check() {
            ProofBundle bundle = ProofBundle.fromJson(VALID);
            assertThat(report.transactionsToCheck()).isEqualTo(bundle.transactions().keySet());
            assertThat(report.checks(CheckIds.TRANSACTION_LISTED)).hasSize(bundle.transactionReferences().size())
                    .allMatch(Check::passed);
            assertThat(report.checks(CheckIds.TRANSACTION_CLAIMED_VALID)).hasSize(bundle.transactions().size());
        }

        @Test
        void gives_the_same_report_sequentially_and_in_parallel() {
            ProofBundle bundle = ProofBundle.fromJson(VALID);
            VerificationReport sequential = Verifier.builder().parallel(false).build().verify(bundle, COLLECTED_AT);
            assertThat(sequential).isEqualTo(report);
            assertThat(sequential.toJson()).isEqualTo(report.toJson());
        }

        @Test
        void identifies_the_verified_bundle_and_instant() {
            assertThat(report.bundleSha256()).isEqualTo(Sha256.of(Jcs.canonicalize(VALID)));
            assertThat(report.root()).isEqualTo(WASHERS);
            assertThat(report.verifiedAt()).isEqualTo(COLLECTED_AT);
        }

        @Test
        void tells_a_step_listener_about_each_step_in_order() {
            List<String> steps = new ArrayList<>();
            Verifier.builder().stepListener((step, elapsed, checks, failed) -> steps.add(step + ":" + checks))
                    .build().verify(ProofBundle.fromJson(VALID), COLLECTED_AT);
            assertThat(steps).containsExactly("device keys:4", "records:77", "transactions:80", "seals:32",
                    "transfers:22", "mass balance:12", "attestations:12");
        }
    }

    @Nested
    class DeviceKeysAndRecords {

        @Test
        void tampered_record_amount_fails_the_signature_the_content_hash_and_the_co2e() {
            VerificationReport report = verify(JsonEdit.set(VALID, record(PELLETS, 101) + ".record.activity.amount",
                    "1100000"));
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.signature record " + recordId(101),
                    "record.content-hash record " + recordId(101),
                    "record.co2e record " + recordId(101));
            assertThat(check(report, CheckIds.RECORD_SIGNATURE, recordSubject(101)).evidence()).isEqualTo(
                    "signature does not verify against device SteelCoMSP/steelco-pellet-kiln-1 key sha256:"
                            + "2a6503e97a35cab88861c77951f6019774216c371087d1c9b17306b6cf6114b3");
            assertThat(check(report, CheckIds.RECORD_CO2E, recordSubject(101)).evidence()).isEqualTo(
                    "calculated total 463650 (fossil 463650, biogenicNonCo2 0, biogenicCo2 0) from 1100000 kWh × "
                            + "0.4215 kg CO2e/kWh (grid-electricity-2026) vs stored total 505800 (fossil 505800, "
                            + "biogenicNonCo2 0, biogenicCo2 0)");
            assertThat(check(report, CheckIds.RECORD_CONTENT_HASH, recordSubject(101)).evidence())
                    .startsWith("calculated contentHash ")
                    .endsWith(" vs stored 330a1b90d38d126d1137bd0e5ebe462d32748ebd937e340dc1b897fa61d5a077");
        }

        @Test
        void record_signed_by_another_organizations_device_fails_device_ownership() {
            JsonObject unsigned = Fixtures.object("example/unsigned/t1-pellets-electricity.json")
                    .without("deviceId").with("deviceId", JsonString.of("applianceco-press-3"));
            EmissionRecord forged = EmissionRecord.sign(unsigned,
                    DevicePrivateKey.parse(Fixtures.text("keys/applianceco-press-3.key.pem")));
            JsonObject bundle = JsonEdit.set(VALID, record(PELLETS, 101) + ".record", forged.json());
            bundle = JsonEdit.set(bundle, record(PELLETS, 101) + ".deviceId", "applianceco-press-3");
            bundle = JsonEdit.set(bundle, record(PELLETS, 101) + ".contentHash", forged.contentHash().toHex());

            VerificationReport report = verify(bundle);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.device-owner record " + recordId(101),
                    "seal.merkle-root batch " + PELLETS);
            assertThat(check(report, CheckIds.RECORD_DEVICE_OWNER, recordSubject(101)).evidence())
                    .isEqualTo("device applianceco-press-3 is registered by ApplianceCoMSP vs batch owner SteelCoMSP");
            assertThat(check(report, CheckIds.RECORD_SIGNATURE, recordSubject(101)).evidence()).startsWith(
                    "signature verifies against device ApplianceCoMSP/applianceco-press-3");
        }

        @Test
        void device_revoked_before_the_period_end_fails_validity_of_its_records() {
            String revocation = Sha256.of("revocation").toHex();
            JsonObject bundle = JsonEdit.update(VALID, device("steelco-pellet-kiln-1"), d -> ((JsonObject) d)
                    .with("revokedFrom", JsonString.of("2026-09-15T00:00:00Z"))
                    .with("revokedTxId", JsonString.of(revocation)));
            VerificationReport report = verify(withTransaction(bundle, revocation, 99, "VALID"));

            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.device-validity record " + recordId(101),
                    "record.device-validity record " + recordId(102),
                    "record.device-validity record " + recordId(103));
            Check c = check(report, CheckIds.RECORD_DEVICE_VALIDITY, recordSubject(101));
            assertThat(c.evidence()).isEqualTo("device SteelCoMSP/steelco-pellet-kiln-1: validFrom "
                    + "2026-01-01T00:00:00Z, record periodEnd 2026-09-30T23:59:59Z, revokedFrom 2026-09-15T00:00:00Z");
            assertThat(c.message()).isEqualTo("the device key was revoked at or before the record's period end");
        }

        @Test
        void a_record_submitted_before_its_period_ended_fails_period_ended() {
            // Record 101's period ends 2026-09-30T23:59:59Z; the allowance reaches back to 23:44:59.
            VerificationReport report = verify(JsonEdit.set(VALID, record(PELLETS, 101) + ".submittedAt",
                    "2026-09-30T23:44:58Z"));

            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.period-ended record " + recordId(101));
            Check c = check(report, CheckIds.RECORD_PERIOD_ENDED, recordSubject(101));
            assertThat(c.evidence()).isEqualTo("record periodEnd 2026-09-30T23:59:59Z, submittedAt "
                    + "2026-09-30T23:44:58Z plus 15 minutes = 2026-09-30T23:59:58Z");
            assertThat(c.message()).isEqualTo(
                    "the record's period ends after it was submitted: the ledger refuses such a record");
        }

        @Test
        void a_record_submitted_within_the_allowance_before_its_period_end_passes_period_ended() {
            VerificationReport report = verify(JsonEdit.set(VALID, record(PELLETS, 101) + ".submittedAt",
                    "2026-09-30T23:44:59Z"));

            assertThat(failedBesidesUpstreamAttestation(report)).isEmpty();
            assertThat(check(report, CheckIds.RECORD_PERIOD_ENDED, recordSubject(101)).passed()).isTrue();
        }

        @Test
        void device_registered_after_the_period_end_fails_validity() {
            VerificationReport report = verify(JsonEdit.set(VALID, device("applianceco-press-3") + ".validFrom",
                    "2026-11-16T00:00:00Z"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.device-validity record " + recordId(301),
                    "record.device-validity record " + recordId(302));
            assertThat(check(report, CheckIds.RECORD_DEVICE_VALIDITY, recordSubject(301)).message())
                    .isEqualTo("the record's period ends before the device key became valid");
        }

        @Test
        void replaced_device_key_fails_its_fingerprint_and_every_signature() {
            String otherKey = string(VALID, device("steelco-pellet-kiln-1") + ".publicKeyPem");
            VerificationReport report = verify(JsonEdit.set(VALID, device("steelco-meter-12") + ".publicKeyPem",
                    otherKey));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "device.fingerprint device SteelCoMSP/steelco-meter-12",
                    "record.signature record " + recordId(201),
                    "record.signature record " + recordId(202),
                    "record.signature record " + recordId(203));
            assertThat(report.checks(CheckIds.DEVICE_FINGERPRINT).get(2).evidence()).isEqualTo(
                    "calculated key fingerprint 2a6503e97a35cab88861c77951f6019774216c371087d1c9b17306b6cf6114b3 vs "
                            + "stored e4e0110f4322de1694e5fce569731ada89ae3416cc2018fe160b0f6f2f7bf54a");
        }

        @Test
        void stored_stage_that_differs_from_the_signed_one_fails_consistency_and_the_seal() {
            VerificationReport report = verify(JsonEdit.set(VALID, record(WASHERS, 402) + ".stage", "WASTE"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.consistent record " + recordId(402),
                    "seal.breakdown batch " + WASHERS,
                    "seal.merkle-root batch " + WASHERS);
            assertThat(check(report, CheckIds.RECORD_CONSISTENT, recordSubject(402)).evidence())
                    .isEqualTo("signed stage PACKAGING vs stored WASTE");
            assertThat(check(report, CheckIds.SEAL_BREAKDOWN, Subject.batch(WASHERS)).evidence()).isEqualTo(
                    "cell WASTE/3: calculated total 1777.5 (fossil 1777.5, biogenicNonCo2 0, biogenicCo2 0) vs "
                            + "stored (none); cell PACKAGING/3: calculated (none) vs stored total 1777.5 (fossil "
                            + "1777.5, biogenicNonCo2 0, biogenicCo2 0)");
        }

        @Test
        void record_whose_signed_json_does_not_parse_fails_each_record_check_it_blocks() {
            VerificationReport report = verify(JsonEdit.set(VALID, record(PANELS, 301) + ".record.scope",
                    JsonString.of("2")));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "record.consistent record " + recordId(301),
                    "record.signature record " + recordId(301),
                    "record.device-validity record " + recordId(301),
                    "record.period-ended record " + recordId(301),
                    "record.content-hash record " + recordId(301),
                    "record.co2e record " + recordId(301));
            assertThat(check(report, CheckIds.RECORD_SIGNATURE, recordSubject(301)).evidence()).isEqualTo(
                    "cannot verify: signed record does not parse: scope: expected a JSON number, found string");
        }
    }

    @Nested
    class Transactions {

        @Test
        void record_whose_transaction_is_missing_from_the_list_fails() {
            String unknown = Sha256.of("never committed").toHex();
            VerificationReport report = verify(JsonEdit.set(VALID, record(COIL_7, 202) + ".txId", unknown));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "transaction.listed record " + recordId(202));
            assertThat(check(report, CheckIds.TRANSACTION_LISTED, recordSubject(202)).evidence())
                    .isEqualTo("txId " + unknown + " is not in the bundle's transactions");
            assertThat(report.transactionsToCheck()).contains(unknown);
        }

        @Test
        void seal_transaction_reported_invalid_fails() {
            String sealTx = string(VALID, batch(WASHERS) + ".batch.sealTxId");
            VerificationReport report = verify(JsonEdit.set(VALID, "transactions[txId=" + sealTx + "].validationCode",
                    "MVCC_READ_CONFLICT"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "transaction.claimed-valid transaction " + sealTx);
            Check c = check(report, CheckIds.TRANSACTION_CLAIMED_VALID, Subject.transaction(sealTx));
            assertThat(c.evidence()).endsWith("validation code MVCC_READ_CONFLICT vs expected VALID");
            assertThat(c.required()).isTrue();
        }

        @Test
        void invalid_transaction_that_no_state_names_does_not_fail_the_verdict() {
            String stray = Sha256.of("stray").toHex();
            VerificationReport report = verify(withTransaction(VALID, stray, 500, "ENDORSEMENT_POLICY_FAILURE"));
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            Check c = check(report, CheckIds.TRANSACTION_CLAIMED_VALID, Subject.transaction(stray));
            assertThat(c.passed()).isFalse();
            assertThat(c.required()).isFalse();
        }
    }

    @Nested
    class Seals {

        @Test
        void tampered_seal_total_fails_the_footprint_and_the_seal_hash() {
            VerificationReport report = verify(JsonEdit.set(VALID, batch(WASHERS) + ".batch.seal.footprint.total",
                    "40000"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.footprint batch " + WASHERS,
                    "seal.hash batch " + WASHERS);
            assertThat(check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(WASHERS)).evidence()).isEqualTo(
                    "calculated footprint total 42772.01745260416666666666666666667 (fossil "
                            + "42771.43627760416666666666666666667, biogenicNonCo2 0.581175, biogenicCo2 53.8125) vs "
                            + "stored total 40000 (fossil 42771.43627760416666666666666666667, biogenicNonCo2 0.581175, "
                            + "biogenicCo2 53.8125)");
            assertThat(check(report, CheckIds.SEAL_HASH, Subject.batch(WASHERS)).evidence())
                    .startsWith("calculated seal hash ").endsWith(" vs stored " + WASHERS_SEAL);
        }

        @Test
        void tampered_seal_rehashed_still_fails_the_footprint_and_loses_its_attestation() {
            JsonObject bundle = JsonEdit.set(VALID, batch(WASHERS) + ".batch.seal.footprint.fossil", "40000");
            bundle = JsonEdit.set(bundle, batch(WASHERS) + ".batch.seal.footprint.total", "40000.581175");
            JsonObject seal = (JsonObject) ((JsonObject) ((JsonObject) ((JsonArray) bundle.get("batches").orElseThrow())
                    .get(3)).get("batch").orElseThrow()).get("seal").orElseThrow();
            String rehashed = Sha256.of(Jcs.canonicalize(seal)).toHex();
            VerificationReport report = verify(JsonEdit.set(bundle, batch(WASHERS) + ".batch.sealHash", rehashed));

            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.footprint batch " + WASHERS,
                    "attestation.seal attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.ATTESTATION_SEAL, Subject.attestation(new LedgerId(ATTESTATION_WASHERS)))
                    .evidence()).isEqualTo("attested seal hash " + WASHERS_SEAL + " vs current seal hash of "
                    + WASHERS + " " + rehashed);
        }

        @Test
        void tampered_merkle_root_fails_the_root_and_the_seal_hash() {
            String zeros = "0".repeat(64);
            VerificationReport report = verify(JsonEdit.set(VALID, batch(COIL_7) + ".batch.seal.merkleRoot", zeros));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.merkle-root batch " + COIL_7,
                    "seal.hash batch " + COIL_7);
            assertThat(check(report, CheckIds.SEAL_MERKLE_ROOT, Subject.batch(COIL_7)).evidence()).isEqualTo(
                    "calculated Merkle root 7ad31ccc7f485e58163fc609f56702de7888a527d5e84adb6cf229eecb6b6ba7 over 3 "
                            + "records and 2 transfers vs stored " + zeros);
        }

        @Test
        void record_left_out_of_the_bundle_fails_every_recomputed_part_of_the_seal() {
            VerificationReport report = verify(JsonEdit.remove(VALID, record(WASHERS, 402)));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.footprint batch " + WASHERS,
                    "seal.breakdown batch " + WASHERS,
                    "seal.per-unit batch " + WASHERS,
                    "seal.merkle-root batch " + WASHERS,
                    "seal.counts batch " + WASHERS);
            assertThat(check(report, CheckIds.SEAL_COUNTS, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("calculated 2 records, 2 transfers vs stored 3 records, 2 transfers");
        }

        @Test
        void unsealed_root_fails_sealing_and_attestation() {
            JsonObject bundle = VALID;
            for (String member : List.of("seal", "sealHash", "sealedAt", "sealTxId")) {
                bundle = JsonEdit.remove(bundle, batch(WASHERS) + ".batch." + member);
            }
            bundle = JsonEdit.set(bundle, batch(WASHERS) + ".batch.status", "OPEN");
            VerificationReport report = verify(bundle);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "batch.sealed batch " + WASHERS,
                    "attestation.seal attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.BATCH_SEALED, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("status OPEN, no seal stored, no sealHash, no seal transaction");
        }
    }

    @Nested
    class Transfers {

        @Test
        void tampered_allocation_fails_the_allocation_and_the_receiving_seal() {
            JsonObject bundle = JsonEdit.set(VALID, transfer(5) + ".allocated.fossil", "30000");
            bundle = JsonEdit.set(bundle, transfer(5) + ".allocated.total", "30000.945");
            VerificationReport report = verify(bundle);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.footprint batch " + PANELS,
                    "seal.breakdown batch " + PANELS,
                    "seal.per-unit batch " + PANELS,
                    "seal.merkle-root batch " + PANELS,
                    "transfer.allocation transfer " + transferId(5));
            assertThat(check(report, CheckIds.TRANSFER_ALLOCATION, transferSubject(5)).evidence()).isEqualTo(
                    "calculated A(s + q) − A(s) = total 39396.51211805555555555555555555556 (fossil "
                            + "39395.56711805555555555555555555556, biogenicNonCo2 0.945, biogenicCo2 87.5) with "
                            + "q = 12500 kg, s = 0 kg, Q = 240 t, F = total 756413.03266666666666666666666666666573 "
                            + "(fossil 756394.88866666666666666666666666666573, biogenicNonCo2 18.144, biogenicCo2 "
                            + "1680) vs stored total 30000.945 (fossil 30000, biogenicNonCo2 0.945, biogenicCo2 87.5)");
        }

        @Test
        void transfer_counted_but_never_received_fails() {
            JsonObject bundle = JsonEdit.set(VALID, transfer(7) + ".status", "SHIPPED");
            for (String member : List.of("to", "receivedAt", "receiveTxId")) {
                bundle = JsonEdit.remove(bundle, transfer(7) + "." + member);
            }
            VerificationReport report = verify(bundle);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "transfer.received-into transfer " + transferId(7));
            assertThat(check(report, CheckIds.TRANSFER_RECEIVED_INTO, transferSubject(7)).evidence()).isEqualTo(
                    "status SHIPPED vs expected RECEIVED or RETURNED; received into (none) vs counted as inbound by "
                            + WASHERS);
        }

        @Test
        void transfer_received_into_another_batch_than_the_one_counting_it_fails() {
            VerificationReport report = verify(JsonEdit.set(VALID, transfer(1) + ".to.lot", "COIL-8"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "transfer.received-into transfer " + transferId(1));
            assertThat(check(report, CheckIds.TRANSFER_RECEIVED_INTO, transferSubject(1)).evidence()).isEqualTo(
                    "received into 09506000134352/COIL-8 vs counted as inbound by " + COIL_7);
        }

        @Test
        void transfer_naming_another_source_seal_fails_the_seal_hash_and_the_receivers_merkle_root() {
            VerificationReport report = verify(JsonEdit.set(VALID, transfer(7) + ".sourceSealHash", COIL_SEAL));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.merkle-root batch " + WASHERS,
                    "transfer.source-seal-hash transfer " + transferId(7));
            assertThat(check(report, CheckIds.TRANSFER_SOURCE_SEAL_HASH, transferSubject(7)).evidence()).isEqualTo(
                    "transfer sourceSealHash " + COIL_SEAL + " vs source " + PANELS + " sealHash " + PANELS_SEAL);
        }

        @Test
        void inbound_transfer_left_out_of_the_bundle_fails_and_the_seal_cannot_be_recomputed() {
            VerificationReport report = verify(JsonEdit.remove(VALID, transfer(8)));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.header batch " + WASHERS,
                    "seal.footprint batch " + WASHERS,
                    "seal.breakdown batch " + WASHERS,
                    "seal.per-unit batch " + WASHERS,
                    "seal.merkle-root batch " + WASHERS,
                    "seal.counts batch " + WASHERS,
                    "transfer.received-into transfer " + transferId(8),
                    "mass-balance.shipped-total batch " + PANELS);
            assertThat(check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("cannot recompute the seal: inbound transfers not in the bundle: " + transferId(8));
            assertThat(check(report, CheckIds.TRANSFER_RECEIVED_INTO, transferSubject(8)).evidence())
                    .isEqualTo("counted as inbound by " + WASHERS + "; the bundle has no such transfer");
        }
    }

    @Nested
    class MassBalance {

        @Test
        void overlapping_shipments_fail_contiguity() {
            VerificationReport report = verify(JsonEdit.set(VALID, transfer(3) + ".sourceShippedBefore.amount",
                    "280000"));
            // A(400000) − A(280000) = A(420000) − A(300000) here (÷ 500000 is exact), so the allocation still
            // checks out; the receiving seal committed the true sourceShippedBefore, so its Merkle root does not.
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "seal.merkle-root batch " + COIL_7,
                    "mass-balance.contiguous batch " + PELLETS);
            assertThat(check(report, CheckIds.MASS_BALANCE_CONTIGUOUS, Subject.batch(PELLETS)).evidence()).isEqualTo(
                    "4 shipments: " + transferId(1) + " 0 → 160000 kg, " + transferId(2) + " 160000 → 300000 kg, "
                            + transferId(3) + " 280000 → 400000 kg, " + transferId(4) + " 420000 → 500000 kg; "
                            + transferId(3) + " starts at 280000 kg, overlapping the previous shipments by 20000 kg; "
                            + transferId(4) + " starts at 420000 kg, leaving a gap of 20000 kg after the previous "
                            + "shipments");
        }

        @Test
        void shipping_beyond_the_batch_quantity_fails_and_cannot_be_allocated() {
            JsonObject bundle = JsonEdit.set(VALID, transfer(4) + ".quantity.amount", "100");
            bundle = JsonEdit.set(bundle, batch(PELLETS) + ".batch.shipped.amount", "520000");
            VerificationReport report = verify(bundle);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "transfer.allocation transfer " + transferId(4),
                    "mass-balance.within-quantity batch " + PELLETS);
            assertThat(check(report, CheckIds.MASS_BALANCE_WITHIN_QUANTITY, Subject.batch(PELLETS)).evidence())
                    .isEqualTo("shipments reach 520000 kg, stored shipped 520000 kg > quantity 500 t (500000 kg)");
            assertThat(check(report, CheckIds.TRANSFER_ALLOCATION, transferSubject(4)).evidence()).contains(
                    "quantity \"100 t\": shipping it would raise the total shipped from the batch to 520000 kg, above "
                            + "its quantity 500 t (500000 kg); already shipped 420000 kg, remaining 80000 kg");
        }

        @Test
        void shipment_left_out_of_the_bundle_fails_the_shipped_total() {
            VerificationReport report = verify(JsonEdit.remove(VALID, transfer(4)));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "mass-balance.shipped-total batch " + PELLETS);
            assertThat(check(report, CheckIds.MASS_BALANCE_SHIPPED_TOTAL, Subject.batch(PELLETS)).evidence())
                    .isEqualTo("shipments end at 420000 kg vs stored shipped 500000 kg");
        }

        @Test
        void shipment_left_out_in_the_middle_leaves_a_gap() {
            VerificationReport report = verify(JsonEdit.remove(VALID, transfer(2)));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "mass-balance.contiguous batch " + PELLETS);
            assertThat(check(report, CheckIds.MASS_BALANCE_CONTIGUOUS, Subject.batch(PELLETS)).evidence()).endsWith(
                    transferId(3) + " starts at 300000 kg, leaving a gap of 140000 kg after the previous shipments");
        }
    }

    @Nested
    class Attestations {

        final Subject washersAttestation = Subject.attestation(new LedgerId(ATTESTATION_WASHERS));

        @Test
        void left_out_they_let_an_honest_unattested_chain_pass_and_a_tampered_one_still_fail() {
            JsonObject unattested = JsonEdit.remove(VALID, attestation(WASHERS, ATTESTATION_WASHERS));
            Verifier preAttestation = Verifier.builder().attestations(false).build();
            assertThat(verify(unattested).verdictFailures()).extracting(VerifierTest::name)
                    .containsExactly("batch.attested batch " + WASHERS);

            VerificationReport honest = preAttestation.verify(ProofBundle.fromJson(unattested), COLLECTED_AT);
            JsonObject tampered = JsonEdit.set(unattested, record(PELLETS, 101) + ".record.activity.amount", "1100000");
            VerificationReport broken = preAttestation.verify(ProofBundle.fromJson(tampered), COLLECTED_AT);

            assertThat(honest.verdict()).isEqualTo(Verdict.PASS);
            assertThat(honest.checks()).noneMatch(c -> c.category() == CheckCategory.ATTESTATIONS)
                    .hasSize(verify(unattested).checks().stream()
                            .filter(c -> c.category() != CheckCategory.ATTESTATIONS).toList().size());
            assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(failed(broken)).contains("record.signature record " + recordId(101));
        }

        @Test
        void attestation_of_a_stale_seal_does_not_count_and_leaves_the_root_unattested() {
            VerificationReport report = verify(JsonEdit.set(VALID, attestation(WASHERS, ATTESTATION_WASHERS)
                    + ".sealHash", PELLETS_SEAL));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "attestation.seal attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS);
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactly("batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.ATTESTATION_SEAL, washersAttestation).evidence()).isEqualTo(
                    "attested seal hash " + PELLETS_SEAL + " vs current seal hash of " + WASHERS + " " + WASHERS_SEAL);
            Check root = check(report, CheckIds.BATCH_ATTESTED, Subject.batch(WASHERS));
            assertThat(root.evidence()).isEqualTo("unattested: none of 1 counts (" + ATTESTATION_WASHERS
                    + " fails attestation.seal)");
            assertThat(root.message()).isEqualTo("the root batch is unattested: no VERIFIED attestation by a current "
                    + "certifier covers its current seal at " + COLLECTED_AT);
        }

        @Test
        void attestations_by_an_organization_that_lost_the_certifier_role_do_not_count() {
            VerificationReport report = verify(JsonEdit.remove(VALID, "certifiers[mspId=CertCoMSP]"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "attestation.certifier attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS,
                    "attestation.certifier attestation " + ATTESTATION_COIL,
                    "batch.attested batch " + COIL_7);
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactly("batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.ATTESTATION_CERTIFIER, washersAttestation).evidence())
                    .isEqualTo("CertCoMSP is not among the CERTIFIER holders at collection " + COLLECTED_AT + ": none");
        }

        @Test
        void expired_attestation_does_not_count() {
            VerificationReport report = verify(JsonEdit.set(VALID, attestation(WASHERS, ATTESTATION_WASHERS)
                    + ".validUntil", "2027-01-01T00:00:00Z"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "attestation.validity attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS);
            Check c = check(report, CheckIds.ATTESTATION_VALIDITY, washersAttestation);
            assertThat(c.evidence()).isEqualTo("validFrom 2026-12-10T00:00:00Z, verification time " + COLLECTED_AT
                    + ", validUntil 2027-01-01T00:00:00Z");
            assertThat(c.message()).isEqualTo("the attestation expired before the verification time");
        }

        @Test
        void verifying_before_an_attestation_is_valid_leaves_the_root_unattested() {
            VerificationReport report = verify(VALID, Instant.parse("2026-12-09T00:00:00Z"));
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactly("batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.ATTESTATION_VALIDITY, washersAttestation).message())
                    .isEqualTo("the attestation is not valid yet at the verification time");
        }

        @Test
        void root_without_attestations_is_unattested() {
            VerificationReport report = verify(JsonEdit.set(VALID, batch(WASHERS) + ".attestations", JsonArray.of()));
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly("batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.BATCH_ATTESTED, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("unattested: no attestations");
        }

        @Test
        void rejected_verdict_does_not_count() {
            VerificationReport report = verify(JsonEdit.set(VALID, attestation(WASHERS, ATTESTATION_WASHERS)
                    + ".verdict", "REJECTED"));
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly(
                    "attestation.verdict attestation " + ATTESTATION_WASHERS,
                    "batch.attested batch " + WASHERS);
        }

        @Test
        void rejected_verdict_of_the_current_seal_within_its_validity_fails_the_verification() {
            VerificationReport report = verify(JsonEdit.set(VALID, attestation(WASHERS, ATTESTATION_WASHERS)
                    + ".verdict", "REJECTED"));
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactly("batch.attested batch " + WASHERS);
            assertThat(check(report, CheckIds.ATTESTATION_SEAL, washersAttestation).passed()).isTrue();
            assertThat(check(report, CheckIds.ATTESTATION_CERTIFIER, washersAttestation).passed()).isTrue();
            assertThat(check(report, CheckIds.ATTESTATION_VALIDITY, washersAttestation).passed()).isTrue();
            assertThat(check(report, CheckIds.BATCH_ATTESTED, Subject.batch(WASHERS)).evidence())
                    .isEqualTo("unattested: none of 1 counts (" + ATTESTATION_WASHERS + " fails attestation.verdict)");
        }

        @Test
        void stale_attestation_beside_a_counting_one_is_reported_without_failing() {
            String id = "40000000-0000-4000-8000-000000000003";
            String tx = Sha256.of("second attestation").toHex();
            JsonObject bundle = JsonEdit.update(VALID, batch(WASHERS) + ".attestations", array -> {
                JsonObject first = (JsonObject) ((JsonArray) array).get(0);
                JsonObject second = first.without("attestationId").without("sealHash").without("txId")
                        .with("attestationId", JsonString.of(id)).with("sealHash", JsonString.of(PANELS_SEAL))
                        .with("txId", JsonString.of(tx));
                return JsonArray.of(first, second);
            });
            VerificationReport report = verify(withTransaction(bundle, tx, 90, "VALID"));
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(failedBesidesUpstreamAttestation(report)).containsExactly("attestation.seal attestation " + id);
            assertThat(check(report, CheckIds.BATCH_ATTESTED, Subject.batch(WASHERS)).evidence())
                    .startsWith("counting: " + ATTESTATION_WASHERS + " by CertCoMSP (ISO 14067, REASONABLE");
        }
    }

    /**
     * ApplianceCo verifies its washing machines: it may read the records of its own panels and washers, while
     * SteelCo's pellets and coil it sees only as sealed commitments, shipments and attestations.
     */
    @Nested
    class UndisclosedRecords {

        static final String APPLIANCECO = WorkedExampleBundle.APPLIANCECO;
        static final String ATTESTATION_PELLETS = "40000000-0000-4000-8000-000000000003";
        static final List<String> NEED_RECORDS = List.of(CheckIds.SEAL_FOOTPRINT, CheckIds.SEAL_BREAKDOWN,
                CheckIds.SEAL_PER_UNIT, CheckIds.SEAL_MERKLE_ROOT, CheckIds.SEAL_COUNTS);

        static JsonObject collectedByApplianceCo(boolean pelletsAttested) {
            SimulatedLedger l = WorkedExampleBundle.ledger();
            if (pelletsAttested) {
                l.at("2026-12-12T10:00:00Z").attest(ATTESTATION_PELLETS, WorkedExampleBundle.CERTCO, PELLETS,
                        "VERIFIED", "ISO 14067", "LIMITED", "2026-12-12T00:00:00Z", "2027-12-12T00:00:00Z",
                        "Pellet plant metering and furnace gases reviewed");
            }
            CollectionInfo info = new CollectionInfo("carbon", "carbonledger", APPLIANCECO,
                    "peer-applianceco 127.0.0.1:8051", COLLECTED_AT);
            return l.collect(WASHERS, info).toJson();
        }

        static final JsonObject ATTESTED = collectedByApplianceCo(true);

        static List<String> attested(VerificationReport report) {
            return report.attestedChecks().stream().map(VerifierTest::name).toList();
        }

        static List<String> attestedFor(BatchId... batches) {
            List<String> names = new ArrayList<>();
            for (BatchId b : batches) {
                NEED_RECORDS.forEach(id -> names.add(id + " batch " + b));
            }
            return names;
        }

        @Test
        void the_collector_bundles_other_producers_batches_without_records_and_says_so() {
            ProofBundle bundle = ProofBundle.fromJson(ATTESTED);
            assertThat(bundle.batch(PELLETS).orElseThrow().recordsDisclosed()).isFalse();
            assertThat(bundle.batch(COIL_7).orElseThrow().recordsDisclosed()).isFalse();
            assertThat(bundle.batch(PELLETS).orElseThrow().records()).isEmpty();
            assertThat(bundle.batch(PANELS).orElseThrow().records()).hasSize(2);
            assertThat(bundle.batch(WASHERS).orElseThrow().recordsDisclosed()).isTrue();
            JsonObject pellets = (JsonObject) ((JsonArray) ATTESTED.get("batches").orElseThrow()).elements().stream()
                    .filter(e -> ((JsonObject) e).get("batch").orElseThrow().toString().contains("PEL-2026-09"))
                    .findFirst().orElseThrow();
            assertThat(pellets.names()).containsExactlyInAnyOrder("batch", "recordsDisclosed", "attestations");
            assertThat(ProofBundle.fromJson(Jcs.canonicalize(ATTESTED)).toJson()).isEqualTo(ATTESTED);
            // SteelCo's device keys and factors are not needed, so not collected either.
            assertThat(bundle.devices().keySet()).allMatch(d -> d.ownerMspId().equals(APPLIANCECO));
        }

        @Test
        void not_disclosed_but_attested_upstream_batches_pass_resting_on_their_attestations() {
            VerificationReport report = verify(ATTESTED);
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(attested(report)).containsExactlyInAnyOrderElementsOf(attestedFor(COIL_7, PELLETS));
            assertThat(report.attestedChecks()).allMatch(Check::passed).allMatch(Check::required);
            Check footprint = check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(PELLETS));
            assertThat(footprint.basis()).isEqualTo(Basis.ATTESTED);
            assertThat(footprint.evidence()).startsWith("records of " + PELLETS + " (SteelCoMSP) not disclosed to "
                    + APPLIANCECO + "; sealed footprint total ").contains("attested by " + ATTESTATION_PELLETS
                    + " by CertCoMSP (ISO 14067, LIMITED)");
            assertThat(footprint.message()).contains("rests on the attestation");
            assertThat(VerificationReport.fromJson(report.toJson())).isEqualTo(report);
            assertThat(((JsonObject) report.toJson().get("summary").orElseThrow()).get("attested").orElseThrow()
                    .toString()).isEqualTo("10");
        }

        @Test
        void disclosed_batches_and_checks_that_need_no_records_stay_recomputed() {
            VerificationReport report = verify(ATTESTED);
            assertThat(report.checks(CheckIds.RECORD_SIGNATURE)).extracting(c -> c.subject().id()).containsExactly(
                    recordId(401), recordId(402), recordId(403), recordId(301), recordId(302));
            for (BatchId b : List.of(WASHERS, PANELS)) {
                assertThat(check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(b)).basis())
                        .isEqualTo(Basis.RECOMPUTED);
            }
            for (String id : List.of(CheckIds.BATCH_SEALED, CheckIds.SEAL_HEADER, CheckIds.SEAL_HASH,
                    CheckIds.MASS_BALANCE_CONTIGUOUS, CheckIds.MASS_BALANCE_SHIPPED_TOTAL)) {
                Check c = check(report, id, Subject.batch(PELLETS));
                assertThat(c.basis()).as(id).isEqualTo(Basis.RECOMPUTED);
                assertThat(c.passed()).as(id).isTrue();
            }
            Check allocation = check(report, CheckIds.TRANSFER_ALLOCATION, transferSubject(5));
            assertThat(allocation.basis()).isEqualTo(Basis.RECOMPUTED);
            assertThat(allocation.passed()).isTrue();
            assertThat(report.checks().stream().filter(c -> !NEED_RECORDS.contains(c.id())))
                    .allMatch(c -> c.basis() == Basis.RECOMPUTED);
        }

        @Test
        void not_disclosed_and_not_attested_fails_naming_the_batch() {
            VerificationReport report = verify(collectedByApplianceCo(false));
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactlyElementsOf(attestedFor(PELLETS));
            Check footprint = check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(PELLETS));
            assertThat(footprint.message()).isEqualTo("not disclosed and not attested: nothing confirms the sealed "
                    + "footprint of batch " + PELLETS);
            assertThat(footprint.evidence()).endsWith("no attestation that counts covers seal " + PELLETS_SEAL
                    + " at " + COLLECTED_AT);
            // The coil is SteelCo's too, but CertCo attested it: it still passes on that attestation.
            assertThat(check(report, CheckIds.SEAL_FOOTPRINT, Subject.batch(COIL_7)).passed()).isTrue();
        }

        @Test
        void not_disclosed_with_an_attestation_of_an_older_seal_fails() {
            JsonObject stale = JsonEdit.set(ATTESTED, attestation(PELLETS, ATTESTATION_PELLETS) + ".sealHash",
                    Sha256.of("the pellets' seal before a reseal").toHex());
            VerificationReport report = verify(stale);
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsExactlyElementsOf(attestedFor(PELLETS));
            assertThat(check(report, CheckIds.ATTESTATION_SEAL, Subject.attestation(new LedgerId(ATTESTATION_PELLETS)))
                    .passed()).isFalse();
        }

        @Test
        void not_disclosed_with_an_expired_attestation_fails() {
            VerificationReport report = verify(ATTESTED, Instant.parse("2027-12-13T00:00:00Z"));
            assertThat(report.verdictFailures()).extracting(VerifierTest::name)
                    .containsAll(attestedFor(PELLETS, COIL_7));
        }

        @Test
        void a_one_byte_change_to_a_disclosed_record_still_fails() {
            String path = record(WASHERS, 401) + ".record.activity.amount";
            assertThat(string(ATTESTED, path)).isEqualTo("15000");
            VerificationReport report = verify(JsonEdit.set(ATTESTED, path, "15001"));
            assertThat(report.verdictFailures()).extracting(VerifierTest::name).contains(
                    "record.signature " + recordSubject(401), "record.content-hash " + recordSubject(401),
                    "record.co2e " + recordSubject(401));
            assertThat(report.verdictFailures()).allMatch(c -> c.basis() == Basis.RECOMPUTED);
        }

        @Test
        void records_missing_without_the_marker_are_recomputed_and_fail() {
            // An old-style bundle that leaves a batch's records out without saying they were withheld.
            VerificationReport report = verify(JsonEdit.set(VALID, batch(PELLETS) + ".records", JsonArray.of()));
            assertThat(report.attestedChecks()).isEmpty();
            assertThat(report.verdictFailures()).extracting(VerifierTest::name).containsAll(List.of(
                    "seal.footprint batch " + PELLETS, "seal.merkle-root batch " + PELLETS,
                    "seal.counts batch " + PELLETS));
        }

        @Test
        void a_certifier_the_owners_designated_recomputes_everything() {
            VerificationReport report = verify(VALID);
            assertThat(report.attestedChecks()).isEmpty();
            assertThat(report.checks(CheckIds.RECORD_SIGNATURE)).hasSize(11);
        }
    }

    @Nested
    class Reports {

        final VerificationReport failing = verify(JsonEdit.set(VALID, batch(WASHERS) + ".attestations",
                JsonArray.of()));

        @Test
        void round_trip_through_json() {
            JsonObject json = failing.toJson();
            assertThat(VerificationReport.fromJson(json)).isEqualTo(failing);
            assertThat(VerificationReport.fromJson(Jcs.canonicalString(json))).isEqualTo(failing);
        }

        @Test
        void summarize_checks_by_category() {
            JsonObject summary = (JsonObject) failing.toJson().get("summary").orElseThrow();
            assertThat(summary.get("checks").orElseThrow().toString()).isEqualTo("234");
            assertThat(summary.get("failed").orElseThrow().toString()).isEqualTo("3");
            assertThat(summary.get("failedRequired").orElseThrow().toString()).isEqualTo("1");
        }

        @Test
        void refuse_a_summary_that_does_not_match_the_checks() {
            JsonObject tampered = JsonEdit.set(failing.toJson(), "summary.failed",
                    org.carbonledger.core.json.JsonNumber.of(0));
            assertThatThrownBy(() -> VerificationReport.fromJson(tampered))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MISMATCH);
                        assertThat(e.getMessage()).isEqualTo("summary: does not match the checks");
                    });
        }

        @Test
        void refuse_a_verdict_that_does_not_follow_from_the_checks() {
            assertThatThrownBy(() -> new VerificationReport(failing.bundleSha256(), WASHERS, COLLECTED_AT,
                    Verdict.PASS, failing.checks(), failing.transactionsToCheck()))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("verdict \"PASS\": the checks give FAIL"));
        }

        @Test
        void take_online_checks_and_recompute_the_verdict() {
            VerificationReport passing = verify(VALID);
            String tx = passing.transactionsToCheck().first();
            VerificationReport online = passing.withChecks(List.of(Check.required(CheckIds.TRANSACTION_COMMITTED,
                    CheckCategory.TRANSACTIONS, Subject.transaction(tx), false,
                    "peer peer-steelco reports no transaction " + tx, "the transaction is not on the ledger")));
            assertThat(passing.verdict()).isEqualTo(Verdict.PASS);
            assertThat(online.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(online.checks()).hasSize(passing.checks().size() + 1);
        }
    }

    @Nested
    class LongChains {

        @Test
        void five_tier_synthetic_chain_passes_sequentially_and_in_parallel() {
            ProofBundle bundle = SyntheticChain.build(5, 30);
            VerificationReport parallel = Verifier.newInstance().verify(bundle, SyntheticChain.COLLECTED_AT);
            VerificationReport sequential = Verifier.builder().parallel(false).build()
                    .verify(bundle, SyntheticChain.COLLECTED_AT);
            assertThat(parallel.verdict()).isEqualTo(Verdict.PASS);
            assertThat(parallel).isEqualTo(sequential);
            Set<String> tiers = new TreeSet<>();
            parallel.checks(CheckIds.BATCH_SEALED).forEach(c -> tiers.add(c.subject().id()));
            assertThat(tiers).hasSize(5);
            assertThat(parallel.checks(CheckIds.RECORD_SIGNATURE)).hasSize(150).allMatch(Check::passed);
        }
    }
}
