package org.carbonledger.core.verify;

import java.util.List;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * What a check's outcome rests on. A member may read the records of its own batches and of the producers that
 * designated it, and nothing else; the footprint of any other batch it can only take as sealed, on a certifier's
 * word. The report says which checks are which, so nobody mistakes one for the other.
 */
public enum Basis {
    /** The verifier recomputed the outcome from the data in the bundle. */
    RECOMPUTED,
    /**
     * The data to recompute from was not disclosed to the collector: the sealed values are taken as sealed, and the
     * check passes only when an attestation that counts (VERIFIED, by a current certifier, covering the current
     * seal, valid at the verification time) vouches for them.
     */
    ATTESTED;

    /**
     * @param name {@code RECOMPUTED} or {@code ATTESTED}
     * @param field the JSON path, for the error message
     * @return the basis
     */
    public static Basis of(String name, String field) {
        for (Basis b : values()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, name, "basis must be one of "
                + List.of(values()));
    }
}
