package org.carbonledger.core.identifier;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A client-chosen id of a record, transfer or attestation: a UUID in canonical lowercase text
 * ({@code 8-4-4-4-12} hex digits, e.g. {@code 0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59}). Any UUID version is accepted;
 * uppercase, braces, URN prefixes and other spellings are refused so an id has exactly one text form.
 *
 * @param value the canonical text
 */
public record LedgerId(String value) implements Comparable<LedgerId> {

    /** Validates the canonical form. */
    public LedgerId {
        Objects.requireNonNull(value, "value");
        validate(value, "id");
    }

    /**
     * @param text canonical lowercase UUID text
     * @param field the JSON path, for the error message (e.g. {@code recordId})
     * @return the id
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the field
     */
    public static LedgerId parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        validate(text, field);
        return new LedgerId(text);
    }

    private static void validate(String text, String field) {
        if (text.length() != 36) {
            throw invalid(text, field);
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw invalid(text, field);
            }
        }
    }

    private static LedgerRuleException invalid(String text, String field) {
        return LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                "must be a UUID in lowercase 8-4-4-4-12 hex form, e.g. 0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59");
    }

    @Override
    public int compareTo(LedgerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
