package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A batch's record index entry: the records one transaction added to it, {@code RECORDS/<gtin14>/<lot>/<txId>}:
 * <pre>{@code {"gtin","lot","txId","recordIds":[…] (sorted)}}</pre>
 *
 * @param batch the batch
 * @param txId the transaction that added the records
 * @param recordIds their ids, sorted
 */
public record StoredRecordIndex(BatchId batch, String txId, List<LedgerId> recordIds) implements LedgerState {

    public static final List<String> MEMBERS = List.of("gtin", "lot", "txId", "recordIds");

    /** Null-checks every part and copies the ids. */
    public StoredRecordIndex {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(txId, "txId");
        recordIds = List.copyOf(Objects.requireNonNull(recordIds, "recordIds"));
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the index entry
     */
    public static StoredRecordIndex fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredRecordIndex(StateReader.batchId(r), StateReader.txId(r, "txId"),
                StateReader.ids(r, "recordIds"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("txId", txId)
                .put("recordIds", StateReader.idArray(recordIds))
                .build();
    }
}
