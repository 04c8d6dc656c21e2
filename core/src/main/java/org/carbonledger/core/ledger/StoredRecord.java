package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A record exactly as the chaincode stores it, inside the record set of its transaction and batch,
 * {@code RECORDS/<gtin14>/<lot>/<txId>} ({@link StoredRecordSet}); its id is claimed at {@code ID/<recordId>}:
 * <pre>{@code
 * {"recordId","gtin","lot","ownerMspId","deviceId","stage","scope":n,"co2e":{…},"contentHash",
 *  "record":{the device-signed record as submitted},"salt","txId","submittedAt"}
 * }</pre>
 * A record is private data ({@link PrivateData}): it lives in the private collections of its owner and of the
 * certifiers the owner designated, and every other member holds only the SHA-256 of its set. The salt, derived
 * from a secret the submitting client sent in the transient map, makes that hash a commitment nobody can test a
 * guessed record against.
 * The signed record is kept unparsed: whether it parses, verifies and agrees with the other members is checked by
 * the verifier.
 *
 * @param json the state, verbatim
 * @param recordId the record id
 * @param batch the batch it was stored under
 * @param ownerMspId the organization that submitted it
 * @param deviceId the signing device
 * @param stage the life-cycle stage the seal committed
 * @param scope the scope the seal committed
 * @param co2e the CO2e the chaincode computed (components)
 * @param co2eJson the stored CO2e object, verbatim (with its redundant total)
 * @param contentHash SHA-256 of the JCS of the signed record, as stored
 * @param record the device-signed record
 * @param salt the record's salt (64 hex digits), see {@link PrivateData#recordSalt}
 * @param txId the transaction that submitted it
 * @param submittedAt the transaction time
 */
public record StoredRecord(JsonObject json, LedgerId recordId, BatchId batch, String ownerMspId, DeviceId deviceId,
                           Stage stage, Scope scope, Co2e co2e, JsonObject co2eJson, Hash contentHash,
                           JsonObject record, String salt, String txId, Instant submittedAt) implements LedgerState {

    public static final List<String> MEMBERS = List.of("recordId", "gtin", "lot", "ownerMspId", "deviceId", "stage",
            "scope", "co2e", "contentHash", "record", "salt", "txId", "submittedAt");

    /** Null-checks every part. */
    public StoredRecord {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(ownerMspId, "ownerMspId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(co2e, "co2e");
        Objects.requireNonNull(co2eJson, "co2eJson");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the record state
     */
    public static StoredRecord fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredRecord(state,
                LedgerId.parse(r.requireString("recordId"), r.path("recordId")),
                StateReader.batchId(r),
                StateReader.mspId(r, "ownerMspId"),
                DeviceId.parse(r.requireString("deviceId"), r.path("deviceId")),
                Stage.parse(r.requireString("stage"), r.path("stage")),
                Scope.of(r.requireInteger("scope", 1, 3), r.path("scope")),
                StateReader.co2e(r, "co2e"),
                r.requireObject("co2e").object(),
                StateReader.hash(r, "contentHash"),
                r.requireObject("record").object(),
                StateReader.hash(r, "salt").toHex(),
                StateReader.txId(r, "txId"),
                StateReader.instant(r, "submittedAt"));
    }

    /**
     * The state the chaincode stores for a record it accepted, member for member what {@link #fromJson} reads: one
     * definition of the format for the chaincode that writes it and the benchmark that measures writing it.
     *
     * @param record      the signed record, checked
     * @param ownerMspId  the batch owner that submitted it
     * @param co2e        the CO2e the chaincode computed
     * @param salt        the record's salt, {@link PrivateData#recordSalt}
     * @param txId        the submitting transaction
     * @param submittedAt that transaction's timestamp
     * @return the state
     */
    public static JsonObject stateOf(EmissionRecord record, String ownerMspId, Co2e co2e, String salt, String txId,
                                     Instant submittedAt) {
        return of(record, ownerMspId, co2e, salt, txId, submittedAt).toJson();
    }

    /** @return what the seal committed for this record, as stored */
    public RecordContribution contribution() {
        return new RecordContribution(recordId, contentHash, stage, scope, co2e);
    }

    /** A record state as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredRecord of(EmissionRecord record, String ownerMspId, Co2e co2e, String salt, String txId,
                                  Instant submittedAt) {
        JsonObject co2eJson = co2e.toJson();
        StoredRecord draft = new StoredRecord(JsonObject.empty(), record.recordId(), record.batch(), ownerMspId,
                record.deviceId(), record.stage(), record.scope(), co2e, co2eJson, record.contentHash(),
                record.json(), salt, txId, submittedAt);
        return new StoredRecord(draft.toJson(), record.recordId(), record.batch(), ownerMspId, record.deviceId(),
                record.stage(), record.scope(), co2e, co2eJson, record.contentHash(), record.json(), salt, txId,
                submittedAt);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("recordId", recordId.value())
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("ownerMspId", ownerMspId)
                .put("deviceId", deviceId.value())
                .put("stage", stage.name())
                .put("scope", (long) scope.number())
                .put("co2e", co2eJson)
                .put("contentHash", contentHash.toHex())
                .put("record", record)
                .put("salt", salt)
                .put("txId", txId)
                .put("submittedAt", submittedAt.toString())
                .build();
    }
}
