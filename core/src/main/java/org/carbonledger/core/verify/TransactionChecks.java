package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The offline half of part 2. Offline the bundle's transaction list is only a claim; these checks make sure it
 * covers every transaction a state names and claims each VALID, so the online check has a complete list to confirm.
 */
final class TransactionChecks {

    private static final CheckCategory CATEGORY = CheckCategory.TRANSACTIONS;

    private TransactionChecks() {
    }

    static List<Check> transactions(VerificationContext ctx) {
        List<Check> checks = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (TransactionReference ref : ctx.bundle.transactionReferences()) {
            referenced.add(ref.txId());
            checks.add(listed(ctx, ref));
        }
        for (TransactionClaim claim : ctx.bundle.transactions().values()) {
            checks.add(claimedValid(claim, referenced.contains(claim.txId())));
        }
        return checks;
    }

    static Check listed(VerificationContext ctx, TransactionReference ref) {
        TransactionClaim claim = ctx.bundle.transactions().get(ref.txId());
        if (claim == null) {
            return Check.required(CheckIds.TRANSACTION_LISTED, CATEGORY, ref.subject(), false,
                    ref.field() + " " + ref.txId() + " is not in the bundle's transactions",
                    "the bundle does not say which block holds the transaction that wrote this state");
        }
        return Check.required(CheckIds.TRANSACTION_LISTED, CATEGORY, ref.subject(), true,
                ref.field() + " " + ref.txId() + " is listed: block " + claim.blockNumber() + ", "
                        + claim.validationCode(),
                "the transaction that wrote this state is listed for the online check");
    }

    /** A listed transaction that no state names cannot mislead the verification, so its claim only informs. */
    static Check claimedValid(TransactionClaim claim, boolean referenced) {
        boolean ok = claim.claimsValid();
        return new Check(CheckIds.TRANSACTION_CLAIMED_VALID, CATEGORY, Subject.transaction(claim.txId()), ok,
                referenced, "peer reported block " + claim.blockNumber() + ", validation code "
                        + claim.validationCode() + " vs expected " + TransactionClaim.VALID,
                ok ? "the collecting peer reported the transaction committed and VALID (confirm online)"
                        : "the collecting peer reported the transaction invalid: its writes are not on the ledger");
    }
}
