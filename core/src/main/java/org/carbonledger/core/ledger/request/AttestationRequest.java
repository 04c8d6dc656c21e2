package org.carbonledger.core.ledger.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.merkle.SealHash;

/**
 * The argument of {@code Attestations:Attest}: {@code {"attestationId": uuid, "gtin": "...", "lot": "...",
 * "verdict": "VERIFIED"|"REJECTED", "standard": "ISO 14067", "assuranceLevel": "LIMITED"|"REASONABLE",
 * "validFrom": instant, "validUntil": instant (after validFrom), "sealHash": hex, "comment": "..." (optional)}}.
 *
 * @param attestationId the client-chosen attestation id, usable once
 * @param batch the attested batch
 * @param verdict one of {@link #VERDICTS}
 * @param standard one of {@link #STANDARDS}
 * @param assuranceLevel one of {@link #ASSURANCE_LEVELS}
 * @param validFrom first instant the attestation is valid
 * @param validUntil first instant it no longer is
 * @param sealHash the seal the certifier examined
 * @param comment free text, "" when none
 */
public record AttestationRequest(LedgerId attestationId, BatchId batch, String verdict, String standard,
                                 String assuranceLevel, Instant validFrom, Instant validUntil, SealHash sealHash,
                                 String comment) {

    public static final List<String> VERDICTS = List.of(StoredAttestation.VERIFIED, StoredAttestation.REJECTED);
    public static final List<String> ASSURANCE_LEVELS = List.of("LIMITED", "REASONABLE");
    /** Standards a certifier attests against (names as the standards bodies write them). */
    public static final List<String> STANDARDS = List.of("ISO 14067", "GHG Protocol Product Standard", "PACT 3",
            "ISO 14064-3", "PAS 2050");
    public static final List<String> MEMBERS = List.of("attestationId", "gtin", "lot", "verdict", "standard",
            "assuranceLevel", "validFrom", "validUntil", "sealHash", "comment");

    /** Null-checks every part. */
    public AttestationRequest {
        Objects.requireNonNull(attestationId, "attestationId");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(assuranceLevel, "assuranceLevel");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(sealHash, "sealHash");
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it before it looks at the ledger
     */
    public static AttestationRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        LedgerId id = LedgerId.parse(in.requireString("attestationId"), in.path("attestationId"));
        BatchId batch = new BatchId(Gtin.parse(in.requireString("gtin"), in.path("gtin")),
                Lot.parse(in.requireString("lot"), in.path("lot")));
        String verdict = StateReader.oneOf(in, "verdict", VERDICTS);
        String standard = StateReader.oneOf(in, "standard", STANDARDS);
        String assurance = StateReader.oneOf(in, "assuranceLevel", ASSURANCE_LEVELS);
        Instant validFrom = Inputs.instant(in.requireString("validFrom"), in.path("validFrom"));
        Instant validUntil = Inputs.instant(in.requireString("validUntil"), in.path("validUntil"));
        if (!validUntil.isAfter(validFrom)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, in.path("validUntil"), validUntil.toString(),
                    "must be after validFrom " + validFrom);
        }
        SealHash sealHash = SealHash.ofHex(in.requireString("sealHash"), in.path("sealHash"));
        String comment = Inputs.text(in.optionalString("comment").orElse(""), in.path("comment"), 2000);
        return new AttestationRequest(id, batch, verdict, standard, assurance, validFrom, validUntil, sealHash,
                comment);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("attestationId", attestationId.value())
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("verdict", verdict)
                .put("standard", standard)
                .put("assuranceLevel", assuranceLevel)
                .put("validFrom", validFrom.toString())
                .put("validUntil", validUntil.toString())
                .put("sealHash", sealHash.toHex())
                .put("comment", comment)
                .build();
    }
}
