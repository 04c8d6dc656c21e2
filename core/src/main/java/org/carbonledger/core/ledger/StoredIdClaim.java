package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The claim of a client-chosen id by a transfer, attestation or proposal, stored under {@code ID/<id>} so that no
 * id is used twice across kinds (a record is stored at its id itself, see {@link StoredRecord}):
 * <pre>{@code {"id","kind":"transfer"|"attestation"|"proposal","txId"}}</pre>
 *
 * @param id the claimed id
 * @param kind what claimed it
 * @param txId the claiming transaction
 */
public record StoredIdClaim(LedgerId id, String kind, String txId) implements LedgerState {

    public static final String TRANSFER = "transfer";
    public static final String ATTESTATION = "attestation";
    public static final String PROPOSAL = "proposal";
    /** The kind of what is stored at an id without a claim: a record. */
    public static final String RECORD = "record";
    public static final List<String> KINDS = List.of(TRANSFER, ATTESTATION, PROPOSAL);
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

    /**
     * What holds an id's key, and in which transaction, without reading the whole state.
     *
     * @param atIdKey the state stored at {@code ID/<id>}: a claim, or a record
     * @return the claim's kind, or {@link #RECORD}
     */
    public static String kindOf(JsonObject atIdKey) {
        return atIdKey.has("kind") ? JsonObjectReader.of(atIdKey, "").requireString("kind") : RECORD;
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("id", id.value()).put("kind", kind).put("txId", txId).build();
    }
}
