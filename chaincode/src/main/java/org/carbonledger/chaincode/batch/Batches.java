package org.carbonledger.chaincode.batch;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredBatch;

/** Finding batch state and the status rules shared by the contracts that act on batches. */
public final class Batches {
    public static final String BATCH = StateKeys.BATCH;
    public static final String BY_OWNER = StateKeys.BATCH_BY_OWNER;

    private Batches() {
    }

    public static String key(LedgerContext ctx, BatchId id) {
        return ctx.key(BATCH, id.gtin().value(), id.lot().value());
    }

    public static StoredBatch find(LedgerContext ctx, BatchId id, String field) {
        return ctx.read(key(ctx, id), StoredBatch::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, field, id.toString(), "no such batch"));
    }

    /** The batch, which must belong to {@code msp}. */
    public static StoredBatch findOwned(LedgerContext ctx, BatchId id, String msp, String field) {
        StoredBatch batch = find(ctx, id, field);
        String owner = batch.ownerMspId();
        if (!owner.equals(msp)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, field, id.toString(),
                    "batch belongs to " + owner + ", not to " + msp);
        }
        return batch;
    }

    public static void requireOpen(StoredBatch batch, BatchId id, String field) {
        if (!batch.status().equals(StoredBatch.OPEN)) {
            throw LedgerRuleException.of(ErrorCode.BATCH_SEALED, field, id.toString(),
                    "batch is sealed: its footprint is fixed and nothing can be added");
        }
    }

    public static void requireSealed(StoredBatch batch, BatchId id, String field) {
        if (!batch.status().equals(StoredBatch.SEALED)) {
            throw LedgerRuleException.of(ErrorCode.BATCH_NOT_SEALED, field, id.toString(),
                    "batch is not sealed yet: only a sealed footprint can travel or be attested");
        }
    }
}
