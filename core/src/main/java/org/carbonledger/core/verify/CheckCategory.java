package org.carbonledger.core.verify;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** The five parts of end-to-end verification, numbered as the product specification and docs/verification.md do. */
public enum CheckCategory {
    /** 1. Every record's signature against its device key, and that the key was valid for the record. */
    RECORDS(1, "signed records and device keys"),
    /** 2. Every record, transfer, seal and attestation transaction is committed and VALID on the ledger. */
    TRANSACTIONS(2, "transactions committed and VALID"),
    /** 3. The recomputed footprint equals the sealed one exactly, and the Merkle root matches. */
    FOOTPRINT(3, "recomputed footprint, seal and allocations"),
    /** 4. Mass balance of every upstream batch. */
    MASS_BALANCE(4, "mass balance"),
    /** 5. Attestations come from organizations holding the CERTIFIER role and cover the current seal. */
    ATTESTATIONS(5, "attestations");

    private final int number;
    private final String title;

    CheckCategory(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /** @return 1 to 5, the part's number in the specification */
    public int number() {
        return number;
    }

    /** @return a short title for people */
    public String title() {
        return title;
    }

    /**
     * @param number 1 to 5
     * @param field the JSON path, for the error message
     * @return the category
     */
    public static CheckCategory of(long number, String field) {
        for (CheckCategory c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, Long.toString(number),
                "category must be 1 to 5");
    }
}
