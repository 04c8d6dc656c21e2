package org.carbonledger.core.pact;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;

/**
 * Everything the ledger holds about one sealed batch that its product footprint declaration shows: the batch with its
 * seal, its product, the organizations' public profiles, the certifiers' attestations and the upstream provenance.
 * All of it is ledger state as the chaincode stores it, so the same ledger state always yields the same declaration.
 *
 * @param provenance the batch's provenance (its root is the batch)
 * @param product the product state ({@code PRODUCT/<gtin>}: gtin, name, declaredUnit, description, ownerMspId, …)
 * @param organizations organization profiles ({@code ORG/<msp>}: mspId, displayName, public, website, …) by MSP id;
 *     must include the batch owner; certifiers without a profile are named by their MSP id
 * @param attestations the batch's attestations, as stored
 * @param certifiers the MSP ids that hold the CERTIFIER role now
 */
public record FootprintFacts(Provenance provenance, JsonObject product, Map<String, JsonObject> organizations,
                             List<StoredAttestation> attestations, Set<String> certifiers) {

    /** Checks that every part belongs to the batch. */
    public FootprintFacts {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(product, "product");
        organizations = Map.copyOf(new TreeMap<>(Objects.requireNonNull(organizations, "organizations")));
        attestations = List.copyOf(Objects.requireNonNull(attestations, "attestations"));
        certifiers = Set.copyOf(new TreeSet<>(Objects.requireNonNull(certifiers, "certifiers")));
        StoredBatch batch = provenance.rootBatch();
        String gtin = JsonObjectReader.of(product, "product").requireString("gtin");
        if (!gtin.equals(batch.id().gtin().value())) {
            throw LedgerRuleException.of(ErrorCode.MISMATCH, "product.gtin", gtin,
                    "is not the product of batch " + batch.id());
        }
        if (!organizations.containsKey(batch.ownerMspId())) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "organizations", batch.ownerMspId(),
                    "the profile of the batch owner was not given");
        }
        for (StoredAttestation a : attestations) {
            if (!a.batch().equals(batch.id())) {
                throw LedgerRuleException.of(ErrorCode.MISMATCH, "attestations", a.attestationId().value(),
                        "attests batch " + a.batch() + ", not " + batch.id());
            }
        }
    }

    /** @return the sealed batch */
    public StoredBatch batch() {
        return provenance.rootBatch();
    }

    /**
     * The standing of every attestation of the batch (core's one definition of which attestation counts), judged
     * against the batch's current seal and the organizations that hold the CERTIFIER role now. Newest first (then
     * by id).
     *
     * @return the standings
     */
    public List<AttestationStanding> standings() {
        return attestations.stream()
                .map(a -> AttestationStanding.of(a, batch(), certifiers::contains))
                .sorted(Comparator.comparing((AttestationStanding s) -> s.attestation().attestedAt()).reversed()
                        .thenComparing(s -> s.attestation().attestationId().value()))
                .toList();
    }

    /**
     * The attestations that count for the footprint as it stands on the ledger: verdict VERIFIED, on the batch's
     * current seal, by an organization that holds the CERTIFIER role. Newest first (then by id).
     * Validity dates are not applied here ({@link AttestationStanding#countsWhenValid()}): a declaration states who
     * verified what and when; a consumer view that shows the current status asks {@link #standings()} at its instant.
     *
     * @return the counting attestations
     */
    public List<StoredAttestation> countingAttestations() {
        return standings().stream()
                .filter(AttestationStanding::countsWhenValid)
                .map(AttestationStanding::attestation)
                .toList();
    }

    /**
     * @param mspId an organization
     * @return its display name, if its profile was given
     */
    public Optional<String> displayName(String mspId) {
        return Optional.ofNullable(organizations.get(mspId))
                .map(o -> JsonObjectReader.of(o, "organization").requireString("displayName"));
    }

    /**
     * @param mspId an organization
     * @return whether its owner made its identity public (profile member {@code public}); false without a profile
     */
    public boolean isPublic(String mspId) {
        JsonObject o = organizations.get(mspId);
        return o != null && JsonObjectReader.of(o, "organization").has("public")
                && JsonObjectReader.of(o, "organization").requireBoolean("public");
    }
}
