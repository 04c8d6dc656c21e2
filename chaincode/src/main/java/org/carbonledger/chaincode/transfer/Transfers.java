package org.carbonledger.chaincode.transfer;

import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.quantity.Quantity;

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

    public static JsonObject find(LedgerContext ctx, String transferId) {
        return ctx.read(key(ctx, transferId)).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, "transferId", transferId, "no such transfer"));
    }

    public static BatchId source(JsonObject transfer) {
        JsonObject from = JsonObjectReader.of(transfer, "").requireObject("from").object();
        return BatchId.of(Fields.string(from, "gtin"), Fields.string(from, "lot"));
    }

    /** A received transfer as the receiving batch's seal counts it. */
    public static InboundTransfer inbound(LedgerContext ctx, String transferId) {
        JsonObject t = find(ctx, transferId);
        JsonObjectReader r = JsonObjectReader.of(t, "transfer");
        return new InboundTransfer(
                LedgerId.parse(transferId, "transferId"),
                source(t),
                Hash.ofHex(Fields.string(t, "sourceSealHash"), "sourceSealHash"),
                Quantity.fromJson(r.requireObject("quantity").object(), "quantity"),
                Quantity.fromJson(r.requireObject("sourceShippedBefore").object(), "sourceShippedBefore"),
                Co2e.fromJson(r.requireObject("allocated").object(), "allocated"));
    }
}
