package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A producer's designation of a certifier that may see its raw data, as the chaincode stores it under
 * {@code DESIGNATION/<producer>/<certifier>} (revoking deletes the key):
 * <pre>{@code {"producerMspId","certifierMspId","designatedAt","txId"}}</pre>
 * Public: who certifies whom is no secret, and every member's peer must be able to tell which organizations a
 * producer's records are shared with.
 *
 * @param producerMspId the producer whose raw data the certifier may see
 * @param certifierMspId the certifier (holding the CERTIFIER role when designated)
 * @param designatedAt the designating transaction's time
 * @param txId the designating transaction
 */
public record StoredDesignation(String producerMspId, String certifierMspId, Instant designatedAt, String txId)
        implements LedgerState {

    public static final List<String> MEMBERS = List.of("producerMspId", "certifierMspId", "designatedAt", "txId");

    /** Null-checks every part. */
    public StoredDesignation {
        Objects.requireNonNull(producerMspId, "producerMspId");
        Objects.requireNonNull(certifierMspId, "certifierMspId");
        Objects.requireNonNull(designatedAt, "designatedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the designation
     */
    public static StoredDesignation fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredDesignation(StateReader.mspId(r, "producerMspId"), StateReader.mspId(r, "certifierMspId"),
                StateReader.instant(r, "designatedAt"), StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("producerMspId", producerMspId)
                .put("certifierMspId", certifierMspId)
                .put("designatedAt", designatedAt.toString())
                .put("txId", txId)
                .build();
    }
}
