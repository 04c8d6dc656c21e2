package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The public trace of one transaction that added records to a batch, {@code RECORD_TX/<gtin14>/<lot>/<txId>}:
 * <pre>{@code {"gtin","lot","txId","holders":["CertCoMSP","SteelCoMSP"] (sorted)}}</pre>
 * It says which organizations' private collections hold the records (the owner and the certifiers it had
 * designated then), and nothing of the records themselves: their ids and content are in the private record set
 * {@code RECORDS/<gtin14>/<lot>/<txId>} ({@link StoredRecordSet}) beside it.
 *
 * @param batch the batch
 * @param txId the transaction that added the records
 * @param holders the organizations holding them, sorted
 */
public record StoredRecordTransaction(BatchId batch, String txId, List<String> holders) implements LedgerState {

    public static final List<String> MEMBERS = List.of("gtin", "lot", "txId", "holders");

    /** Null-checks every part and copies the holders. */
    public StoredRecordTransaction {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(txId, "txId");
        holders = List.copyOf(Objects.requireNonNull(holders, "holders"));
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the entry
     */
    public static StoredRecordTransaction fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredRecordTransaction(StateReader.batchId(r), StateReader.txId(r, "txId"),
                StateReader.mspIds(r, "holders"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("txId", txId)
                .put("holders", StateReader.strings(holders))
                .build();
    }
}
