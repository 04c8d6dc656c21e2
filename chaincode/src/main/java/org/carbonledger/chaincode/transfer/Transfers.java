package org.carbonledger.chaincode.transfer;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredTransfer;

/** Stored transfers, as the seal and the provenance query read them. */
public final class Transfers {
    public static final String TRANSFER = StateKeys.TRANSFER;
    public static final String BY_SOURCE = StateKeys.TRANSFER_BY_SOURCE;
    public static final String BY_RECEIVER = StateKeys.TRANSFER_BY_RECEIVER;

    private Transfers() {
    }

    public static String key(LedgerContext ctx, String transferId) {
        return ctx.key(TRANSFER, transferId);
    }

    public static StoredTransfer find(LedgerContext ctx, String transferId) {
        return ctx.read(key(ctx, transferId), StoredTransfer::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, "transferId", transferId, "no such transfer"));
    }

    /** A received transfer as the receiving batch's seal counts it. */
    public static InboundTransfer inbound(LedgerContext ctx, String transferId) {
        return find(ctx, transferId).inbound();
    }
}
