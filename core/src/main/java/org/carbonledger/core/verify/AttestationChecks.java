package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;

/**
 * Part 5: an attestation counts by core's {@link AttestationStanding}: its verdict is VERIFIED, its certifier holds
 * CERTIFIER (per the bundle's role records, read at collection time), it covers its batch's current seal, and the
 * verification instant is within its validity. Each condition is reported for each attestation; only whether the
 * root batch has a counting attestation decides the verdict (upstream batches are reported, as their attestation is
 * their owners' business).
 */
final class AttestationChecks {

    private static final CheckCategory CATEGORY = CheckCategory.ATTESTATIONS;

    private AttestationChecks() {
    }

    static List<Check> attestations(VerificationContext ctx) {
        List<Check> checks = new ArrayList<>();
        for (BundledBatch b : ctx.batchOrder) {
            List<StoredAttestation> counting = new ArrayList<>();
            List<String> notCounting = new ArrayList<>();
            for (StoredAttestation a : b.attestations()) {
                AttestationStanding standing = ctx.standing(a, b);
                List<Check> conditions = List.of(verdict(standing), certifier(ctx, standing),
                        seal(b.batch(), standing), validity(ctx, standing));
                checks.addAll(conditions);
                List<String> why = conditions.stream().filter(c -> !c.passed()).map(c -> c.id()).toList();
                if (standing.countsAt(ctx.at)) {
                    counting.add(a);
                } else {
                    notCounting.add(a.attestationId() + " fails " + String.join(", ", why));
                }
            }
            checks.add(attested(ctx, b, counting, notCounting));
        }
        return checks;
    }

    static Check verdict(AttestationStanding standing) {
        StoredAttestation a = standing.attestation();
        boolean ok = standing.verified();
        return Check.informational(CheckIds.ATTESTATION_VERDICT, CATEGORY, Subject.attestation(a.attestationId()),
                ok, "verdict " + a.verdict() + " by " + a.certifierMspId() + " (" + a.standard() + ", "
                        + a.assuranceLevel() + ")",
                ok ? "the certifier verified the footprint" : "the certifier did not verify the footprint");
    }

    static Check certifier(VerificationContext ctx, AttestationStanding standing) {
        StoredAttestation a = standing.attestation();
        CertifierRole role = ctx.bundle.certifiers().get(a.certifierMspId());
        boolean ok = standing.certifierHoldsRole();
        String evidence = ok
                ? a.certifierMspId() + " holds CERTIFIER, granted " + role.grantedAt() + " by proposal "
                        + role.proposalId()
                : a.certifierMspId() + " is not among the CERTIFIER holders at collection "
                        + ctx.bundle.collection().collectedAt() + ": "
                        + (ctx.bundle.certifiers().isEmpty() ? "none" : String.join(", ",
                        ctx.bundle.certifiers().keySet()));
        return Check.informational(CheckIds.ATTESTATION_CERTIFIER, CATEGORY, Subject.attestation(a.attestationId()),
                ok, evidence, ok ? "the attesting organization is a current certifier"
                        : "the attesting organization does not hold the CERTIFIER role (any more)");
    }

    static Check seal(StoredBatch batch, AttestationStanding standing) {
        StoredAttestation a = standing.attestation();
        Optional<Hash> current = batch.sealHash();
        boolean sameBatch = a.batch().equals(batch.id());
        boolean ok = standing.coversCurrentSeal();
        String evidence = "attested seal hash " + a.sealHash() + " vs current seal hash of " + batch.id() + " "
                + current.map(Hash::toString).orElse("(not sealed)")
                + (sameBatch ? "" : "; the attestation names batch " + a.batch());
        return Check.informational(CheckIds.ATTESTATION_SEAL, CATEGORY, Subject.attestation(a.attestationId()), ok,
                evidence, ok ? "the attestation covers the batch's current seal"
                        : "the attestation covers a seal that is not the batch's current one");
    }

    static Check validity(VerificationContext ctx, AttestationStanding standing) {
        StoredAttestation a = standing.attestation();
        AttestationStanding.Validity validity = standing.validityAt(ctx.at);
        boolean started = validity != AttestationStanding.Validity.NOT_YET_VALID;
        boolean ok = validity == AttestationStanding.Validity.VALID;
        return Check.informational(CheckIds.ATTESTATION_VALIDITY, CATEGORY, Subject.attestation(a.attestationId()),
                ok, "validFrom " + a.validFrom() + ", verification time " + ctx.at + ", validUntil " + a.validUntil(),
                ok ? "the attestation is valid at the verification time"
                        : started ? "the attestation expired before the verification time"
                        : "the attestation is not valid yet at the verification time");
    }

    static Check attested(VerificationContext ctx, BundledBatch b, List<StoredAttestation> counting,
                          List<String> notCounting) {
        Subject subject = Subject.batch(b.batch().id());
        boolean root = ctx.isRoot(b);
        boolean ok = !counting.isEmpty();
        String evidence;
        if (ok) {
            List<String> parts = new ArrayList<>();
            for (StoredAttestation a : counting) {
                parts.add(a.attestationId() + " by " + a.certifierMspId() + " (" + a.standard() + ", "
                        + a.assuranceLevel() + ", valid until " + a.validUntil() + ")");
            }
            evidence = "counting: " + String.join("; ", parts);
        } else {
            evidence = "unattested: " + (notCounting.isEmpty() ? "no attestations"
                    : "none of " + notCounting.size() + " counts (" + String.join("; ", notCounting) + ")");
        }
        String message = ok ? (root ? "the root batch's current seal is attested by a current certifier"
                : "this upstream batch's current seal is attested by a current certifier")
                : root ? "the root batch is unattested: no VERIFIED attestation by a current certifier covers its "
                        + "current seal at " + ctx.at
                : "this upstream batch is unattested (reported; it does not fail the verification)";
        return new Check(CheckIds.BATCH_ATTESTED, CATEGORY, subject, ok, root, evidence, message);
    }
}
