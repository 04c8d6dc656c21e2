package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordIndex;
import org.carbonledger.core.ledger.request.LedgerPage;

/**
 * Stored emission records of a batch, as the seal and the queries read them. A record lives at its id's claim key
 * {@code ID/<recordId>} ({@link UniqueIds}); each transaction that adds records to a batch also writes one index
 * entry {@code RECORDS/<gtin>/<lot>/<txId>} listing their ids, so a batch's records are found by a range over its
 * index entries. The range is what makes the seal safe against records committed while it was in flight: a new
 * entry in the range invalidates the seal (phantom read), as a new record key did before.
 */
public final class Records {
    public static final String INDEX = StateKeys.RECORD_INDEX;

    private Records() {
    }

    /** The index entry of the records one transaction added to a batch. */
    public static void index(LedgerContext ctx, BatchId batch, List<LedgerId> recordIds) {
        List<LedgerId> sorted = new ArrayList<>(recordIds);
        Collections.sort(sorted);
        ctx.write("recordIndex", ctx.key(INDEX, batch.gtin().value(), batch.lot().value(), ctx.txId()),
                new StoredRecordIndex(batch, ctx.txId(), sorted));
    }

    /** Every record id the batch's index lists, in record-id order. */
    public static SortedSet<String> ids(LedgerContext ctx, BatchId batch) {
        SortedSet<String> ids = new TreeSet<>();
        for (StoredRecordIndex entry : ctx.readAll(StoredRecordIndex::fromJson, INDEX, batch.gtin().value(), batch.lot().value())) {
            entry.recordIds().forEach(id -> ids.add(id.value()));
        }
        return ids;
    }

    /** The stored record with this id if it is a record of this batch. */
    public static Optional<StoredRecord> find(LedgerContext ctx, BatchId batch, LedgerId recordId) {
        String key = UniqueIds.key(ctx, recordId);
        return ctx.read(key)
                .filter(state -> StoredIdClaim.kindOf(state).equals(StoredIdClaim.RECORD))
                .map(state -> StoredRecord.fromJson(state, StateKeys.readable(key)))
                .filter(record -> record.batch().equals(batch));
    }

    /** One page of the batch's records in record-id order, after the record id {@code bookmark} ("" = from the start). */
    public static LedgerPage page(LedgerContext ctx, BatchId batch, int pageSize, String bookmark) {
        SortedSet<String> ids = ids(ctx, batch);
        if (!bookmark.isEmpty()) {
            ids = ids.tailSet(LedgerId.parse(bookmark, "bookmark").value() + "\u0000");
        }
        List<StoredRecord> records = new ArrayList<>();
        for (String id : ids) {
            if (records.size() == pageSize) {
                break;
            }
            records.add(find(ctx, batch, LedgerId.parse(id, "recordId")).orElseThrow(() -> missing(batch, id)));
        }
        boolean more = ids.size() > records.size();
        return new LedgerPage(records.stream().map(StoredRecord::toJson).toList(),
                more ? records.get(records.size() - 1).recordId().value() : "");
    }

    private static LedgerRuleException missing(BatchId batch, String recordId) {
        return LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                "the batch's index lists record " + recordId + ", which is not a record of this batch; it was not written by this chaincode");
    }

    /**
     * Every record of the batch as a seal contribution, in record-id order, each checked again as at submission
     * (device of the owner, valid key, signature, CO2e recomputed) and compared with what is stored. The seal runs on
     * the owner's peer (the batch key requires it), so a record that reached the batch by any other way (a majority
     * of the other members endorsing a write the chaincode would refuse) is caught here and the seal refused.
     */
    public static List<RecordContribution> contributions(LedgerContext ctx, BatchId batch, String owner) {
        RecordChecks checks = new RecordChecks(ctx, owner);
        List<RecordContribution> result = new ArrayList<>();
        for (String recordId : ids(ctx, batch)) {
            StoredRecord stored = find(ctx, batch, LedgerId.parse(recordId, "recordId")).orElseThrow(() -> missing(batch, recordId));
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
            RecordContribution claimed = new RecordContribution(LedgerId.parse(recordId, "recordId"),
                    stored.contentHash(), stored.stage(), stored.scope(), Co2e.fromJson(stored.co2eJson(), "co2e"));
            if (!contribution.equals(claimed) || !record.batch().equals(batch)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        "stored record " + recordId + " disagrees with its signed content; it was not written by this chaincode");
            }
            result.add(contribution);
        }
        return result;
    }
}
