package org.carbonledger.service.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.micronaut.context.event.ApplicationEventPublisher;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordTransaction;
import org.carbonledger.core.ledger.StoredTransfer;

/**
 * Applies one ledger transaction to the read model and moves the checkpoint past it, in one database transaction:
 * after a crash either both happened or neither, so the feed resumes with no gap and no duplicate.
 *
 * <p>The read model holds what this member may see and nothing more, because it holds only what the member's peer
 * delivered: the public states, and the records of the private record sets in the collections the member's
 * organization belongs to. Private and public changes are applied alike; nothing here reads the ledger.
 */
@Singleton
public class ChangeApplier {
    /** Indexes, id counters, devices and proposals: written often, never shown on a batch's page or declaration. */
    private static final Set<String> IRRELEVANT_TO_BATCH_VIEWS = Set.of("batchByOwner", "transferBySource",
            "transferByReceiver", "id", "device", "proposal", "recordTransaction");

    private final ReadModelStore store;
    private final Connection connection;
    private final ApplicationEventPublisher<ReadModelChanged> changed;

    /**
     * @param connection Micronaut Data's contextual connection: the connection of the current database transaction
     * @param changed where {@link ReadModelChanged} goes, for the views derived from the read model
     */
    public ChangeApplier(ReadModelStore store, Connection connection,
                         ApplicationEventPublisher<ReadModelChanged> changed) {
        this.store = store;
        this.connection = connection;
        this.changed = changed;
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
                unproject(batch, change.type(), change.key());
            }
        }
        try {
            batch.execute(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("applying transaction " + tx.transactionId() + " to the read model failed: "
                    + e.getMessage(), e);
        }
        store.saveCheckpoint(tx.blockNumber(), tx.transactionId(), position, utc(Instant.now()));
        changed.publishEvent(changeOf(last.values()));
        return true;
    }

    /** Which batches the changes touch; types a batch's views never read are left out. */
    private static ReadModelChanged changeOf(Iterable<LedgerTransaction.Change> changes) {
        Set<BatchId> batches = new HashSet<>();
        boolean everything = false;
        for (LedgerTransaction.Change change : changes) {
            if (change.value().isEmpty()) {
                everything |= !IRRELEVANT_TO_BATCH_VIEWS.contains(change.type());
                continue;
            }
            JsonObject v = change.value().get();
            switch (change.type()) {
                case "batch" -> batches.add(StoredBatch.fromJson(v, change.key()).id());
                case "record" -> batches.add(StoredRecord.fromJson(v, change.key()).batch());
                case "attestation" -> batches.add(StoredAttestation.fromJson(v, change.key()).batch());
                case "transfer" -> {
                    StoredTransfer t = StoredTransfer.fromJson(v, change.key());
                    batches.add(t.from());
                    t.to().ifPresent(batches::add);
                }
                default -> everything |= !IRRELEVANT_TO_BATCH_VIEWS.contains(change.type());
            }
        }
        return new ReadModelChanged(batches, everything);
    }

    /** Empties the read model and its checkpoint, so the next feed starts from block 0. */
    @Transactional
    public void clear() {
        store.clearDesignations();
        store.clearRecordTransactions();
        store.clearAttestations();
        store.clearTransfers();
        store.clearRecords();
        store.clearBatches();
        store.clearStates();
        store.clearTransactions();
        store.clearCheckpoint();
        changed.publishEvent(new ReadModelChanged(Set.of(), true));
    }

    /** Projects the states the API lists by column into their tables, each read strictly by core's state model. */
    private static void project(ChangeBatch store, String type, String key, JsonObject v, LedgerTransaction tx) {
        switch (type) {
            case "batch" -> {
                StoredBatch b = StoredBatch.fromJson(v, key);
                store.upsertBatch(key, b.id().gtin().value(), b.id().lot().value(), b.ownerMspId(), b.productName(),
                        b.status(), b.sealHash().map(Hash::toHex).orElse(null),
                        b.seal().map(s -> total(s, "footprint")).orElse(null),
                        b.seal().map(s -> total(s, "perUnit")).orElse(null),
                        b.declaredUnit().symbol(), utc(b.createdAt()), b.sealedAt().map(ChangeApplier::utc).orElse(null));
            }
            case "record" -> {
                StoredRecord r = StoredRecord.fromJson(v, key);
                store.upsertRecord(r.recordId().value(), key, r.batch().gtin().value(), r.batch().lot().value(),
                        r.ownerMspId(), r.deviceId().value(), r.stage().name(), r.scope().number(),
                        JsonObjectReader.of(r.co2eJson(), key + ".co2e").requireString("total"), r.txId(),
                        tx.blockNumber());
            }
            case "transfer" -> {
                StoredTransfer t = StoredTransfer.fromJson(v, key);
                store.upsertTransfer(t.transferId().value(), key, t.from().gtin().value(), t.from().lot().value(),
                        t.to().map(to -> to.gtin().value()).orElse(null), t.to().map(to -> to.lot().value()).orElse(null),
                        t.senderMspId(), t.receiverMspId(), t.status(), utc(t.shippedAt()));
            }
            case "attestation" -> {
                StoredAttestation a = StoredAttestation.fromJson(v, key);
                store.upsertAttestation(a.attestationId().value(), key, a.batch().gtin().value(),
                        a.batch().lot().value(), a.certifierMspId(), a.verdict(), a.sealHash().toHex(),
                        utc(a.validFrom()), utc(a.validUntil()));
            }
            case "designation" -> {
                StoredDesignation d = StoredDesignation.fromJson(v, key);
                store.upsertDesignation(key, d.producerMspId(), d.certifierMspId(), utc(d.designatedAt()), d.txId());
            }
            case "recordTransaction" -> {
                StoredRecordTransaction t = StoredRecordTransaction.fromJson(v, key);
                store.upsertRecordTransaction(key, t.batch().gtin().value(), t.batch().lot().value(), t.txId(),
                        String.join(",", t.holders()), tx.blockNumber());
            }
            default -> {
                // Other types live in ledger_state only; the API reads them from there by key or type.
            }
        }
    }

    /** Removes a deleted state's projection (a revoked designation, a purged record). */
    private static void unproject(ChangeBatch store, String type, String key) {
        switch (type) {
            case "batch" -> store.deleteBatch(key);
            case "record" -> store.deleteRecord(key.substring(key.indexOf('/') + 1));
            case "designation" -> store.deleteDesignation(key);
            case "recordTransaction" -> store.deleteRecordTransaction(key);
            default -> {
                // No projection.
            }
        }
    }

    /** The stored seal is kept verbatim by the state model; the read model lists two of its totals. */
    private static String total(JsonObject seal, String member) {
        return JsonObjectReader.of(JsonObjectReader.of(seal, "seal").requireObject(member).object(), member).requireString("total");
    }

    /** Instants are stored as UTC wall-clock DATETIME(6), whatever the JVM's or the server's time zone. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
