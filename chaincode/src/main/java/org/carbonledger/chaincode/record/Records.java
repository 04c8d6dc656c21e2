package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordIndex;
import org.carbonledger.core.ledger.StoredRecordTransaction;
import org.carbonledger.core.ledger.request.LedgerPage;

/**
 * Stored emission records of a batch, as the seal and the queries read them. Records are private data: each lives
 * at {@code ID/<recordId>} in the implicit collection of every organization that holds it (the owner and the
 * certifiers it had designated), and each transaction that adds records to a batch writes, in the same collections,
 * an index entry {@code RECORDS/<gtin>/<lot>/<txId>} listing their ids, and on the public world state a trace
 * {@code RECORD_TX/<gtin>/<lot>/<txId>} naming the holders.
 *
 * <p>The seal finds a batch's records by a range over the public traces: Fabric refuses a range over private data in
 * a transaction that writes, and the public range keeps the seal safe against records committed while it was in
 * flight (a new trace invalidates it, a phantom read).
 *
 * <p>Reading a private value ({@link #readHeld}) is done so that every holder's peer simulates identically: each
 * reads the value from its own collection and the hash of every other holder's copy, and the read set is the same on
 * all of them (Fabric records a value read and a hash read alike). The copies must agree, or nothing is answered.
 */
public final class Records {
    public static final String INDEX = StateKeys.RECORD_INDEX;
    public static final String TRANSACTIONS = StateKeys.RECORD_TRANSACTION;

    private Records() {
    }

    /** The private index entries and the public trace of the records one transaction added to a batch. */
    static void index(LedgerContext ctx, BatchId batch, List<LedgerId> recordIds, List<String> holders) {
        List<LedgerId> sorted = new ArrayList<>(recordIds);
        Collections.sort(sorted);
        String key = ctx.key(INDEX, batch.gtin().value(), batch.lot().value(), ctx.txId());
        StoredRecordIndex entry = new StoredRecordIndex(batch, ctx.txId(), sorted);
        for (String holder : holders) {
            ctx.writePrivate(PrivateData.collectionOf(holder), key, entry);
        }
        ctx.write("recordTransaction", ctx.key(TRANSACTIONS, batch.gtin().value(), batch.lot().value(), ctx.txId()),
                new StoredRecordTransaction(batch, ctx.txId(), holders));
    }

    /** The public traces of the batch's record transactions, in key order. */
    public static List<StoredRecordTransaction> transactions(LedgerContext ctx, BatchId batch) {
        return ctx.readAll(StoredRecordTransaction::fromJson, TRANSACTIONS, batch.gtin().value(), batch.lot().value());
    }

    /** The private key of a record. */
    static String key(LedgerContext ctx, LedgerId recordId) {
        return UniqueIds.key(ctx, recordId);
    }

    /**
     * A private value several organizations hold, read on this peer: the value from this peer's organization's copy,
     * the hash of every other holder's copy, which must all be the value's hash.
     *
     * @param what names the value in refusals, e.g. "record 0b9f…"
     */
    static Optional<byte[]> readHeld(LedgerContext ctx, List<String> holders, String key, String what) {
        String here = ctx.peerMsp();
        if (!holders.contains(here)) {
            throw LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "peer", here, what + " is held by "
                    + String.join(", ", holders) + ", not by this peer's organization: ask a peer of one of them");
        }
        byte[] value = null;
        List<byte[]> otherHashes = new ArrayList<>();
        for (String holder : holders) {
            String collection = PrivateData.collectionOf(holder);
            if (holder.equals(here)) {
                value = ctx.readPrivate(collection, key).orElse(null);
            } else {
                otherHashes.add(ctx.readPrivateHash(collection, key).orElse(null));
            }
        }
        if (value == null) {
            if (otherHashes.stream().anyMatch(h -> h != null)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "peer", here, what
                        + " is missing from this peer's copy though other holders have it; the peer has not received it yet");
            }
            return Optional.empty();
        }
        byte[] hash = PrivateData.valueHash(value).bytes();
        for (byte[] other : otherHashes) {
            if (other == null || !Arrays.equals(other, hash)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "peer", here, "the holders' copies of " + what
                        + " differ; it was not written by this chaincode");
            }
        }
        return Optional.of(value);
    }

    /** The record ids one transaction added, from the private index entry its holders keep. */
    private static List<LedgerId> idsOf(LedgerContext ctx, StoredRecordTransaction trace) {
        BatchId batch = trace.batch();
        String key = ctx.key(INDEX, batch.gtin().value(), batch.lot().value(), trace.txId());
        String what = "the record index of transaction " + trace.txId();
        byte[] bytes = readHeld(ctx, trace.holders(), key, what).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        what + " is missing; it was not written by this chaincode"));
        StoredRecordIndex entry = StoredRecordIndex.fromJson(Json.parseObject(bytes, key), StateKeys.readable(key));
        if (!entry.batch().equals(batch) || !entry.txId().equals(trace.txId())) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                    what + " names another batch or transaction; it was not written by this chaincode");
        }
        return entry.recordIds();
    }

    /** A record read from its holders' copies, which must be a record of this batch. */
    private static StoredRecord read(LedgerContext ctx, List<String> holders, BatchId batch, LedgerId recordId) {
        String key = key(ctx, recordId);
        String what = "record " + recordId.value();
        byte[] bytes = readHeld(ctx, holders, key, what).orElseThrow(() -> missing(batch, recordId.value()));
        StoredRecord record = StoredRecord.fromJson(Json.parseObject(bytes, key), StateKeys.readable(key));
        if (!record.batch().equals(batch)) {
            throw missing(batch, recordId.value());
        }
        return record;
    }

    /** Every record of the batch with the organizations holding it, in record-id order. */
    private static TreeMap<String, List<String>> heldIds(LedgerContext ctx, BatchId batch, Optional<String> visibleTo) {
        TreeMap<String, List<String>> ids = new TreeMap<>();
        boolean any = false;
        for (StoredRecordTransaction trace : transactions(ctx, batch)) {
            any = true;
            if (visibleTo.isPresent() && !trace.holders().contains(visibleTo.get())) {
                continue;
            }
            for (LedgerId id : idsOf(ctx, trace)) {
                ids.put(id.value(), trace.holders());
            }
        }
        if (any && ids.isEmpty() && visibleTo.isPresent()) {
            throw notVisible(ctx, batch, visibleTo.get());
        }
        return ids;
    }

    private static LedgerRuleException notVisible(LedgerContext ctx, BatchId batch, String caller) {
        String owner = Batches.find(ctx, batch, "batch").ownerMspId();
        return LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "batch", batch.toString(), "the records of batch "
                + batch + " are private to " + owner + " and the certifiers it designated; " + caller + " is not one of them");
    }

    /**
     * The stored record with this id if it is a record of this batch that the calling organization may see. When the
     * batch has records the caller may not see, an id not found among the visible ones is refused as not visible
     * rather than answered as absent: whether a hidden record exists is not the caller's to learn.
     */
    public static Optional<StoredRecord> find(LedgerContext ctx, BatchId batch, LedgerId recordId) {
        String caller = ctx.actingMsp();
        boolean hidden = false;
        for (StoredRecordTransaction trace : transactions(ctx, batch)) {
            if (!trace.holders().contains(caller)) {
                hidden = true;
            } else if (idsOf(ctx, trace).contains(recordId)) {
                return Optional.of(read(ctx, trace.holders(), batch, recordId));
            }
        }
        if (hidden) {
            throw notVisible(ctx, batch, caller);
        }
        return Optional.empty();
    }

    /**
     * One page of the batch's records the calling organization may see, in record-id order, after the record id
     * {@code bookmark} ("" = from the start). Refused when the batch has records and the caller holds none.
     */
    public static LedgerPage page(LedgerContext ctx, BatchId batch, int pageSize, String bookmark) {
        Batches.find(ctx, batch, "batch");
        TreeMap<String, List<String>> ids = heldIds(ctx, batch, Optional.of(ctx.actingMsp()));
        java.util.SortedMap<String, List<String>> rest = bookmark.isEmpty() ? ids
                : ids.tailMap(LedgerId.parse(bookmark, "bookmark").value() + "\u0000");
        List<StoredRecord> records = new ArrayList<>();
        for (var entry : rest.entrySet()) {
            if (records.size() == pageSize) {
                break;
            }
            records.add(read(ctx, entry.getValue(), batch, LedgerId.parse(entry.getKey(), "recordId")));
        }
        boolean more = rest.size() > records.size();
        return new LedgerPage(records.stream().map(StoredRecord::toJson).toList(),
                more ? records.get(records.size() - 1).recordId().value() : "");
    }

    /**
     * The records one transaction added to the batch, in record-id order, for a caller that holds them; a transaction
     * that added none to this batch answers NOT_FOUND.
     */
    public static List<StoredRecord> ofTransaction(LedgerContext ctx, BatchId batch, String txId) {
        String key = ctx.key(TRANSACTIONS, batch.gtin().value(), batch.lot().value(), txId);
        StoredRecordTransaction trace = ctx.read(key, StoredRecordTransaction::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, "txId", txId, "added no records to batch " + batch));
        if (!trace.holders().contains(ctx.actingMsp())) {
            throw notVisible(ctx, batch, ctx.actingMsp());
        }
        List<StoredRecord> records = new ArrayList<>();
        for (LedgerId id : idsOf(ctx, trace)) {
            records.add(read(ctx, trace.holders(), batch, id));
        }
        return records;
    }

    private static LedgerRuleException missing(BatchId batch, String recordId) {
        return LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                "the batch's index lists record " + recordId + ", which is not a record of this batch; it was not written by this chaincode");
    }

    /**
     * Every record of the batch as a seal contribution, in record-id order, each checked again as at submission
     * (device of the owner, valid key, signature, CO2e recomputed) and compared with what is stored. The seal is
     * endorsed by the owner's peer and the certifiers' peers that hold the records (the batch key and the records'
     * collections require them), so a record that reached the batch by any other way is caught here and the seal
     * refused.
     */
    public static List<RecordContribution> contributions(LedgerContext ctx, BatchId batch, String owner) {
        RecordChecks checks = new RecordChecks(ctx, owner);
        List<RecordContribution> result = new ArrayList<>();
        for (var entry : heldIds(ctx, batch, Optional.empty()).entrySet()) {
            String recordId = entry.getKey();
            StoredRecord stored = read(ctx, entry.getValue(), batch, LedgerId.parse(recordId, "recordId"));
            EmissionRecord record;
            Co2e co2e;
            try {
                record = EmissionRecord.parse(stored.record());
                co2e = checks.check(record);
            } catch (LedgerRuleException e) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        "stored record " + recordId + " does not check out (" + e.getMessage() + "); it was not written by this chaincode");
            }
            RecordContribution contribution = RecordContribution.of(record, co2e);
            if (!contribution.equals(stored.contribution()) || !record.batch().equals(batch)
                    || !stored.ownerMspId().equals(owner)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        "stored record " + recordId + " disagrees with its signed content; it was not written by this chaincode");
            }
            result.add(contribution);
        }
        return result;
    }
}
