package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * An attestation state exactly as the chaincode stores it under {@code ATTESTATION/<gtin14>/<lot>/<id>}:
 * <pre>{@code
 * {"attestationId","gtin","lot","certifierMspId","verdict":"VERIFIED"|"REJECTED","standard","assuranceLevel",
 *  "validFrom","validUntil","sealHash","comment","attestedAt","txId"}
 * }</pre>
 *
 * @param json the state, verbatim
 * @param attestationId the attestation id
 * @param batch the attested batch
 * @param certifierMspId the attesting organization
 * @param verdict VERIFIED or REJECTED
 * @param standard the standard attested against, e.g. {@code ISO 14067}
 * @param assuranceLevel e.g. {@code LIMITED} or {@code REASONABLE}
 * @param validFrom first instant the attestation is valid
 * @param validUntil first instant it is no longer valid
 * @param sealHash the seal hash it attests
 * @param comment the certifier's comment
 * @param attestedAt when it was recorded
 * @param txId the recording transaction
 */
public record StoredAttestation(JsonObject json, LedgerId attestationId, BatchId batch, String certifierMspId,
                                String verdict, String standard, String assuranceLevel, Instant validFrom,
                                Instant validUntil, Hash sealHash, String comment, Instant attestedAt,
                                String txId) implements LedgerState {

    /** The verdict of an attestation that can count. */
    public static final String VERIFIED = "VERIFIED";
    /** The verdict of a certifier that found the footprint wrong. */
    public static final String REJECTED = "REJECTED";

    public static final List<String> MEMBERS = List.of("attestationId", "gtin", "lot", "certifierMspId", "verdict",
            "standard", "assuranceLevel", "validFrom", "validUntil", "sealHash", "comment", "attestedAt", "txId");

    /** Null-checks every part. */
    public StoredAttestation {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(attestationId, "attestationId");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(certifierMspId, "certifierMspId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(assuranceLevel, "assuranceLevel");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(sealHash, "sealHash");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(attestedAt, "attestedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the attestation state
     */
    public static StoredAttestation fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredAttestation(state,
                LedgerId.parse(r.requireString("attestationId"), r.path("attestationId")),
                StateReader.batchId(r),
                StateReader.mspId(r, "certifierMspId"),
                StateReader.oneOf(r, "verdict", List.of(VERIFIED, REJECTED)),
                StateReader.text(r, "standard", 200),
                StateReader.text(r, "assuranceLevel", 64),
                StateReader.instant(r, "validFrom"),
                StateReader.instant(r, "validUntil"),
                StateReader.hash(r, "sealHash"),
                StateReader.text(r, "comment", 2000),
                StateReader.instant(r, "attestedAt"),
                StateReader.txId(r, "txId"));
    }

    /** An attestation as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredAttestation of(LedgerId attestationId, BatchId batch, String certifierMspId, String verdict,
                                       String standard, String assuranceLevel, Instant validFrom, Instant validUntil,
                                       Hash sealHash, String comment, Instant attestedAt, String txId) {
        StoredAttestation draft = new StoredAttestation(JsonObject.empty(), attestationId, batch, certifierMspId,
                verdict, standard, assuranceLevel, validFrom, validUntil, sealHash, comment, attestedAt, txId);
        return new StoredAttestation(draft.toJson(), attestationId, batch, certifierMspId, verdict, standard,
                assuranceLevel, validFrom, validUntil, sealHash, comment, attestedAt, txId);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("attestationId", attestationId.value())
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("certifierMspId", certifierMspId)
                .put("verdict", verdict)
                .put("standard", standard)
                .put("assuranceLevel", assuranceLevel)
                .put("validFrom", validFrom.toString())
                .put("validUntil", validUntil.toString())
                .put("sealHash", sealHash.toHex())
                .put("comment", comment)
                .put("attestedAt", attestedAt.toString())
                .put("txId", txId)
                .build();
    }
}
