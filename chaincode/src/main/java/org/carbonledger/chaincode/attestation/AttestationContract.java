package org.carbonledger.chaincode.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.request.AttestationRequest;
import org.carbonledger.core.merkle.SealHash;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Verdicts of CERTIFIER organizations on a batch's sealed footprint, bound to the hash of the seal they examined.
 * Which attestation counts is core's {@link AttestationStanding}: verdict VERIFIED, on the batch's current seal, by
 * an organization that still holds the CERTIFIER role, within its validity dates.
 */
@Contract(name = LedgerOperation.Contracts.ATTESTATIONS, info = @Info(title = "Carbon Ledger attestations", version = "1"))
public final class AttestationContract extends LedgerContract {
    public static final String ATTESTATION = StateKeys.ATTESTATION;

    /**
     * {@code {"attestationId": uuid, "gtin": "...", "lot": "...", "verdict": "VERIFIED"|"REJECTED",
     * "standard": "ISO 14067", "assuranceLevel": "LIMITED"|"REASONABLE", "validFrom": instant, "validUntil": instant,
     * "sealHash": hex, "comment": "..."}}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Attest(final Context context, final String attestationJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String certifier = Membership.requireRole(ctx, Role.CERTIFIER);
            AttestationRequest request = AttestationRequest.fromJson(Json.parseObject(attestationJson, "attestation"), "");
            LedgerId id = request.attestationId();
            UniqueIds.claim(ctx, id, StoredIdClaim.ATTESTATION, "attestationId");
            BatchId batchId = request.batch();
            SealHash attested = request.sealHash();
            StoredBatch batch = Batches.find(ctx, batchId, "batch");
            Batches.requireSealed(batch, batchId, "batch");
            SealHash current = new SealHash(batch.sealHash().orElseThrow());
            if (!current.equals(attested)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "sealHash", attested.toHex(),
                        "is not the batch's current seal " + current.toHex());
            }
            StoredAttestation attestation = StoredAttestation.of(id, batchId, certifier, request.verdict(),
                    request.standard(), request.assuranceLevel(), request.validFrom(), request.validUntil(),
                    attested.value(), request.comment(), ctx.now(), ctx.txId());
            // The verdict is the certifier's alone: its key carries "certifier AND majority", and writing it needs the
            // certifier's peer (its ownership key), so no coalition can attest in its name or rewrite its verdict.
            Membership.requireOwnEndorsement(ctx, certifier);
            String key = ctx.key(ATTESTATION, batchId.gtin().value(), batchId.lot().value(), id.value());
            ctx.write("attestation", key, attestation);
            ctx.protect(key, EndorsementPolicies.ownerAndMajority(certifier, Membership.members(ctx)));
            return attestation.toJson();
        });
    }

    /**
     * Every attestation of a batch, each with {@code counts} and, when it does not count, {@code why}, by core's
     * {@link AttestationStanding} at the transaction's time: a REJECTED verdict, not the current seal, certifier no
     * longer holds the role, or outside its validity.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListAttestations(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            BatchId batchId = BatchId.of(gtin, lot);
            StoredBatch batch = Batches.find(ctx, batchId, "batch");
            Map<String, Boolean> certifiers = new TreeMap<>();
            List<JsonValue> items = new ArrayList<>();
            for (StoredAttestation a : ctx.readAll(StoredAttestation::fromJson, ATTESTATION, batchId.gtin().value(),
                    batchId.lot().value())) {
                AttestationStanding standing = AttestationStanding.of(a, batch,
                        msp -> certifiers.computeIfAbsent(msp, m -> Membership.holds(ctx, m, Role.CERTIFIER)));
                Optional<String> why = standing.whyNotAt(ctx.now());
                JsonObject.Builder b = a.toJson().toBuilder().put("counts", why.isEmpty());
                why.ifPresent(w -> b.put("why", w));
                items.add(b.build());
            }
            return JsonObject.builder().put("items", JsonArray.of(items)).build();
        });
    }
}
