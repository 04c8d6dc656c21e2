package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
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
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.carbonledger.core.ledger.StoredRecordTransaction;
import org.carbonledger.core.ledger.request.LedgerPage;

/**
 * Stored emission records of a batch, as the seal and the queries read them. Records are private data: each
 * transaction that adds records to a batch writes them together as one record set {@code RECORDS/<gtin>/<lot>/<txId>}
 * ({@link StoredRecordSet}) in the private collection of every organization that holds them (the owner and the
 * certifiers it had designated), and on the public world state a trace {@code RECORD_TX/<gtin>/<lot>/<txId>} naming
 * the holders. Each record's id is claimed at {@code ID/<recordId>} in the owner's collection only
 * ({@link RecordContract}). One value per transaction rather than one per record: every private key costs a hashed
 * write on every peer and store writes on each holder's, and records are the bulk of the ledger.
 *
 * <p>The seal finds a batch's record sets by a range over the public traces: Fabric refuses a range over private
 * data in a transaction that writes, and the public range keeps the seal safe against records committed while it was
 * in flight (a new trace invalidates it, a phantom read).
 *
 * <p>Reading a private value ({@link #readHeld}) is done so that every holder's peer simulates identically: each
 * reads the value from its own collection and the hash of every other holder's copy, and the read set is the same on
 * all of them (Fabric records a value read and a hash read alike). The copies must agree, or nothing is answered.
 * Collections are memberOnlyRead ({@link PrivateData}), so a value is read only for a client of the peer's own
 * organization; a transaction another organization's client submits (the owner's seal, on its certifier's peer)
 * brings the values in its transient map and each endorser checks them against the holders' hashes
 * ({@link #sealContributions}).
 */
public final class Records {
    public static final String SETS = StateKeys.RECORD_INDEX;
    public static final String TRANSACTIONS = StateKeys.RECORD_TRANSACTION;

    private Records() {
    }

    /** Writes one transaction's record set of a batch to each holder's collection, and its public trace. */
    static void store(LedgerContext ctx, StoredRecordSet set, List<String> holders) {
        BatchId batch = set.batch();
        String key = ctx.key(SETS, batch.gtin().value(), batch.lot().value(), set.txId());
        for (String holder : holders) {
            ctx.writePrivate(PrivateData.collectionOf(holder), key, set);
        }
        ctx.write("recordTransaction", ctx.key(TRANSACTIONS, batch.gtin().value(), batch.lot().value(), set.txId()),
                new StoredRecordTransaction(batch, set.txId(), holders));
    }

    /** The public traces of the batch's record transactions, in key order. */
    public static List<StoredRecordTransaction> transactions(LedgerContext ctx, BatchId batch) {
        return ctx.readAll(StoredRecordTransaction::fromJson, TRANSACTIONS, batch.gtin().value(), batch.lot().value());
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
        if (!here.equals(ctx.actingMsp())) {
            // The collection is memberOnlyRead: Fabric would refuse the read with a message naming no reason.
            throw LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "peer", here, what + " is read only for clients of "
                    + here + " on this peer; " + ctx.actingMsp() + " reads its own copy on its own peer");
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

    /** The records one transaction added to a batch, from the record set its holders keep. */
    private static List<StoredRecord> setOf(LedgerContext ctx, StoredRecordTransaction trace) {
        return recordSetOf(ctx, trace).records();
    }

    private static StoredRecordSet recordSetOf(LedgerContext ctx, StoredRecordTransaction trace) {
        BatchId batch = trace.batch();
        String key = setKey(ctx, trace);
        String what = "the records of transaction " + trace.txId();
        byte[] bytes = readHeld(ctx, trace.holders(), key, what).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        what + " are missing; they were not written by this chaincode"));
        return parseSet(trace, Json.parseObject(bytes, key), key);
    }

    private static String setKey(LedgerContext ctx, StoredRecordTransaction trace) {
        return ctx.key(SETS, trace.batch().gtin().value(), trace.batch().lot().value(), trace.txId());
    }

    private static StoredRecordSet parseSet(StoredRecordTransaction trace, JsonObject json, String key) {
        BatchId batch = trace.batch();
        String what = "the records of transaction " + trace.txId();
        StoredRecordSet set;
        try {
            set = StoredRecordSet.fromJson(json, StateKeys.readable(key));
        } catch (LedgerRuleException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                    what + " do not read as a record set (" + e.getMessage() + "); they were not written by this chaincode");
        }
        if (!set.batch().equals(batch) || !set.txId().equals(trace.txId())) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                    what + " name another batch or transaction; they were not written by this chaincode");
        }
        return set;
    }

    /**
     * Every record set of the batch, as stored, for a client whose organization holds them all (the owner): what it
     * puts in a seal's transient map ({@link PrivateData#RECORD_SETS}).
     */
    public static List<StoredRecordSet> recordSets(LedgerContext ctx, BatchId batch) {
        Batches.find(ctx, batch, "batch");
        String caller = ctx.actingMsp();
        List<StoredRecordSet> sets = new ArrayList<>();
        for (StoredRecordTransaction trace : transactions(ctx, batch)) {
            if (!trace.holders().contains(caller)) {
                throw notVisible(ctx, batch, caller);
            }
            sets.add(recordSetOf(ctx, trace));
        }
        return sets;
    }

    /**
     * Every record of the batch, in record-id order, from the record sets the client supplied in the transient map:
     * one for each public trace of the batch, each byte for byte what every holder of that trace keeps (its canonical
     * JSON hashes to the hash each holder's collection has). Reads only hashes, so every endorser records the same
     * read set and none needs another organization's collection. This peer's organization must hold every set: the
     * client sends the records only to holders, and a peer of another organization does not take part.
     */
    private static TreeMap<String, StoredRecord> supplied(LedgerContext ctx, BatchId batch, Optional<byte[]> suppliedSets) {
        List<StoredRecordTransaction> traces = transactions(ctx, batch);
        TreeMap<String, StoredRecord> records = new TreeMap<>();
        if (traces.isEmpty() && suppliedSets.isEmpty()) {
            return records;
        }
        String field = "transient." + PrivateData.RECORD_SETS;
        JsonValue parsed = Json.parse(suppliedSets.orElseThrow(() -> LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT,
                field, "(absent)", "a seal carries the batch's record sets as its owner's peer keeps them (Records:ListRecordSets)")),
                field);
        if (!(parsed instanceof JsonArray array)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field, "must be a JSON array of record sets");
        }
        Map<String, JsonObject> byTx = new TreeMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject set = JsonObjectReader.asObject(array.get(i), field + "[" + i + "]");
            String txId = JsonObjectReader.of(set, field + "[" + i + "]").requireString("txId");
            if (byTx.put(txId, set) != null) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field + "[" + i + "].txId", txId, "appears twice");
            }
        }
        String here = ctx.peerMsp();
        for (StoredRecordTransaction trace : traces) {
            if (!trace.holders().contains(here)) {
                throw LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "peer", here, "the records of transaction "
                        + trace.txId() + " are held by " + String.join(", ", trace.holders())
                        + ", not by this peer's organization: a seal is endorsed by the holders of every record");
            }
            JsonObject json = byTx.remove(trace.txId());
            if (json == null) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, trace.txId(), "lacks the records transaction "
                        + trace.txId() + " added to batch " + batch + "; read the sets again (Records:ListRecordSets) and retry");
            }
            String key = setKey(ctx, trace);
            byte[] hash = PrivateData.valueHash(Jcs.canonicalize(json)).bytes();
            for (String holder : trace.holders()) {
                byte[] kept = ctx.readPrivateHash(PrivateData.collectionOf(holder), key).orElse(null);
                if (kept == null || !Arrays.equals(kept, hash)) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(), "the records of transaction "
                            + trace.txId() + " differ from what " + holder + " keeps (or it keeps none); they were "
                            + "not written by this chaincode, or the client supplied other records");
                }
            }
            for (StoredRecord record : parseSet(trace, json, key).records()) {
                if (records.put(record.recordId().value(), record) != null) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(), "record "
                            + record.recordId().value() + " is stored twice; it was not written by this chaincode");
                }
            }
        }
        if (!byTx.isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, String.join(", ", byTx.keySet()),
                    "names transactions that added no records to batch " + batch);
        }
        return records;
    }

    /** Every record of the batch (only those {@code visibleTo} holds, when given), in record-id order. */
    private static TreeMap<String, StoredRecord> held(LedgerContext ctx, BatchId batch, Optional<String> visibleTo) {
        TreeMap<String, StoredRecord> records = new TreeMap<>();
        boolean any = false;
        for (StoredRecordTransaction trace : transactions(ctx, batch)) {
            any = true;
            if (visibleTo.isPresent() && !trace.holders().contains(visibleTo.get())) {
                continue;
            }
            for (StoredRecord record : setOf(ctx, trace)) {
                if (records.put(record.recordId().value(), record) != null) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(), "record "
                            + record.recordId().value() + " is stored twice; it was not written by this chaincode");
                }
            }
        }
        if (any && records.isEmpty() && visibleTo.isPresent()) {
            throw notVisible(ctx, batch, visibleTo.get());
        }
        return records;
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
        Optional<StoredRecordTransaction> claimed = traceByClaim(ctx, batch, recordId, caller);
        if (claimed.isPresent() && claimed.get().holders().contains(caller)) {
            Optional<StoredRecord> found = setOf(ctx, claimed.get()).stream().filter(r -> r.recordId().equals(recordId)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        boolean hidden = false;
        for (StoredRecordTransaction trace : transactions(ctx, batch)) {
            if (!trace.holders().contains(caller)) {
                hidden = true;
                continue;
            }
            Optional<StoredRecord> found = setOf(ctx, trace).stream().filter(r -> r.recordId().equals(recordId)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        if (hidden) {
            throw notVisible(ctx, batch, caller);
        }
        return Optional.empty();
    }

    /**
     * The owner's short way to a record: its id claim in the owner's own collection names the transaction that wrote
     * it, so one record set is read instead of every set of the batch. A batch can hold tens of thousands of records,
     * and a client retrying after a time-out has its replays resolved through this lookup: read set by set, it took
     * longer than the Gateway's evaluate deadline. Empty when the caller is not the owner asking its own peer, or the
     * claim names another batch's transaction.
     */
    private static Optional<StoredRecordTransaction> traceByClaim(LedgerContext ctx, BatchId batch, LedgerId recordId, String caller) {
        if (!caller.equals(ctx.peerMsp())) {
            return Optional.empty();
        }
        Optional<byte[]> claim = ctx.readPrivate(PrivateData.collectionOf(caller), UniqueIds.key(ctx, recordId));
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        StoredIdClaim c = StoredIdClaim.fromJson(Json.parseObject(claim.get(), "claim"), "claim");
        if (!c.kind().equals(StoredIdClaim.RECORD)) {
            return Optional.empty();
        }
        return ctx.read(ctx.key(TRANSACTIONS, batch.gtin().value(), batch.lot().value(), c.txId()), StoredRecordTransaction::fromJson);
    }

    /**
     * One page of the batch's records the calling organization may see, in record-id order, after the record id
     * {@code bookmark} ("" = from the start). Refused when the batch has records and the caller holds none.
     */
    public static LedgerPage page(LedgerContext ctx, BatchId batch, int pageSize, String bookmark) {
        Batches.find(ctx, batch, "batch");
        TreeMap<String, StoredRecord> all = held(ctx, batch, Optional.of(ctx.actingMsp()));
        SortedMap<String, StoredRecord> rest = bookmark.isEmpty() ? all
                : all.tailMap(LedgerId.parse(bookmark, "bookmark").value() + "\u0000");
        List<StoredRecord> records = rest.values().stream().limit(pageSize).toList();
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
        return setOf(ctx, trace);
    }

    /**
     * Every record of the batch as a seal contribution, in record-id order, each checked again as at submission
     * (device of the owner, valid key, signature, CO2e recomputed) and compared with what is stored. The seal is
     * endorsed by the owner's peer and the certifiers' peers that hold the records (the batch key and the records'
     * collections require them), so a record that reached the batch by any other way is caught here and the seal
     * refused.
     */
    public static List<RecordContribution> sealContributions(LedgerContext ctx, BatchId batch, String owner,
                                                             Optional<byte[]> suppliedSets) {
        RecordChecks checks = new RecordChecks(ctx, owner);
        List<RecordContribution> result = new ArrayList<>();
        for (var entry : supplied(ctx, batch, suppliedSets).entrySet()) {
            String recordId = entry.getKey();
            StoredRecord stored = entry.getValue();
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
