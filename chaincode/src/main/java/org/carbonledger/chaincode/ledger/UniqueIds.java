package org.carbonledger.chaincode.ledger;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredIdClaim;

/**
 * Client-chosen ids (records, transfers, attestations, proposals) are unique forever across all kinds: the first
 * transaction that uses one claims its key {@code ID/<id>}, any later use is a replay and is refused. Two
 * transactions in flight with the same id both read "absent", but Fabric's read-set validation lets only the first
 * commit.
 *
 * <p>Every kind writes a small claim there ({@link StoredIdClaim}) and keeps its state elsewhere. Transfers,
 * attestations and proposals claim on the public state. A record is private: its claim is written to its owner's
 * private collection only, never to the public state, and a transfer, attestation or proposal looks for the hash of
 * that key in every member's collection. A record checks only its owner's collection (one hashed read per record,
 * not one per member: records are the bulk of the ledger), so two organizations' records could carry the same id,
 * or a record an id a public claim took, without either knowing the other's.
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
        ctx.read(key, StoredIdClaim::fromJson).ifPresent(existing -> {
            throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, id.value(),
                    "already used by " + existing.kind() + " in transaction " + existing.txId());
        });
        return key;
    }

    /**
     * Claims an id for a state kept elsewhere (a transfer, attestation or proposal). A record's claim is private, so
     * an id a record took is found by the hash of its key in any member's collection, which every peer has.
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
