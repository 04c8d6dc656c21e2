package org.carbonledger.core.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.attestation.AttestationStanding.Validity;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which attestation counts, on the washers' attestation of the worked example (valid 2026-12-10 to 2027-12-10). */
class AttestationStandingTest {
    private static final ProofBundle BUNDLE = ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));
    private static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");
    private static final BatchId PANELS = BatchId.of("09506000134383", "PNL-2611-A");
    private static final StoredBatch BATCH = BUNDLE.batch(WASHERS).orElseThrow().batch();
    private static final StoredAttestation VERIFIED = BUNDLE.batch(WASHERS).orElseThrow().attestations().get(0);
    private static final Set<String> CERTIFIERS = Set.of("CertCoMSP");
    private static final Instant WITHIN = Instant.parse("2027-01-15T09:30:00Z");

    private static StoredAttestation with(String member, String value) {
        JsonObject json = VERIFIED.json().without(member).with(member, JsonString.of(value));
        return StoredAttestation.fromJson(json, "attestation");
    }

    private static AttestationStanding standing(StoredAttestation a) {
        return AttestationStanding.of(a, BATCH, CERTIFIERS::contains);
    }

    @Test
    void a_verified_attestation_of_the_current_seal_by_a_certifier_counts_within_its_validity() {
        AttestationStanding s = standing(VERIFIED);

        assertThat(s.countsAt(WITHIN)).isTrue();
        assertThat(s.countsWhenValid()).isTrue();
        assertThat(s.whyNotAt(WITHIN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-10T00:00:00Z", "2027-01-15T09:30:00Z", "2027-12-09T23:59:59.999999999Z"})
    void a_rejected_verdict_never_counts(String at) {
        AttestationStanding s = standing(with("verdict", "REJECTED"));

        assertThat(s.countsAt(Instant.parse(at))).isFalse();
        assertThat(s.countsWhenValid()).isFalse();
        assertThat(s.verified()).isFalse();
        assertThat(s.coversCurrentSeal()).isTrue();
        assertThat(s.certifierHoldsRole()).isTrue();
        assertThat(s.whyNotAt(Instant.parse(at))).contains("its verdict is REJECTED, not VERIFIED");
    }

    @Test
    void an_attestation_of_another_seal_does_not_count() {
        AttestationStanding s = standing(with("sealHash", "0".repeat(64)));

        assertThat(s.coversCurrentSeal()).isFalse();
        assertThat(s.countsAt(WITHIN)).isFalse();
        assertThat(s.whyNotAt(WITHIN)).contains("covers a seal that is not the batch's current seal");
    }

    @Test
    void an_attestation_of_the_same_seal_hash_on_another_batch_does_not_count() {
        StoredBatch panels = BUNDLE.batch(PANELS).orElseThrow().batch();
        AttestationStanding s = AttestationStanding.of(
                with("sealHash", panels.sealHash().orElseThrow().toHex()), panels, CERTIFIERS::contains);

        assertThat(s.coversCurrentSeal()).isFalse();
    }

    @Test
    void an_unsealed_batch_has_no_current_seal_to_cover() {
        JsonObject open = BATCH.json().without("seal").without("sealHash").without("sealedAt").without("sealTxId")
                .without("status").with("status", JsonString.of(StoredBatch.OPEN));
        AttestationStanding s = AttestationStanding.of(VERIFIED, StoredBatch.fromJson(open, "batch"),
                CERTIFIERS::contains);

        assertThat(s.coversCurrentSeal()).isFalse();
    }

    @Test
    void an_attestation_by_an_organization_without_the_certifier_role_does_not_count() {
        AttestationStanding s = AttestationStanding.of(VERIFIED, BATCH, msp -> false);

        assertThat(s.certifierHoldsRole()).isFalse();
        assertThat(s.countsAt(WITHIN)).isFalse();
        assertThat(s.whyNotAt(WITHIN)).contains("CertCoMSP no longer holds the CERTIFIER role");
    }

    @Test
    void validity_includes_its_first_instant_and_excludes_its_end() {
        AttestationStanding s = standing(VERIFIED);

        assertThat(s.validityAt(Instant.parse("2026-12-09T23:59:59Z"))).isEqualTo(Validity.NOT_YET_VALID);
        assertThat(s.validityAt(Instant.parse("2026-12-10T00:00:00Z"))).isEqualTo(Validity.VALID);
        assertThat(s.validityAt(Instant.parse("2027-12-09T23:59:59Z"))).isEqualTo(Validity.VALID);
        assertThat(s.validityAt(Instant.parse("2027-12-10T00:00:00Z"))).isEqualTo(Validity.EXPIRED);
        assertThat(s.countsAt(Instant.parse("2027-12-10T00:00:00Z"))).isFalse();
        assertThat(s.countsWhenValid()).isTrue();
        assertThat(s.whyNotAt(Instant.parse("2027-12-10T00:00:00Z"))).contains("outside its validity period");
    }

    @Test
    void the_reason_given_is_the_first_failing_condition_verdict_seal_certifier_validity() {
        StoredAttestation everythingWrong = StoredAttestation.fromJson(VERIFIED.json()
                .without("verdict").with("verdict", JsonString.of("REJECTED"))
                .without("sealHash").with("sealHash", JsonString.of("0".repeat(64))), "a");
        Instant expired = Instant.parse("2030-01-01T00:00:00Z");

        assertThat(AttestationStanding.of(everythingWrong, BATCH, msp -> false).whyNotAt(expired))
                .contains("its verdict is REJECTED, not VERIFIED");
        assertThat(AttestationStanding.of(with("sealHash", "0".repeat(64)), BATCH, msp -> false).whyNotAt(expired))
                .contains("covers a seal that is not the batch's current seal");
        assertThat(AttestationStanding.of(VERIFIED, BATCH, msp -> false).whyNotAt(expired))
                .contains("CertCoMSP no longer holds the CERTIFIER role");
    }
}
