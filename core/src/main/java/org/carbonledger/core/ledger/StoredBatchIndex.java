package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * An entry of the index of an organization's batches, {@code BATCH_BY_OWNER/<mspId>/<gtin14>/<lot>}:
 * <pre>{@code {"gtin","lot"}}</pre>
 *
 * @param batch the indexed batch
 */
public record StoredBatchIndex(BatchId batch) implements LedgerState {

    public static final List<String> MEMBERS = List.of("gtin", "lot");

    /** Null-checks the batch. */
    public StoredBatchIndex {
        Objects.requireNonNull(batch, "batch");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the index entry
     */
    public static StoredBatchIndex fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredBatchIndex(StateReader.batchId(r));
    }

    @Override
    public JsonObject toJson() {
        return StateReader.batchRef(batch);
    }
}
