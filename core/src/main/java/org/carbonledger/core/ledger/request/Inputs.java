package org.carbonledger.core.ledger.request;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Validation of transaction arguments that are not domain values of their own (instants, page sizes, text shown to
 * people, links): the chaincode and the request records check them with the same code.
 */
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

    /**
     * Free text shown to people (on the consumer page among others): bounded, without control characters and without
     * bidirectional overrides, which could make a name display as something else.
     */
    public static String text(String value, String field, int maxLength) {
        if (value.length() > maxLength) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "control character at position " + (i + 1));
            }
            if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value,
                        "bidirectional override at position " + (i + 1));
            }
        }
        return value;
    }

    /** A name shown to people: text as above, and at least one visible character. */
    public static String name(String value, String field, int maxLength) {
        text(value, field, maxLength);
        boolean visible = value.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT);
        if (!visible) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "has no visible character");
        }
        return value;
    }

    /** Empty, or an absolute https URL (shown as a link to consumers, so no other scheme). */
    public static String httpsUrl(String value, String field) {
        if (value.isEmpty()) {
            return value;
        }
        text(value, field, 300);
        try {
            java.net.URI uri = new java.net.URI(value);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value, "must be an absolute https:// URL");
    }
}
