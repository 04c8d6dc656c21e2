package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verification status the passport shows, from the ledger state of the worked example's washing machines
 * (their attestation by CertCo is valid from 2026-12-10 to 2027-12-10), without a database.
 */
class PassportVerificationTest {
    static final ProofBundle BUNDLE = WorkedExampleReadModel.bundle();
    static final StoredAttestation VERIFIED =
            BUNDLE.batch(WorkedExampleReadModel.WASHERS).orElseThrow().attestations().get(0);
    static final Instant WITHIN = Instant.parse("2027-01-15T09:30:00Z");

    static FootprintFacts washers(List<StoredAttestation> attestations, Set<String> certifiers) {
        List<StoredBatch> batches = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        for (BundledBatch b : BUNDLE.batches().values()) {
            batches.add(b.batch());
            records.addAll(b.records());
        }
        Provenance provenance = Provenance.of(WorkedExampleReadModel.WASHERS, batches, records,
                BUNDLE.transfers().values(), BUNDLE.factors());
        JsonObject product = JsonObject.builder().put("gtin", WorkedExampleReadModel.WASHERS.gtin().value())
                .put("name", "Washing machine").put("declaredUnit", "piece").build();
        JsonObject producer = JsonObject.builder().put("mspId", "ApplianceCoMSP").put("displayName", "ApplianceCo")
                .put("public", true).build();
        return new FootprintFacts(provenance, product, Map.of("ApplianceCoMSP", producer), attestations, certifiers);
    }

    private static Passport.Verification verification(StoredAttestation a, Set<String> certifiers, Instant now) {
        DigitalLink link = DigitalLink.of("https://passport.example.com", WorkedExampleReadModel.WASHERS);
        return Passport.of(link, washers(List.of(a), certifiers), now).verification();
    }

    private static StoredAttestation rejected() {
        return StoredAttestation.fromJson(VERIFIED.json().without("verdict").with("verdict", JsonString.of("REJECTED")),
                "attestation");
    }

    @Test
    void a_verified_attestation_by_a_certifier_within_its_validity_shows_verified() {
        Passport.Verification v = verification(VERIFIED, Set.of("CertCoMSP"), WITHIN);

        assertThat(v.status()).isEqualTo("VERIFIED");
        assertThat(v.attestation()).contains(VERIFIED);
        assertThat(v.certifier()).contains("CertCoMSP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T00:00:00Z", "2027-01-15T09:30:00Z", "2028-01-01T00:00:00Z"})
    void a_rejected_attestation_never_shows_as_verified_nor_as_pending_or_expired(String now) {
        Passport.Verification v = verification(rejected(), Set.of("CertCoMSP"), Instant.parse(now));

        assertThat(v.status()).isEqualTo("NOT_VERIFIED");
        assertThat(v.attestation()).isEmpty();
    }

    @Test
    void an_attestation_before_its_validity_shows_not_yet_valid_and_after_it_expired() {
        assertThat(verification(VERIFIED, Set.of("CertCoMSP"), Instant.parse("2026-12-09T23:59:59Z")).status())
                .isEqualTo("NOT_YET_VALID");
        assertThat(verification(VERIFIED, Set.of("CertCoMSP"), Instant.parse("2027-12-10T00:00:00Z")).status())
                .isEqualTo("EXPIRED");
    }

    @Test
    void an_attestation_by_an_organization_without_the_certifier_role_shows_not_verified() {
        assertThat(verification(VERIFIED, Set.of(), WITHIN).status()).isEqualTo("NOT_VERIFIED");
    }
}
