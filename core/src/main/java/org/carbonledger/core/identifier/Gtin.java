package org.carbonledger.core.identifier;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A GS1 Global Trade Item Number, normalized to GTIN-14.
 *
 * <p>{@link #parse} accepts GTIN-8, GTIN-12, GTIN-13 and GTIN-14 digit strings, verifies the GS1 mod-10 check
 * digit and left-pads with zeros to 14 digits, so {@code 9506000134352} and {@code 09506000134352} are the same
 * product.
 *
 * @param value the 14 digits
 */
public record Gtin(String value) implements Comparable<Gtin> {

    /** Validates 14 digits with a correct check digit. */
    public Gtin {
        Objects.requireNonNull(value, "value");
        validate(value, "gtin", true);
    }

    /**
     * @param text 8, 12, 13 or 14 digits with a valid GS1 check digit
     * @param field the JSON path, for the error message
     * @return the GTIN, normalized to 14 digits
     * @throws LedgerRuleException (INVALID_GTIN) naming the field, the value and what is wrong
     */
    public static Gtin parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        validate(text, field, false);
        return new Gtin("0".repeat(14 - text.length()) + text);
    }

    /**
     * @param text 8, 12, 13 or 14 digits with a valid GS1 check digit
     * @return the GTIN, normalized to 14 digits
     */
    public static Gtin parse(String text) {
        return parse(text, "gtin");
    }

    /**
     * Computes the GS1 mod-10 check digit of the digits before it: weights 3, 1, 3, … from the right.
     *
     * @param digitsWithoutCheck the digits, without the check digit
     * @return the check digit 0–9
     */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        int weight = 3;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    private static void validate(String text, String field, boolean normalized) {
        int n = text.length();
        if (normalized ? n != 14 : n != 8 && n != 12 && n != 13 && n != 14) {
            throw LedgerRuleException.of(ErrorCode.INVALID_GTIN, field, text,
                    (normalized ? "must have 14 digits" : "must have 8, 12, 13 or 14 digits") + ", found " + n
                            + " characters");
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw LedgerRuleException.of(ErrorCode.INVALID_GTIN, field, text,
                        "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                                + " is not a digit");
            }
        }
        int expected = checkDigit(text.substring(0, n - 1));
        int actual = text.charAt(n - 1) - '0';
        if (expected != actual) {
            throw LedgerRuleException.of(ErrorCode.INVALID_GTIN, field, text,
                    "check digit is " + actual + ", expected " + expected);
        }
        if (text.chars().allMatch(c -> c == '0')) {
            throw LedgerRuleException.of(ErrorCode.INVALID_GTIN, field, text, "all zeros is not a GTIN");
        }
    }

    @Override
    public int compareTo(Gtin other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
