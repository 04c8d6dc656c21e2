package org.carbonledger.service.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * Applies one ledger transaction to the read model and moves the checkpoint past it, in one database transaction:
 * after a crash either both happened or neither, so the feed resumes with no gap and no duplicate.
 */
@Singleton
public class ChangeApplier {
    private final ReadModelStore store;
    private final Connection connection;

    /**
     * @param connection Micronaut Data's contextual connection: the connection of the current database transaction
     */
    public ChangeApplier(ReadModelStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** @return false when the transaction had been applied already (nothing changed) */
    @Transactional
    public boolean apply(LedgerTransaction tx) {
        if (store.countTransaction(tx.transactionId()) > 0) {
            return false;
        }
        long position = store.appliedTransactions().orElse(0L) + 1;
        store.insertTransaction(tx.transactionId(), tx.blockNumber(), position, utc(Instant.parse(tx.timestamp())),
                tx.mspId(), tx.function(), tx.changes().size());
        // A key's last change is its state after the transaction; keeping only that lets each table's rows go in one
        // batch, in any order.
        Map<String, LedgerTransaction.Change> last = new LinkedHashMap<>();
        tx.changes().forEach(change -> last.put(change.key(), change));
        ChangeBatch batch = new ChangeBatch();
        for (LedgerTransaction.Change change : last.values()) {
            if (change.value().isPresent()) {
                JsonObject value = change.value().get();
                batch.upsertState(change.key(), change.type(), Jcs.canonicalString(value), tx.transactionId(), tx.blockNumber());
                project(batch, change.type(), change.key(), value, tx);
            } else {
                batch.deleteState(change.key());
                if (change.type().equals("batch")) {
                    batch.deleteBatch(change.key());
                }
            }
        }
        try {
            batch.execute(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("applying transaction " + tx.transactionId() + " to the read model failed: "
                    + e.getMessage(), e);
        }
        store.saveCheckpoint(tx.blockNumber(), tx.transactionId(), position, utc(Instant.now()));
        return true;
    }

    /** Empties the read model and its checkpoint, so the next feed starts from block 0. */
    @Transactional
    public void clear() {
        store.clearAttestations();
        store.clearTransfers();
        store.clearRecords();
        store.clearBatches();
        store.clearStates();
        store.clearTransactions();
        store.clearCheckpoint();
    }

    private static void project(ChangeBatch store, String type, String key, JsonObject v, LedgerTransaction tx) {
        JsonObjectReader r = JsonObjectReader.of(v, key);
        switch (type) {
            case "batch" -> {
                Optional<JsonObject> seal = r.has("seal") ? Optional.of(r.requireObject("seal").object()) : Optional.empty();
                store.upsertBatch(key, r.requireString("gtin"), r.requireString("lot"), r.requireString("ownerMspId"),
                        r.requireString("productName"), r.requireString("status"),
                        r.optionalString("sealHash").orElse(null),
                        seal.map(s -> total(s, "footprint")).orElse(null),
                        seal.map(s -> total(s, "perUnit")).orElse(null),
                        r.requireString("declaredUnit"),
                        utc(Instant.parse(r.requireString("createdAt"))),
                        r.optionalString("sealedAt").map(t -> utc(Instant.parse(t))).orElse(null));
            }
            case "record" -> store.upsertRecord(r.requireString("recordId"), key, r.requireString("gtin"),
                    r.requireString("lot"), r.requireString("ownerMspId"), r.requireString("deviceId"),
                    r.requireString("stage"), (int) r.requireInteger("scope", 1, 3),
                    JsonObjectReader.of(r.requireObject("co2e").object(), "co2e").requireString("total"),
                    r.requireString("txId"), tx.blockNumber());
            case "transfer" -> {
                JsonObjectReader from = r.requireObject("from");
                Optional<JsonObjectReader> to = r.has("to") ? Optional.of(r.requireObject("to")) : Optional.empty();
                store.upsertTransfer(r.requireString("transferId"), key, from.requireString("gtin"),
                        from.requireString("lot"), to.map(t -> t.requireString("gtin")).orElse(null),
                        to.map(t -> t.requireString("lot")).orElse(null), r.requireString("senderMspId"),
                        r.requireString("receiverMspId"), r.requireString("status"),
                        utc(Instant.parse(r.requireString("shippedAt"))));
            }
            case "attestation" -> store.upsertAttestation(r.requireString("attestationId"), key,
                    r.requireString("gtin"), r.requireString("lot"), r.requireString("certifierMspId"),
                    r.requireString("verdict"), r.requireString("sealHash"),
                    utc(Instant.parse(r.requireString("validFrom"))), utc(Instant.parse(r.requireString("validUntil"))));
            default -> {
                // Other types live in ledger_state only; the API reads them from there by key or type.
            }
        }
    }

    private static String total(JsonObject seal, String member) {
        return JsonObjectReader.of(JsonObjectReader.of(seal, "seal").requireObject(member).object(), member).requireString("total");
    }

    /** Instants are stored as UTC wall-clock DATETIME(6), whatever the JVM's or the server's time zone. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
