package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The claim of a client-chosen id, stored under {@code ID/<id>} so that no id is used twice: on the public world
 * state for a transfer, attestation or proposal (checked across kinds), and as private data in its owner's implicit
 * collection only for a record (whose content is stored with the other records of its transaction, see
 * {@link StoredRecordSet}):
 * <pre>{@code {"id","kind":"transfer"|"attestation"|"proposal"|"record","txId"}}</pre>
 *
 * @param id the claimed id
 * @param kind what claimed it
 * @param txId the claiming transaction
 */
public record StoredIdClaim(LedgerId id, String kind, String txId) implements LedgerState {

    public static final String TRANSFER = "transfer";
    public static final String ATTESTATION = "attestation";
    public static final String PROPOSAL = "proposal";
    /** A record's claim, private to its owner's collection. */
    public static final String RECORD = "record";
    public static final List<String> KINDS = List.of(TRANSFER, ATTESTATION, PROPOSAL, RECORD);
    public static final List<String> MEMBERS = List.of("id", "kind", "txId");

    /** Null-checks every part. */
    public StoredIdClaim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the claim
     */
    public static StoredIdClaim fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredIdClaim(LedgerId.parse(r.requireString("id"), r.path("id")),
                StateReader.oneOf(r, "kind", KINDS), StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("id", id.value()).put("kind", kind).put("txId", txId).build();
    }
}
