package org.carbonledger.core.quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Decimal arithmetic rules shared by every component.
 *
 * <ul>
 *   <li>Additions, subtractions and multiplications are exact ({@link BigDecimal#add}, {@link BigDecimal#subtract},
 *       {@link BigDecimal#multiply} without a context).</li>
 *   <li>Divisions use {@link #MC}: the exact quotient rounded half-even to 34 significant digits
 *       ({@code MathContext.DECIMAL128}); a quotient that fits in 34 digits is exact.</li>
 *   <li>Every decimal written to the ledger, hashed or signed uses {@link #canonical(BigDecimal)}.</li>
 * </ul>
 */
public final class Decimals {

    /** The one math context of the product: 34 significant digits, round half-even. */
    public static final MathContext MC = MathContext.DECIMAL128;

    private Decimals() {
    }

    /**
     * The canonical text of a decimal: plain digits (never an exponent), no trailing fraction zeros, no trailing
     * '.', {@code 0} for every zero (also {@code -0} and {@code 0.000}). Examples: {@code 1.50} → {@code 1.5},
     * {@code 1E+3} → {@code 1000}, {@code 0.00} → {@code 0}.
     *
     * @param value a decimal
     * @return its canonical text
     */
    public static String canonical(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * @param value a decimal
     * @return the same number with trailing zeros stripped ({@link BigDecimal#ZERO} for zero), so that
     *     {@link BigDecimal#equals} compares values
     */
    public static BigDecimal normalize(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /**
     * Reads a decimal that must already be in {@link #canonical} form, as stored on the ledger.
     *
     * @param text canonical decimal text, optionally with a leading {@code -}
     * @param field the JSON path, for the error message
     * @return the value
     * @throws LedgerRuleException (INVALID_AMOUNT) if the text is not canonical
     */
    public static BigDecimal parseCanonical(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        BigDecimal value = null;
        boolean plain = !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-');
        if (plain) {
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || !canonical(value).equals(text)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, text,
                    "not a canonical decimal (plain digits, no trailing fraction zeros, \"0\" for zero)");
        }
        return normalize(value);
    }

    /**
     * Rounds for display only (never for stored values): half-even to a fixed number of fraction digits.
     *
     * @param value a decimal
     * @param fractionDigits digits after the point
     * @return the rounded plain text, e.g. {@code 2.5} with 0 digits → {@code 2}
     */
    public static String display(BigDecimal value, int fractionDigits) {
        Objects.requireNonNull(value, "value");
        return value.setScale(fractionDigits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
