package org.carbonledger.chaincode.governance;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** Roles an organization holds on the ledger, granted and revoked only by a majority of member admins. */
public enum Role {
    PRODUCER,
    CERTIFIER;

    public static Role parse(String text, String field) {
        for (Role r : values()) {
            if (r.name().equals(text)) {
                return r;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text, "expected PRODUCER or CERTIFIER");
    }
}
