package org.carbonledger.chaincode.ledger;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** Validation of transaction arguments that are not domain values of core. */
public final class Inputs {
    public static final int MAX_PAGE_SIZE = 1000;

    private Inputs() {
    }

    public static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, String.valueOf(text),
                    "expected an ISO-8601 instant such as 2026-10-01T00:00:00Z");
        }
    }

    public static int pageSize(int requested) {
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "pageSize", Integer.toString(requested),
                    "must be 1 to " + MAX_PAGE_SIZE);
        }
        return requested;
    }

    /** Free text shown to people: bounded, without control characters. */
    public static String text(String value, String field, int maxLength) {
        if (value.length() > maxLength) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "control character at position " + (i + 1));
            }
        }
        return value;
    }
}
