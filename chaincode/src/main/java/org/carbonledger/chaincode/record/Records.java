package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/** Stored emission records of a batch, as the seal and the queries read them. */
public final class Records {
    public static final String RECORD = "RECORD";

    private Records() {
    }

    public static String key(LedgerContext ctx, BatchId batch, LedgerId recordId) {
        return ctx.key(RECORD, batch.gtin().value(), batch.lot().value(), recordId.value());
    }

    /**
     * Every record of the batch as a seal contribution, in key (record id) order, each checked again as at submission
     * (device of the owner, valid key, signature, CO2e recomputed) and compared with what is stored. The seal runs on
     * the owner's peer (the batch key requires it), so a record that reached the batch by any other way (a majority
     * of the other members endorsing a write the chaincode would refuse) is caught here and the seal refused.
     */
    public static List<RecordContribution> contributions(LedgerContext ctx, BatchId batch, String owner) {
        RecordChecks checks = new RecordChecks(ctx, owner);
        List<RecordContribution> result = new ArrayList<>();
        for (JsonObject stored : ctx.readAll(RECORD, batch.gtin().value(), batch.lot().value())) {
            String recordId = Fields.string(stored, "recordId");
            JsonObjectReader r = JsonObjectReader.of(stored, "record");
            EmissionRecord record;
            Co2e co2e;
            try {
                record = EmissionRecord.parse(r.requireObject("record").object());
                co2e = checks.check(record);
            } catch (LedgerRuleException e) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        "stored record " + recordId + " does not check out (" + e.getMessage() + "); it was not written by this chaincode");
            }
            RecordContribution contribution = RecordContribution.of(record, co2e);
            RecordContribution claimed = new RecordContribution(
                    LedgerId.parse(recordId, "recordId"),
                    Hash.ofHex(Fields.string(stored, "contentHash"), "contentHash"),
                    Stage.parse(Fields.string(stored, "stage"), "stage"),
                    Scope.of(r.requireInteger("scope", 1, 3), "scope"),
                    Co2e.fromJson(r.requireObject("co2e").object(), "co2e"));
            if (!contribution.equals(claimed) || !record.batch().equals(batch)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.toString(),
                        "stored record " + recordId + " disagrees with its signed content; it was not written by this chaincode");
            }
            result.add(contribution);
        }
        return result;
    }
}
