package org.carbonledger.core.identifier;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A batch or lot number, GS1 Application Identifier (10): 1 to 20 characters of GS1 AI encodable character set 82
 * ({@code !"%&'()*+,-./0-9:;<=>?A-Z_a-z}). Case matters: {@code coil-7} and {@code COIL-7} are different lots.
 *
 * @param value the lot text
 */
public record Lot(String value) implements Comparable<Lot> {

    /** Maximum length of AI (10). */
    public static final int MAX_LENGTH = 20;

    /** Validates length and character set. */
    public Lot {
        Objects.requireNonNull(value, "value");
        validate(value, "lot");
    }

    /**
     * @param text the lot text
     * @param field the JSON path, for the error message
     * @return the lot
     * @throws LedgerRuleException (INVALID_LOT) naming the offending character and its position
     */
    public static Lot parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        validate(text, field);
        return new Lot(text);
    }

    /**
     * @param text the lot text
     * @return the lot
     */
    public static Lot parse(String text) {
        return parse(text, "lot");
    }

    /**
     * @param c a character
     * @return true when {@code c} is in GS1 AI encodable character set 82
     */
    public static boolean isCharacterSet82(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "!\"%&'()*+,-./:;<=>?_".indexOf(c) >= 0;
    }

    /**
     * Percent-encodes the lot for a GS1 Digital Link path segment: every character other than an RFC 3986
     * unreserved one ({@code A-Z a-z 0-9 - . _}) is written as {@code %XX} with uppercase hex, as GS1's own
     * syntax engine does. E.g. {@code A/B 1} cannot occur (space is not in set 82), {@code A/B} becomes
     * {@code A%2FB}.
     *
     * @return the encoded lot
     */
    public String percentEncoded() {
        StringBuilder out = new StringBuilder(value.length() * 3);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static void validate(String text, String field) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw LedgerRuleException.of(ErrorCode.INVALID_LOT, field, text,
                    "must have 1 to 20 characters, found " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isCharacterSet82(c)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_LOT, field, text,
                        "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                                + " is not in GS1 character set 82");
            }
        }
    }

    @Override
    public int compareTo(Lot other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
