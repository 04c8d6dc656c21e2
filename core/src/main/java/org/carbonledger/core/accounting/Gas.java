package org.carbonledger.core.accounting;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Greenhouse gases a record can report directly, in kg. The JSON names are the constant names.
 *
 * <p>Fossil and non-fossil methane are separate because their GWP differs (the oxidation product of fossil CH4 is
 * fossil CO2). Biogenic CO2 is tracked but, per the GHG Protocol, reported outside the CO2e total.
 */
public enum Gas {
    /** Fossil carbon dioxide. */
    CO2,
    /** Carbon dioxide from biogenic carbon (reported separately, not in the total). */
    CO2_BIOGENIC,
    /** Methane of fossil origin. */
    CH4_FOSSIL,
    /** Methane of non-fossil (biogenic) origin. */
    CH4_NON_FOSSIL,
    /** Nitrous oxide. */
    N2O;

    private static final String NAMES = Arrays.stream(values()).map(Gas::name).collect(Collectors.joining(", "));

    /**
     * @param name a gas name as written in JSON
     * @param field the JSON path, for the error message
     * @return the gas
     * @throws LedgerRuleException (INVALID_ARGUMENT) listing the known names
     */
    public static Gas parse(String name, String field) {
        Objects.requireNonNull(name, "name");
        for (Gas g : values()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, name, "unknown gas; use one of " + NAMES);
    }
}
