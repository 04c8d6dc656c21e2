package org.carbonledger.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * The records one transaction added to a batch, stored together as one private value in the private collection of
 * each organization holding them, {@code RECORDS/<gtin14>/<lot>/<txId>}:
 * <pre>{@code {"gtin","lot","txId","records":[StoredRecord…] (sorted by recordId)}}</pre>
 * One value per transaction and batch rather than one per record: every private write costs a hashed write on every
 * peer of the channel and a private and transient store write on each holder's, so records stored one key each
 * would make the bulk of the ledger the most expensive part of it. Each record's id is claimed separately, once, in
 * its owner's collection ({@link StoredIdClaim} of kind {@value StoredIdClaim#RECORD}). The other members hold only
 * the SHA-256 of this value, a commitment the records' salts make unguessable.
 *
 * @param batch the batch
 * @param txId the transaction that added the records
 * @param records the records, each of this batch and transaction, sorted by record id, at least one
 */
public record StoredRecordSet(BatchId batch, String txId, List<StoredRecord> records) implements LedgerState {

    public static final List<String> MEMBERS = List.of("gtin", "lot", "txId", "records");

    /** Null-checks every part, copies the records and requires them to be this set's, in strict id order. */
    public StoredRecordSet {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(txId, "txId");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a record set holds at least one record");
        }
        for (int i = 0; i < records.size(); i++) {
            StoredRecord r = records.get(i);
            if (!r.batch().equals(batch) || !r.txId().equals(txId)) {
                throw new IllegalArgumentException("record " + r.recordId().value() + " is not of batch " + batch
                        + " and transaction " + txId);
            }
            if (i > 0 && records.get(i - 1).recordId().compareTo(r.recordId()) >= 0) {
                throw new IllegalArgumentException("records must be sorted by id and distinct, found "
                        + r.recordId().value() + " after " + records.get(i - 1).recordId().value());
            }
        }
    }

    /**
     * The set of records as the chaincode writes it: sorted by record id.
     *
     * @param batch the batch
     * @param txId the transaction
     * @param records the records, in any order
     * @return the set
     */
    public static StoredRecordSet sorted(BatchId batch, String txId, List<StoredRecord> records) {
        List<StoredRecord> list = new ArrayList<>(Objects.requireNonNull(records, "records"));
        list.sort((a, b) -> a.recordId().compareTo(b.recordId()));
        return new StoredRecordSet(batch, txId, list);
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the set
     */
    public static StoredRecordSet fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        BatchId batch = StateReader.batchId(r);
        String txId = StateReader.txId(r, "txId");
        JsonArray array = r.requireArray("records");
        List<StoredRecord> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = r.path("records") + "[" + i + "]";
            StoredRecord record = StoredRecord.fromJson(JsonObjectReader.asObject(array.get(i), at), at);
            if (!record.batch().equals(batch) || !record.txId().equals(txId)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, at, record.recordId().value(),
                        "is not a record of batch " + batch + " and transaction " + txId);
            }
            if (!records.isEmpty() && records.get(records.size() - 1).recordId().compareTo(record.recordId()) >= 0) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, at, record.recordId().value(),
                        "records are stored sorted by id, each once");
            }
            records.add(record);
        }
        if (records.isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path("records"), "[]", "holds no record");
        }
        return new StoredRecordSet(batch, txId, records);
    }

    @Override
    public JsonObject toJson() {
        List<JsonValue> list = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            list.add(r.json());
        }
        return JsonObject.builder()
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("txId", txId)
                .put("records", JsonArray.of(list))
                .build();
    }
}
