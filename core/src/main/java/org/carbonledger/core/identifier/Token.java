package org.carbonledger.core.identifier;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * The syntax of short names chosen by organizations (device ids, emission factor ids, dataset names): 1 to
 * {@code maxLength} characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. Restricting them keeps
 * them safe in ledger keys, URLs, file names and log lines.
 */
public final class Token {

    private Token() {
    }

    /**
     * @param text the candidate name
     * @param field the JSON path, for the error message
     * @param maxLength the longest allowed length
     * @return {@code text}, validated
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the offending character and its position
     */
    public static String require(String text, String field, int maxLength) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        if (text.isEmpty() || text.length() > maxLength) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                    "must have 1 to " + maxLength + " characters, found " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                        "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                                + (i == 0 ? " must be a letter or digit" : " is not one of A-Z a-z 0-9 . _ -"));
            }
        }
        return text;
    }
}
