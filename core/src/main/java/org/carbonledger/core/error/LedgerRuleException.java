package org.carbonledger.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A ledger rule refused an input. Every validation failure in {@code carbonledger-core} throws this.
 *
 * <p>The message is meant for a person: it names the field, quotes the offending value and says why it was
 * refused, e.g. {@code gtin "09506000134353": check digit is 3, expected 2}. Programs should branch on
 * {@link #code()} and may use {@link #field()} to point at the input.
 */
public final class LedgerRuleException extends RuntimeException {

    /** Values quoted in messages are cut here so a hostile multi-megabyte field cannot bloat logs and responses. */
    private static final int MAX_QUOTED_CHARS = 100;

    private final ErrorCode code;
    private final String field;
    private final Optional<Refusal.Item> item;

    /**
     * Creates an exception with a complete message.
     *
     * @param code the stable reason
     * @param field the JSON path of the offending field (e.g. {@code activity.amount}), or {@code ""} when the
     *     failure is not about one field
     * @param message the full human-readable message
     */
    public LedgerRuleException(ErrorCode code, String field, String message) {
        this(code, field, message, Optional.empty());
    }

    private LedgerRuleException(ErrorCode code, String field, String message, Optional<Refusal.Item> item) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.item = Objects.requireNonNull(item, "item");
    }

    /**
     * The same refusal, said of element {@code index} of a bulk submission: the field and the message are prefixed
     * with {@code records[index]} (the array's name is {@code arrayName}), and the element is named in
     * {@link #item()} so a client finds it without reading the message.
     *
     * @param arrayName the name of the submitted array, e.g. {@code records}
     * @param index the element's position, from 0
     * @param id the element's client-chosen id, when it had a readable one
     * @return the exception, for the caller to throw
     */
    public LedgerRuleException atItem(String arrayName, int index, Optional<String> id) {
        Objects.requireNonNull(arrayName, "arrayName");
        String path = arrayName + "[" + index + "]";
        return new LedgerRuleException(code, field.isEmpty() ? path : path + "." + field,
                path + ": " + getMessage(), Optional.of(new Refusal.Item(index, id)));
    }

    /**
     * Creates an exception whose message is {@code field "value": reason}.
     *
     * @param code the stable reason
     * @param field the JSON path of the offending field
     * @param value the offending value as the user wrote it (quoted and escaped in the message)
     * @param reason why it was refused
     * @return the exception, for the caller to throw
     */
    public static LedgerRuleException of(ErrorCode code, String field, String value, String reason) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        return new LedgerRuleException(code, field, field + " " + quote(value) + ": " + reason);
    }

    /**
     * Creates an exception whose message is {@code field: reason}, for failures where no single value can be quoted
     * (a missing member, a wrong JSON type).
     *
     * @param code the stable reason
     * @param field the JSON path of the offending field
     * @param reason why it was refused
     * @return the exception, for the caller to throw
     */
    public static LedgerRuleException ofField(ErrorCode code, String field, String reason) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        return new LedgerRuleException(code, field, field.isEmpty() ? reason : field + ": " + reason);
    }

    /** @return the stable reason a client can branch on */
    public ErrorCode code() {
        return code;
    }

    /** @return the JSON path of the offending field, or {@code ""} when the failure is not about one field */
    public String field() {
        return field;
    }

    /** @return in a bulk submission, the element that was refused */
    public Optional<Refusal.Item> item() {
        return item;
    }

    /**
     * Quotes a value for a message: JSON-style escaping of quotes, backslashes and control characters so the
     * message stays on one line and cannot be confused with its surroundings.
     *
     * @param value any text
     * @return the quoted text, cut after {@value #MAX_QUOTED_CHARS} characters
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED_CHARS) + 8).append('"');
        int limit = Math.min(value.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                // C0/C1 controls and line/paragraph separators would break the message onto several lines.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (value.length() > MAX_QUOTED_CHARS) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
