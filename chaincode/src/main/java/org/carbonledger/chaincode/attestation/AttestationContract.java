package org.carbonledger.chaincode.attestation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.Inputs;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.merkle.SealHash;
import org.carbonledger.core.verify.StoredAttestation;
import org.carbonledger.core.verify.StoredBatch;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Verdicts of CERTIFIER organizations on a batch's sealed footprint, bound to the hash of the seal they examined.
 * Which attestation counts is core's {@link AttestationStanding}: verdict VERIFIED, on the batch's current seal, by
 * an organization that still holds the CERTIFIER role, within its validity dates.
 */
@Contract(name = "Attestations", info = @Info(title = "Carbon Ledger attestations", version = "1"))
public final class AttestationContract extends LedgerContract {
    public static final String ATTESTATION = StateKeys.ATTESTATION;
    static final List<String> VERDICTS = List.of("VERIFIED", "REJECTED");
    static final List<String> ASSURANCE = List.of("LIMITED", "REASONABLE");
    /** Standards a certifier attests against (names as the standards bodies write them). */
    static final List<String> STANDARDS = List.of("ISO 14067", "GHG Protocol Product Standard", "PACT 3",
            "ISO 14064-3", "PAS 2050");

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
            JsonObjectReader in = JsonObjectReader.of(Json.parseObject(attestationJson, "attestation"), "");
            in.rejectUnknownMembers(List.of("attestationId", "gtin", "lot", "verdict", "standard", "assuranceLevel",
                    "validFrom", "validUntil", "sealHash", "comment"));
            LedgerId id = LedgerId.parse(in.requireString("attestationId"), "attestationId");
            UniqueIds.claim(ctx, id, "attestation", "attestationId");
            BatchId batchId = new BatchId(Gtin.parse(in.requireString("gtin"), "gtin"), Lot.parse(in.requireString("lot"), "lot"));
            String verdict = oneOf(in.requireString("verdict"), "verdict", VERDICTS);
            String standard = oneOf(in.requireString("standard"), "standard", STANDARDS);
            String assurance = oneOf(in.requireString("assuranceLevel"), "assuranceLevel", ASSURANCE);
            Instant validFrom = Inputs.instant(in.requireString("validFrom"), "validFrom");
            Instant validUntil = Inputs.instant(in.requireString("validUntil"), "validUntil");
            if (!validUntil.isAfter(validFrom)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, "validUntil", validUntil.toString(),
                        "must be after validFrom " + validFrom);
            }
            SealHash attested = SealHash.ofHex(in.requireString("sealHash"), "sealHash");
            String comment = Inputs.text(in.optionalString("comment").orElse(""), "comment", 2000);
            JsonObject batch = Batches.find(ctx, batchId, "batch");
            Batches.requireSealed(batch, batchId, "batch");
            SealHash current = Batches.sealHash(batch);
            if (!current.equals(attested)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "sealHash", attested.toHex(),
                        "is not the batch's current seal " + current.toHex());
            }
            JsonObject attestation = JsonObject.builder()
                    .put("attestationId", id.value())
                    .put("gtin", batchId.gtin().value())
                    .put("lot", batchId.lot().value())
                    .put("certifierMspId", certifier)
                    .put("verdict", verdict)
                    .put("standard", standard)
                    .put("assuranceLevel", assurance)
                    .put("validFrom", validFrom.toString())
                    .put("validUntil", validUntil.toString())
                    .put("sealHash", attested.toHex())
                    .put("comment", comment)
                    .put("attestedAt", ctx.now().toString())
                    .put("txId", ctx.txId())
                    .build();
            // The verdict is the certifier's alone: its key carries "certifier AND majority", and writing it needs the
            // certifier's peer (its ownership key), so no coalition can attest in its name or rewrite its verdict.
            Membership.requireOwnEndorsement(ctx, certifier);
            String key = ctx.key(ATTESTATION, batchId.gtin().value(), batchId.lot().value(), id.value());
            ctx.write("attestation", key, attestation);
            ctx.protect(key, EndorsementPolicies.ownerAndMajority(certifier, Membership.members(ctx)));
            return attestation;
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
            StoredBatch batch = StoredBatch.fromJson(Batches.find(ctx, batchId, "batch"), "batch");
            Map<String, Boolean> certifiers = new TreeMap<>();
            List<JsonValue> items = new ArrayList<>();
            for (JsonObject a : ctx.readAll(ATTESTATION, batchId.gtin().value(), batchId.lot().value())) {
                AttestationStanding standing = AttestationStanding.of(StoredAttestation.fromJson(a, "attestation"),
                        batch, msp -> certifiers.computeIfAbsent(msp, m -> Membership.holds(ctx, m, Role.CERTIFIER)));
                Optional<String> why = standing.whyNotAt(ctx.now());
                JsonObject.Builder b = a.toBuilder().put("counts", why.isEmpty());
                why.ifPresent(w -> b.put("why", w));
                items.add(b.build());
            }
            return JsonObject.builder().put("items", JsonArray.of(items)).build();
        });
    }

    private static String oneOf(String value, String field, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "expected one of " + String.join(", ", allowed));
        }
        return value;
    }
}
