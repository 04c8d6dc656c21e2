package org.carbonledger.chaincode.batch;

import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.merkle.SealHash;
import org.carbonledger.core.quantity.Quantity;

/** Reading batch state, shared by the contracts that act on batches. */
public final class Batches {
    public static final String BATCH = StateKeys.BATCH;
    public static final String BY_OWNER = StateKeys.BATCH_BY_OWNER;
    public static final String OPEN = "OPEN";
    public static final String SEALED = "SEALED";

    private Batches() {
    }

    public static String key(LedgerContext ctx, BatchId id) {
        return ctx.key(BATCH, id.gtin().value(), id.lot().value());
    }

    public static JsonObject find(LedgerContext ctx, BatchId id, String field) {
        return ctx.read(key(ctx, id)).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, field, id.toString(), "no such batch"));
    }

    /** The batch, which must belong to {@code msp}. */
    public static JsonObject findOwned(LedgerContext ctx, BatchId id, String msp, String field) {
        JsonObject batch = find(ctx, id, field);
        String owner = owner(batch);
        if (!owner.equals(msp)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, field, id.toString(),
                    "batch belongs to " + owner + ", not to " + msp);
        }
        return batch;
    }

    public static String owner(JsonObject batch) {
        return Fields.string(batch, "ownerMspId");
    }

    public static String status(JsonObject batch) {
        return Fields.string(batch, "status");
    }

    public static Quantity quantity(JsonObject batch) {
        return Quantity.fromJson(JsonObjectReader.of(batch, "").requireObject("quantity").object(), "quantity");
    }

    /** How much of the batch has been shipped so far (the allocation cursor; it never goes back). */
    public static Quantity shipped(JsonObject batch) {
        return Quantity.fromJson(JsonObjectReader.of(batch, "").requireObject("shipped").object(), "shipped");
    }

    public static JsonObject seal(JsonObject batch) {
        return JsonObjectReader.of(batch, "").requireObject("seal").object();
    }

    public static SealHash sealHash(JsonObject batch) {
        return SealHash.ofHex(Fields.string(batch, "sealHash"), "sealHash");
    }

    public static void requireOpen(JsonObject batch, BatchId id, String field) {
        if (!status(batch).equals(OPEN)) {
            throw LedgerRuleException.of(ErrorCode.BATCH_SEALED, field, id.toString(),
                    "batch is sealed: its footprint is fixed and nothing can be added");
        }
    }

    public static void requireSealed(JsonObject batch, BatchId id, String field) {
        if (!status(batch).equals(SEALED)) {
            throw LedgerRuleException.of(ErrorCode.BATCH_NOT_SEALED, field, id.toString(),
                    "batch is not sealed yet: only a sealed footprint can travel or be attested");
        }
    }
}
