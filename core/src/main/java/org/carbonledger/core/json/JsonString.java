package org.carbonledger.core.json;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A JSON string. It never holds a lone UTF-16 surrogate, so it always has a well-formed UTF-8 encoding and a
 * unique canonical form.
 *
 * @param value the decoded text
 */
public record JsonString(String value) implements JsonValue {

    /** Validates that {@code value} is well-formed UTF-16. */
    public JsonString {
        Objects.requireNonNull(value, "value");
        int bad = firstLoneSurrogate(value);
        if (bad >= 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                    "string holds a lone surrogate U+" + String.format("%04X", (int) value.charAt(bad))
                            + " at index " + bad);
        }
    }

    /**
     * @param value the text
     * @return a JSON string holding it
     */
    public static JsonString of(String value) {
        return new JsonString(value);
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }

    /** @return the index of the first unpaired surrogate in {@code s}, or -1 */
    static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
