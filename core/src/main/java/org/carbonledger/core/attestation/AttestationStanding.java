package org.carbonledger.core.attestation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;

/**
 * Whether an attestation counts: the one definition the chaincode's {@code ListAttestations}, the verifier, the
 * consumer passport and the PACT declaration all apply. An attestation counts at an instant when
 * <ol>
 *   <li>its verdict is {@code VERIFIED} (a {@code REJECTED} verdict never counts),</li>
 *   <li>it covers its batch's current seal (same batch, same seal hash),</li>
 *   <li>its certifier holds the CERTIFIER role (now, or at the time the caller's question is about), and</li>
 *   <li>the instant is within its validity: {@code validFrom ≤ instant < validUntil}.</li>
 * </ol>
 * The first three do not depend on time and are decided when the standing is made; validity is asked of an instant,
 * because a declaration states who verified what while a consumer view shows whether it is in force today.
 *
 * <p>Usage:
 * <pre>{@code
 * AttestationStanding s = AttestationStanding.of(attestation, batch, certifiers::contains);
 * if (!s.countsAt(now)) {
 *     System.out.println(s.whyNotAt(now).orElseThrow());
 * }
 * }</pre>
 *
 * @param attestation the attestation as stored
 * @param verified whether its verdict is VERIFIED
 * @param coversCurrentSeal whether it names the batch and the batch's current seal hash
 * @param certifierHoldsRole whether its certifier holds the CERTIFIER role
 */
public record AttestationStanding(StoredAttestation attestation, boolean verified, boolean coversCurrentSeal,
                                  boolean certifierHoldsRole) {

    /** Where an instant lies relative to an attestation's validity dates. */
    public enum Validity {
        /** Before {@code validFrom}. */
        NOT_YET_VALID,
        /** From {@code validFrom} (inclusive) to {@code validUntil} (exclusive). */
        VALID,
        /** At or after {@code validUntil}. */
        EXPIRED
    }

    /** Null-checks the attestation. */
    public AttestationStanding {
        Objects.requireNonNull(attestation, "attestation");
    }

    /**
     * Decides the conditions that do not depend on time.
     *
     * @param attestation the attestation as stored
     * @param batch the attested batch as stored now (its {@code sealHash} is the current seal)
     * @param holdsCertifier whether an organization (MSP id) holds the CERTIFIER role at the time that matters
     * @return its standing
     */
    public static AttestationStanding of(StoredAttestation attestation, StoredBatch batch,
                                         Predicate<String> holdsCertifier) {
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(holdsCertifier, "holdsCertifier");
        boolean seal = attestation.batch().equals(batch.id())
                && batch.sealHash().map(attestation.sealHash()::equals).orElse(false);
        return new AttestationStanding(attestation, attestation.verdict().equals(StoredAttestation.VERIFIED), seal,
                holdsCertifier.test(attestation.certifierMspId()));
    }

    /**
     * @param at an instant
     * @return where it lies relative to the attestation's validity dates
     */
    public Validity validityAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.isBefore(attestation.validFrom())) {
            return Validity.NOT_YET_VALID;
        }
        return at.isBefore(attestation.validUntil()) ? Validity.VALID : Validity.EXPIRED;
    }

    /**
     * Whether the attestation counts once its validity dates are left aside: what a footprint declaration states,
     * and what a consumer view then compares with today.
     *
     * @return verdict VERIFIED, on the current seal, by a certifier holding the role
     */
    public boolean countsWhenValid() {
        return verified && coversCurrentSeal && certifierHoldsRole;
    }

    /**
     * @param at the instant of evaluation (a transaction's timestamp, a verification instant, now)
     * @return whether the attestation counts at that instant
     */
    public boolean countsAt(Instant at) {
        return countsWhenValid() && validityAt(at) == Validity.VALID;
    }

    /**
     * Why the attestation does not count, naming the first failing condition in the order verdict, seal,
     * certifier, validity.
     *
     * @param at the instant of evaluation
     * @return the reason, or empty when it counts
     */
    public Optional<String> whyNotAt(Instant at) {
        if (!verified) {
            return Optional.of("its verdict is " + attestation.verdict() + ", not " + StoredAttestation.VERIFIED);
        }
        if (!coversCurrentSeal) {
            return Optional.of("covers a seal that is not the batch's current seal");
        }
        if (!certifierHoldsRole) {
            return Optional.of(attestation.certifierMspId() + " no longer holds the CERTIFIER role");
        }
        if (validityAt(at) != Validity.VALID) {
            return Optional.of("outside its validity period");
        }
        return Optional.empty();
    }
}
