package org.carbonledger.client.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.Basis;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckIds;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.Subject;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The collector and the online checks against a peer that keeps records private as the chaincode does: they bundle
 * what the caller may read, mark the rest as not disclosed, and never fail on that refusal alone.
 */
class ProofBundleCollectorTest {
    static final String STEELCO = "SteelCoMSP";
    static final String APPLIANCECO = "ApplianceCoMSP";
    static final String CERTCO = "CertCoMSP";
    static final BatchId PELLETS = BatchId.of("09506000134376", "PEL-2026-09");
    static final BatchId COIL_7 = BatchId.of("09506000134352", "COIL-7");
    static final BatchId PANELS = BatchId.of("09506000134383", "PNL-2611-A");
    static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");
    /** When the worked example's attestations are valid. */
    static final Instant AT = Instant.parse("2027-01-15T09:30:00Z");

    /** The whole worked example as the ledger holds it (CertCo, designated by both producers, collected it). */
    static final ProofBundle LEDGER = fixture();

    private static ProofBundle fixture() {
        try (InputStream in = ProofBundleCollectorTest.class.getResourceAsStream(
                "/fixtures/verify/worked-example.bundle.json")) {
            return ProofBundle.fromJson(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProofBundle collect(BundleLedger peer, BatchId root) {
        return new ProofBundleCollectorImpl(new PeerReader(peer), 2).collect(root);
    }

    static BundleLedger designatedByBoth(String caller) {
        return new BundleLedger(LEDGER, caller).designate(STEELCO, CERTCO).designate(APPLIANCECO, CERTCO);
    }

    @Nested
    class Collecting {

        @Test
        void a_certifier_both_producers_designated_collects_every_record() {
            ProofBundle bundle = collect(designatedByBoth(CERTCO), WASHERS);
            assertThat(bundle.batches()).isEqualTo(LEDGER.batches());
            assertThat(bundle.transfers()).isEqualTo(LEDGER.transfers());
            assertThat(bundle.devices()).isEqualTo(LEDGER.devices());
            assertThat(bundle.factors()).isEqualTo(LEDGER.factors());
            assertThat(bundle.transactions()).isEqualTo(LEDGER.transactions());
            assertThat(bundle.collection().mspId()).isEqualTo(CERTCO);
        }

        @Test
        void a_customer_bundles_its_suppliers_batches_without_records_instead_of_failing() {
            BundleLedger peer = designatedByBoth(APPLIANCECO);
            ProofBundle bundle = collect(peer, WASHERS);
            assertThat(peer.refused()).containsExactlyInAnyOrder(PELLETS, COIL_7);
            assertThat(bundle.batches().keySet()).isEqualTo(LEDGER.batches().keySet());
            for (BatchId steel : List.of(PELLETS, COIL_7)) {
                BundledBatch b = bundle.batch(steel).orElseThrow();
                assertThat(b.recordsDisclosed()).as(steel.key()).isFalse();
                assertThat(b.records()).isEmpty();
                assertThat(b.batch()).isEqualTo(LEDGER.batch(steel).orElseThrow().batch());
                assertThat(b.attestations()).isEqualTo(LEDGER.batch(steel).orElseThrow().attestations());
            }
            for (BatchId own : List.of(PANELS, WASHERS)) {
                assertThat(bundle.batch(own).orElseThrow()).isEqualTo(LEDGER.batch(own).orElseThrow());
            }
            // Public states are all there: every shipment, for allocations and mass balance.
            assertThat(bundle.transfers()).isEqualTo(LEDGER.transfers());
            assertThat(bundle.devices().keySet()).allMatch(d -> d.ownerMspId().equals(APPLIANCECO));
        }

        @Test
        void a_customer_verifies_on_attestations_where_it_may_not_read() {
            ProofBundle bundle = collect(designatedByBoth(APPLIANCECO), WASHERS);
            VerificationReport report = Verifier.newInstance().verify(bundle, AT);
            // CertCo attested the coil, nobody the pellets: the pellets' footprint is neither disclosed nor attested.
            assertThat(report.verdictFailures()).extracting(c -> c.id() + " " + c.subject()).containsExactly(
                    "seal.footprint batch " + PELLETS, "seal.breakdown batch " + PELLETS,
                    "seal.per-unit batch " + PELLETS, "seal.merkle-root batch " + PELLETS,
                    "seal.counts batch " + PELLETS);
            assertThat(report.attestedChecks()).hasSize(10).allMatch(c -> c.basis() == Basis.ATTESTED);
            assertThat(report.attestedChecks().stream().filter(c -> c.subject().equals(Subject.batch(COIL_7))))
                    .hasSize(5).allMatch(Check::passed);
            assertThat(report.checks(CheckIds.SEAL_FOOTPRINT).stream()
                    .filter(c -> c.subject().equals(Subject.batch(WASHERS)))).singleElement()
                    .satisfies(c -> assertThat(c.basis()).isEqualTo(Basis.RECOMPUTED));
        }

        @Test
        void a_certifier_one_producer_did_not_designate_reads_only_the_others_records() {
            BundleLedger peer = new BundleLedger(LEDGER, CERTCO).designate(APPLIANCECO, CERTCO);
            ProofBundle bundle = collect(peer, WASHERS);
            assertThat(peer.refused()).containsExactlyInAnyOrder(PELLETS, COIL_7);
            assertThat(bundle.batch(PANELS).orElseThrow().recordsDisclosed()).isTrue();
            assertThat(bundle.batch(COIL_7).orElseThrow().recordsDisclosed()).isFalse();
        }

        @Test
        void a_read_that_fails_for_another_reason_still_fails_the_collection() {
            BundleLedger peer = designatedByBoth(CERTCO).unreachableFor(PANELS);
            assertThatThrownBy(() -> collect(peer, WASHERS)).isInstanceOfSatisfying(LedgerReadException.class,
                    e -> assertThat(e.refusal()).isEmpty());
        }

        @Test
        void an_unknown_root_is_refused_not_found() {
            assertThatThrownBy(() -> collect(designatedByBoth(CERTCO), BatchId.of("09506000134390", "NO-SUCH-LOT")))
                    .isInstanceOfSatisfying(LedgerReadException.class, e -> assertThat(e.refusal()
                            .map(LedgerRefusal::code)).contains(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class CheckingOnline {

        static List<Check> online(BundleLedger peer, ProofBundle bundle) {
            return new OnlineVerifierImpl(new PeerReader(peer), 2).check(bundle);
        }

        @Test
        void a_customers_bundle_checks_against_its_own_peer_without_asking_for_undisclosed_records() {
            BundleLedger peer = designatedByBoth(APPLIANCECO);
            ProofBundle bundle = collect(peer, WASHERS);
            List<Check> checks = online(designatedByBoth(APPLIANCECO), bundle);
            assertThat(checks).isNotEmpty().allMatch(Check::passed);
        }

        @Test
        void records_the_checking_organization_may_not_read_are_reported_without_failing() {
            ProofBundle bundle = collect(designatedByBoth(CERTCO), WASHERS);
            List<Check> checks = online(new BundleLedger(LEDGER, APPLIANCECO), bundle);
            List<Check> refused = checks.stream().filter(c -> !c.passed()).toList();
            assertThat(refused).extracting(c -> c.subject()).containsExactlyInAnyOrder(Subject.batch(PELLETS),
                    Subject.batch(COIL_7));
            assertThat(refused).allMatch(c -> !c.required() && c.id().equals(OnlineVerifier.STATE_ON_LEDGER))
                    .allMatch(c -> c.evidence().contains("(NOT_DESIGNATED)"));
            // The disclosed records it may read are still compared with the ledger's, one by one.
            assertThat(checks.stream().filter(c -> c.subject().kind() == Subject.Kind.RECORD)).hasSize(5)
                    .allMatch(Check::passed);
        }
    }
}
