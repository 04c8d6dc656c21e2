package org.carbonledger.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A JSON number, kept as the exact text of its RFC 8259 literal (e.g. {@code -0}, {@code 12}, {@code 1.5e3}).
 *
 * <p>Keeping the literal rather than a binary value means no precision is ever lost between parsing and writing.
 * Note that {@link Jcs} accepts only integer literals in the range ±(2<sup>53</sup>−1); the ledger carries
 * decimals as strings.
 *
 * @param text the number literal
 */
public record JsonNumber(String text) implements JsonValue {

    /** The largest integer every IEEE-754 double (and so every JCS implementation) represents exactly. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    /** Validates {@code text} against the RFC 8259 number grammar. */
    public JsonNumber {
        Objects.requireNonNull(text, "text");
        String problem = grammarProblem(text);
        if (problem != null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "", text, "not a JSON number: " + problem);
        }
    }

    /**
     * @param value an integer
     * @return the JSON number with that value
     */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** @return true when the literal has neither a fraction nor an exponent part */
    public boolean isInteger() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the exact value of the literal
     * @throws LedgerRuleException if the exponent is too large for {@link BigDecimal}
     */
    public BigDecimal bigDecimalValue() {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "", text, "number out of range");
        }
    }

    /**
     * Returns the value of an integer literal within ±(2<sup>53</sup>−1).
     *
     * @param field the JSON path, for the error message
     * @return the value
     * @throws LedgerRuleException if the literal has a fraction or exponent or is out of that range
     */
    public long safeIntegerValue(String field) {
        Objects.requireNonNull(field, "field");
        if (!isInteger()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                    "must be an integer without fraction or exponent");
        }
        BigInteger v = new BigInteger(text);
        if (v.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                    "integer outside ±(2^53-1); write large or decimal values as strings");
        }
        return v.longValueExact();
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public String toString() {
        return text;
    }

    /** @return why {@code s} is not an RFC 8259 number, or null when it is one */
    static String grammarProblem(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return "missing digits";
        }
        if (s.charAt(i) == '0') {
            i++;
            if (i < n && isDigit(s.charAt(i))) {
                return "leading zero";
            }
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return "expected a digit";
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return "missing digits after '.'";
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return "missing exponent digits";
            }
        }
        return i == n ? null : "unexpected character at index " + i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
