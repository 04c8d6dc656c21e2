package org.carbonledger.core.accounting;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** GHG Protocol scopes; written in JSON as the integers 1, 2 and 3. */
public enum Scope {
    /** Direct emissions from owned or controlled sources. */
    SCOPE_1(1),
    /** Indirect emissions from purchased energy. */
    SCOPE_2(2),
    /** Other indirect emissions of the value chain, including purchased material. */
    SCOPE_3(3);

    private final int number;

    Scope(int number) {
        this.number = number;
    }

    /** @return 1, 2 or 3 */
    public int number() {
        return number;
    }

    /**
     * @param number 1, 2 or 3
     * @param field the JSON path, for the error message
     * @return the scope
     */
    public static Scope of(long number, String field) {
        for (Scope s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, Long.toString(number), "scope must be 1, 2 or 3");
    }
}
