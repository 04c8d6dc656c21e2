package org.carbonledger.chaincode.ledger;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.LedgerState;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredRecord;

/**
 * Client-chosen ids (records, transfers, attestations, proposals) are unique forever across all kinds: the first
 * transaction that uses one claims its key {@code ID/<id>}, any later use is a replay and is refused. Two
 * transactions in flight with the same id both read "absent", but Fabric's read-set validation lets only the first
 * commit.
 *
 * <p>Transfers, attestations and proposals write a small claim there and keep their state under their own key. A
 * record is private: it is stored at the same key in its holders' collections, never on the public state, and takes
 * its id there; a claim looks for the hash of that key in every member's collection. A record checks the public
 * claims and its owner's collection (one hash read per record, not one per member: records are the bulk of the
 * ledger), so two organizations' records could carry the same id without either knowing the other's.
 */
public final class UniqueIds {
    public static final String ID = StateKeys.ID;

    private UniqueIds() {
    }

    /** The claim key of an id. */
    public static String key(LedgerContext ctx, LedgerId id) {
        return ctx.key(ID, id.value());
    }

    /** Refuses an id that any transaction of any kind has used; answers its (free) claim key. */
    public static String requireUnused(LedgerContext ctx, LedgerId id, String field) {
        String key = key(ctx, id);
        ctx.read(key, (json, path) -> LedgerState.read(StateKeys.ID, json, path)).ifPresent(existing -> {
            String kind = existing instanceof StoredIdClaim claim ? claim.kind() : StoredIdClaim.RECORD;
            String txId = existing instanceof StoredIdClaim claim ? claim.txId() : ((StoredRecord) existing).txId();
            throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, id.value(),
                    "already used by " + kind + " in transaction " + txId);
        });
        return key;
    }

    /**
     * Claims an id for a state kept elsewhere (a transfer, attestation or proposal). Records are private, so an id a
     * record took is found by the hash of its key in any member's collection, which every peer has.
     */
    public static void claim(LedgerContext ctx, LedgerId id, String kind, String field) {
        String key = requireUnused(ctx, id, field);
        for (String member : Membership.members(ctx)) {
            if (ctx.readPrivateHash(PrivateData.collectionOf(member), key).isPresent()) {
                throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, id.value(), "already used by a record");
            }
        }
        ctx.write("id", key, new StoredIdClaim(id, kind, ctx.txId()));
    }
}
