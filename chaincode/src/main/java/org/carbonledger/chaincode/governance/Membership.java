package org.carbonledger.chaincode.governance;

import java.util.List;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredConsortium;
import org.carbonledger.core.ledger.StoredOwnership;

/** Who belongs to the consortium and which roles they hold, as every contract checks it. */
public final class Membership {
    static final String CONSORTIUM_KEY = StateKeys.CONSORTIUM;
    static final String ORG = StateKeys.ORGANIZATION;
    static final String ROLE = StateKeys.ROLE;
    static final String OWNERSHIP = StateKeys.OWNERSHIP;

    private Membership() {
    }

    /** The member MSPs, sorted. */
    public static List<String> members(LedgerContext ctx) {
        StoredConsortium consortium = ctx.read(CONSORTIUM_KEY, StoredConsortium::fromJson).orElseThrow(() ->
                new LedgerRuleException(ErrorCode.INVALID_STATE, "", "the consortium has not been bootstrapped yet"));
        return consortium.members();
    }

    /** The acting organization, which must be a member. */
    public static String requireMember(LedgerContext ctx) {
        String msp = ctx.actingMsp();
        if (!members(ctx).contains(msp)) {
            throw new LedgerRuleException(ErrorCode.FORBIDDEN, "", "organization " + msp + " is not a member of the consortium");
        }
        return msp;
    }

    public static boolean holds(LedgerContext ctx, String msp, Role role) {
        return ctx.exists(ctx.key(ROLE, msp, role.name()));
    }

    /** The acting organization, which must hold the role. */
    public static String requireRole(LedgerContext ctx, Role role) {
        String msp = requireMember(ctx);
        if (!holds(ctx, msp, role)) {
            throw new LedgerRuleException(ErrorCode.ROLE_REQUIRED, "", "organization " + msp + " does not hold the " + role + " role");
        }
        return msp;
    }

    /**
     * Makes the current transaction need the organization's own endorsement. A key-level policy protects only keys
     * that already exist, so creations (devices, products, batches) also advance the organization's ownership key,
     * which carries the policy "owner AND majority" from the bootstrap on: no majority can create in its name.
     */
    public static void requireOwnEndorsement(LedgerContext ctx, String msp) {
        String key = ctx.key(OWNERSHIP, msp);
        StoredOwnership ownership = ctx.read(key, StoredOwnership::fromJson).orElseThrow(() ->
                new LedgerRuleException(ErrorCode.INVALID_STATE, "", "organization " + msp
                        + " has no ownership record (the consortium was bootstrapped without it)"));
        ctx.write("ownership", key, ownership.next(ctx.txId()));
    }

    static StoredOwnership newOwnership(String msp, LedgerContext ctx) {
        return new StoredOwnership(msp, 0, ctx.txId());
    }
}
