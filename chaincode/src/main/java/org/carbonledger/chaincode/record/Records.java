package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.crypto.Hash;
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

    /** Every record of the batch as a seal contribution, in key (record id) order. */
    public static List<RecordContribution> contributions(LedgerContext ctx, BatchId batch) {
        List<RecordContribution> result = new ArrayList<>();
        for (JsonObject stored : ctx.readAll(RECORD, batch.gtin().value(), batch.lot().value())) {
            JsonObjectReader r = JsonObjectReader.of(stored, "record");
            result.add(new RecordContribution(
                    LedgerId.parse(Fields.string(stored, "recordId"), "recordId"),
                    Hash.ofHex(Fields.string(stored, "contentHash"), "contentHash"),
                    Stage.parse(Fields.string(stored, "stage"), "stage"),
                    Scope.of(r.requireInteger("scope", 1, 3), "scope"),
                    Co2e.fromJson(r.requireObject("co2e").object(), "co2e")));
        }
        return result;
    }
}
