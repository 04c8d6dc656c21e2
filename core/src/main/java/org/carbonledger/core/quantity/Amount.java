package org.carbonledger.core.quantity;

import java.math.BigDecimal;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A non-negative decimal amount as users and devices write it: at most 18 integer digits and 9 fraction digits.
 *
 * <p>{@link #parse} accepts only plain text of the form {@code (0|[1-9][0-9]*)(\.[0-9]+)?}: no sign, no exponent,
 * no whitespace, no leading zeros (other than a single {@code 0} before the point), no thousands separators.
 * Trailing fraction zeros are allowed ({@code 30000.00}) and count towards the 9 fraction digits. The value is
 * kept normalized, so {@code 1.50} and {@code 1.5} are equal amounts; {@link #toString()} is the canonical text.
 *
 * @param value the amount, normalized
 */
public record Amount(BigDecimal value) implements Comparable<Amount> {

    /** Most integer digits an amount may have. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Most fraction digits an amount may have. */
    public static final int MAX_FRACTION_DIGITS = 9;

    /** The amount zero. */
    public static final Amount ZERO = new Amount(BigDecimal.ZERO);

    /** Validates range and precision, and normalizes. */
    public Amount {
        value = check(Objects.requireNonNull(value, "value"), "amount");
    }

    /**
     * @param value a decimal
     * @param field the JSON path, for the error message
     * @return the amount
     * @throws LedgerRuleException (INVALID_AMOUNT) if negative or too precise
     */
    public static Amount of(BigDecimal value, String field) {
        return new Amount(check(Objects.requireNonNull(value, "value"), Objects.requireNonNull(field, "field")));
    }

    private static BigDecimal check(BigDecimal raw, String field) {
        BigDecimal value = Decimals.normalize(raw);
        String canonical = Decimals.canonical(value);
        if (value.signum() < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, canonical, "must not be negative");
        }
        int integerDigits = Math.max(0, value.precision() - value.scale());
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, canonical,
                    "has " + integerDigits + " integer digits, at most " + MAX_INTEGER_DIGITS + " allowed");
        }
        if (value.scale() > MAX_FRACTION_DIGITS) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, canonical,
                    "has " + value.scale() + " fraction digits, at most " + MAX_FRACTION_DIGITS + " allowed");
        }
        return value;
    }

    /**
     * @param text the decimal text
     * @param field the JSON path, for the error message (e.g. {@code activity.amount})
     * @return the amount
     * @throws LedgerRuleException (INVALID_AMOUNT) naming the field, the text and the reason
     */
    public static Amount parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        if (text.isEmpty()) {
            throw invalid(field, text, "is empty");
        }
        int dot = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == '.' && dot < 0) {
                dot = i;
                continue;
            }
            String reason;
            if (c == '-' && i == 0) {
                reason = "must not be negative";
            } else if (c == '+' && i == 0) {
                reason = "must not have a sign";
            } else if (c == 'e' || c == 'E') {
                reason = "exponent notation is not allowed; write plain digits";
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                reason = "must not contain whitespace";
            } else if (c == '.') {
                reason = "has more than one '.'";
            } else {
                reason = "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                        + " is not a digit or '.'";
            }
            throw invalid(field, text, reason);
        }
        String integerPart = dot < 0 ? text : text.substring(0, dot);
        String fractionPart = dot < 0 ? "" : text.substring(dot + 1);
        if (integerPart.isEmpty()) {
            throw invalid(field, text, "must start with a digit");
        }
        if (dot >= 0 && fractionPart.isEmpty()) {
            throw invalid(field, text, "must have digits after '.'");
        }
        if (integerPart.length() > 1 && integerPart.charAt(0) == '0') {
            throw invalid(field, text, "must not have leading zeros");
        }
        if (integerPart.length() > MAX_INTEGER_DIGITS) {
            throw invalid(field, text, "has " + integerPart.length() + " integer digits, at most "
                    + MAX_INTEGER_DIGITS + " allowed");
        }
        if (fractionPart.length() > MAX_FRACTION_DIGITS) {
            throw invalid(field, text, "has " + fractionPart.length() + " fraction digits, at most "
                    + MAX_FRACTION_DIGITS + " allowed");
        }
        return new Amount(new BigDecimal(text));
    }

    private static LedgerRuleException invalid(String field, String text, String reason) {
        return LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, text, reason);
    }

    /** @return true when the amount is zero */
    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(Amount other) {
        return value.compareTo(other.value);
    }

    /** @return the canonical text ({@link Decimals#canonical}) */
    @Override
    public String toString() {
        return Decimals.canonical(value);
    }
}
