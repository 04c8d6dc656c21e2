package org.carbonledger.core.accounting;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Finds a published emission factor by id: ledger state in the chaincode, a proof bundle in a verifier. */
@FunctionalInterface
public interface FactorLookup {

    /**
     * @param factorId the id a record pins
     * @return the published factor, or empty if none has this id
     */
    Optional<EmissionFactor> find(String factorId);

    /**
     * @param factors factors by id
     * @return a lookup over them
     */
    static FactorLookup of(Map<String, EmissionFactor> factors) {
        Objects.requireNonNull(factors, "factors");
        return id -> Optional.ofNullable(factors.get(id));
    }
}
