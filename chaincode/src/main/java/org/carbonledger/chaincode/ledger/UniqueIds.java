package org.carbonledger.chaincode.ledger;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;

/**
 * Client-chosen ids (records, transfers, attestations, proposals) are unique forever across all kinds: the first
 * transaction that uses one claims it, any later use is a replay and is refused. Two transactions in flight with
 * the same id both read "absent", but Fabric's read-set validation lets only the first commit.
 */
public final class UniqueIds {
    static final String ID = "ID";

    private UniqueIds() {
    }

    public static void claim(LedgerContext ctx, LedgerId id, String kind, String field) {
        String key = ctx.key(ID, id.value());
        ctx.read(key).ifPresent(existing -> {
            throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, id.value(),
                    "already used by " + Fields.string(existing, "kind") + " in transaction " + Fields.string(existing, "txId"));
        });
        ctx.write("id", key, JsonObject.builder().put("id", id.value()).put("kind", kind).put("txId", ctx.txId()).build());
    }
}
